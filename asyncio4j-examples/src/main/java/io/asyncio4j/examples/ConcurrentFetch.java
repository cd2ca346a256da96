package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.seconds;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Two fetches of 2 s each, gathered: 2 s in all, where the blocking version takes 4 (seed 004,
 * {@code async_example.py}; its blocking twin {@code sync_example.py} is part of {@link
 * BlockingSleepInTasks}).
 *
 * {@snippet lang=python :
 * import asyncio
 * import time
 * async def fetch_data(data_id: str, delay: float):
 *     print(f"Fetching {data_id}...")
 *     await asyncio.sleep(delay) # Non-blocking
 *     print(f"Fetched {data_id}")
 *     return data_id
 * async def main():
 *     # Run tasks concurrently
 *     start = time.time()
 *     results = await asyncio.gather(
 *         fetch_data("Data 1", 2),
 *         fetch_data("Data 2", 2)
 *     )
 *     print(f"Total time: {time.time() - start:.2f} seconds")
 *     print("Results:", results)
 * asyncio.run(main())
 * # Total time: ~2 seconds (both tasks run in parallel)
 * }
 */
public final class ConcurrentFetch {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public ConcurrentFetch(PrintStream out) {
        this.out = out;
    }

    String fetchData(String dataId, double delay) {
        out.println("Fetching " + dataId + "...");
        Asyncio.sleep(seconds(delay)); // Non-blocking
        out.println("Fetched " + dataId);
        return dataId;
    }

    /** The async main. */
    public void main() throws Exception {
        // Run tasks concurrently
        double start = Timing.now();
        List<String> results = Asyncio.gather(() -> fetchData("Data 1", 2), () -> fetchData("Data 2", 2));
        out.printf(Locale.ROOT, "Total time: %.2f seconds%n", Timing.now() - start);
        out.println("Results: " + results);
    }

    /** {@code ./aio run concurrent-fetch}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new ConcurrentFetch(System.out).main());
    }
}
