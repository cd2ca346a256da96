package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.seconds;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Five simulated file downloads at once, with the total elapsed time: the second practice task of
 * seed 002 ("each download accepts a filename and a delay; run them all concurrently and print the
 * total elapsed time"). 3 s in all, where one after another would take 9.
 *
 * {@snippet lang=python :
 * import asyncio, time
 *
 * FILES = [("report.pdf", 2.0), ("photo.jpg", 1.0), ("data.csv", 3.0),
 *          ("song.mp3", 2.5), ("notes.txt", 0.5)]
 *
 * async def download(filename, delay):
 *     print(f"Downloading {filename} ({delay} s)...")
 *     await asyncio.sleep(delay)
 *     print(f"Finished {filename}")
 *     return filename
 *
 * async def main():
 *     start = time.perf_counter()
 *     tasks = [asyncio.create_task(download(name, delay)) for name, delay in FILES]
 *     done = await asyncio.gather(*tasks)
 *     elapsed = time.perf_counter() - start
 *     one_by_one = sum(delay for _, delay in FILES)
 *     print(f"Downloaded {len(done)} files in {elapsed:.2f} s (one after another: {one_by_one:.2f} s)")
 *
 * asyncio.run(main())
 * }
 */
public final class SimulatedFileDownloads {
    /** A file to download and how long it takes. */
    record File(String name, double delay) {}

    static final List<File> FILES = List.of(
            new File("report.pdf", 2.0),
            new File("photo.jpg", 1.0),
            new File("data.csv", 3.0),
            new File("song.mp3", 2.5),
            new File("notes.txt", 0.5));

    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public SimulatedFileDownloads(PrintStream out) {
        this.out = out;
    }

    String download(String filename, double delay) {
        out.println("Downloading " + filename + " (" + delay + " s)...");
        Asyncio.sleep(seconds(delay));
        out.println("Finished " + filename);
        return filename;
    }

    /** The async main. */
    public void main() throws Exception {
        double start = Timing.now();
        List<Task<String>> tasks = new ArrayList<>();
        for (File f : FILES) {
            tasks.add(Asyncio.createTask(() -> download(f.name(), f.delay())));
        }
        List<String> done = Asyncio.gather(tasks);
        double elapsed = Timing.now() - start;
        double oneByOne = FILES.stream().mapToDouble(File::delay).sum();
        out.printf(
                Locale.ROOT,
                "Downloaded %d files in %.2f s (one after another: %.2f s)%n",
                done.size(),
                elapsed,
                oneByOne);
    }

    /** {@code ./aio run file-downloads}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new SimulatedFileDownloads(System.out).main());
    }
}
