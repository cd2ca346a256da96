package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Three simulated page downloads of 1.5 s each, as tasks, gathered: 1.5 s in all (seed 002,
 * "Simple async HTTP-like example (simulated)").
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def get_page(url):
 *     print(f"Downloading {url} ...")
 *     await asyncio.sleep(1.5)  # simulate network delay
 *     print(f"Finished {url}")
 *     return f"<html>Fake content for {url}</html>"
 *
 * async def main():
 *     urls = [
 *         "https://example.com",
 *         "https://example.com/blog",
 *         "https://example.com/about",
 *     ]
 *
 *     tasks = [asyncio.create_task(get_page(u)) for u in urls]
 *     pages = await asyncio.gather(*tasks)
 *
 *     print("\nDownloaded pages:")
 *     for u, p in zip(urls, pages):
 *         print(u, "->", len(p), "chars")
 *
 * asyncio.run(main())
 * }
 */
public final class SimulatedPageDownloads {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public SimulatedPageDownloads(PrintStream out) {
        this.out = out;
    }

    String getPage(String url) {
        out.println("Downloading " + url + " ...");
        Asyncio.sleep(Duration.ofMillis(1500)); // simulate network delay
        out.println("Finished " + url);
        return "<html>Fake content for " + url + "</html>";
    }

    /** The async main. */
    public void main() throws Exception {
        List<String> urls = List.of("https://example.com", "https://example.com/blog", "https://example.com/about");

        List<Task<String>> tasks = new ArrayList<>();
        for (String u : urls) {
            tasks.add(Asyncio.createTask(() -> getPage(u)));
        }
        List<String> pages = Asyncio.gather(tasks);

        out.println("\nDownloaded pages:");
        for (int i = 0; i < urls.size(); i++) {
            out.println(urls.get(i) + " -> " + pages.get(i).length() + " chars");
        }
    }

    /** {@code ./aio run page-downloads}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new SimulatedPageDownloads(System.out).main());
    }
}
