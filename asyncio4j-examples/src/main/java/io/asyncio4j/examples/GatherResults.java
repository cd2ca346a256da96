package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.seconds;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code gather} runs coroutines concurrently and returns their results in argument order: three
 * fetches of 2 s, 1 s and 2 s take 2 s, not 5 (seed 001, "asyncio.gather – true concurrency").
 *
 * {@snippet lang=python :
 * import asyncio
 * import time
 *
 * async def fetch(url, delay):
 *     await asyncio.sleep(delay)  # Simulate network I/O
 *     return f"Response from {url}"
 *
 * async def main():
 *     start = time.time()
 *
 *     # All three run concurrently — total ~2s not 6s
 *     results = await asyncio.gather(
 *         fetch("api.com/users", 2),
 *         fetch("api.com/posts", 1),
 *         fetch("api.com/data",  2)
 *     )
 *
 *     for r in results:
 *         print(r)
 *     print(f"Done in {time.time()-start:.1f}s")
 *
 * asyncio.run(main())
 * }
 *
 * <p>Python passes coroutine objects to {@code gather}; Java passes lambdas ({@code () -> fetch(...)}),
 * which {@code gather} starts as tasks. (The seed's comment says "not 6s"; the delays add up to 5.)
 */
public final class GatherResults {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public GatherResults(PrintStream out) {
        this.out = out;
    }

    String fetch(String url, double delay) {
        Asyncio.sleep(seconds(delay)); // Simulate network I/O
        return "Response from " + url;
    }

    /** The async main. */
    public void main() throws Exception {
        double start = Timing.now();

        // All three run concurrently — total ~2s not 5s
        List<String> results = Asyncio.gather(
                () -> fetch("api.com/users", 2), () -> fetch("api.com/posts", 1), () -> fetch("api.com/data", 2));

        for (String r : results) {
            out.println(r);
        }
        out.printf(Locale.ROOT, "Done in %.1fs%n", Timing.now() - start);
    }

    /** {@code ./aio run gather}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new GatherResults(System.out).main());
    }
}
