package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.seconds;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The same three fetches (2 s, 3 s, 1 s) gathered, then awaited one by one: 3 s against 6 s (seed
 * 002, "Sequential vs concurrent AsyncIO").
 *
 * {@snippet lang=python :
 * import asyncio
 * import time
 *
 * async def fetch_data(name, delay):
 *     print(f"Start fetching {name}")
 *     await asyncio.sleep(delay)  # simulate I/O
 *     print(f"Finished fetching {name}")
 *     return name
 *
 * async def run_concurrent():
 *     start = time.perf_counter()
 *
 *     # Run three coroutines concurrently
 *     results = await asyncio.gather(
 *         fetch_data("User", 2),
 *         fetch_data("Orders", 3),
 *         fetch_data("Notifications", 1),
 *     )
 *
 *     end = time.perf_counter()
 *     print("Results:", results)
 *     print(f"Concurrent total time: {end - start:.2f} seconds")
 *
 * async def run_sequential():
 *     start = time.perf_counter()
 *
 *     # Run the same coroutines sequentially
 *     r1 = await fetch_data("User", 2)
 *     r2 = await fetch_data("Orders", 3)
 *     r3 = await fetch_data("Notifications", 1)
 *
 *     end = time.perf_counter()
 *     print("Results:", [r1, r2, r3])
 *     print(f"Sequential total time: {end - start:.2f} seconds")
 *
 * async def main():
 *     print("=== Concurrent ===")
 *     await run_concurrent()
 *
 *     print("\n=== Sequential ===")
 *     await run_sequential()
 *
 * asyncio.run(main())
 * }
 */
public final class SequentialVsConcurrent {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public SequentialVsConcurrent(PrintStream out) {
        this.out = out;
    }

    String fetchData(String name, double delay) {
        out.println("Start fetching " + name);
        Asyncio.sleep(seconds(delay)); // simulate I/O
        out.println("Finished fetching " + name);
        return name;
    }

    void runConcurrent() throws Exception {
        double start = Timing.now();

        // Run three coroutines concurrently
        List<String> results = Asyncio.gather(
                () -> fetchData("User", 2), () -> fetchData("Orders", 3), () -> fetchData("Notifications", 1));

        double end = Timing.now();
        out.println("Results: " + results);
        out.printf(Locale.ROOT, "Concurrent total time: %.2f seconds%n", end - start);
    }

    void runSequential() {
        double start = Timing.now();

        // Run the same coroutines sequentially
        String r1 = fetchData("User", 2);
        String r2 = fetchData("Orders", 3);
        String r3 = fetchData("Notifications", 1);

        double end = Timing.now();
        out.println("Results: " + List.of(r1, r2, r3));
        out.printf(Locale.ROOT, "Sequential total time: %.2f seconds%n", end - start);
    }

    /** The async main. */
    public void main() throws Exception {
        out.println("=== Concurrent ===");
        runConcurrent();

        out.println("\n=== Sequential ===");
        runSequential();
    }

    /** {@code ./aio run sequential-vs-concurrent}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new SequentialVsConcurrent(System.out).main());
    }
}
