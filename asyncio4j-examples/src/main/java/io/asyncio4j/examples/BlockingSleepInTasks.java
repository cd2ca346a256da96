package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.seconds;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The {@code time.sleep()} mistake and its fix: the first of seed 003's "common mistakes" (using
 * {@code time.sleep()} inside async functions), with seed 004's blocking {@code sync_example.py} as
 * the baseline.
 *
 * {@snippet lang=python :
 * import asyncio, time
 *
 * def fetch_data(data_id, delay):                    # seed 004, sync_example.py
 *     print(f"Fetching {data_id}...")
 *     time.sleep(delay)  # Blocks execution
 *     print(f"Fetched {data_id}")
 *     return data_id
 *
 * async def fetch_data_mistake(data_id, delay):      # seed 003, "Common mistakes"
 *     print(f"Fetching {data_id}...")
 *     time.sleep(delay)  # blocks the whole event loop: nothing else runs
 *     print(f"Fetched {data_id}")
 *     return data_id
 *
 * async def fetch_data_fixed(data_id, delay):
 *     print(f"Fetching {data_id}...")
 *     await asyncio.sleep(delay)
 *     print(f"Fetched {data_id}")
 *     return data_id
 *
 * async def main():
 *     print("=== blocking sleep, one call after the other ===")
 *     start = time.perf_counter()
 *     fetch_data("Data 1", 2)
 *     fetch_data("Data 2", 2)
 *     print(f"Total time: {time.perf_counter() - start:.2f} seconds")   # ~4 s
 *
 *     print("=== blocking sleep in two tasks ===")
 *     start = time.perf_counter()
 *     await asyncio.gather(fetch_data_mistake("Data 1", 2), fetch_data_mistake("Data 2", 2))
 *     print(f"Total time: {time.perf_counter() - start:.2f} seconds")   # ~4 s: the mistake
 *
 *     print("=== asyncio.sleep in two tasks ===")
 *     start = time.perf_counter()
 *     await asyncio.gather(fetch_data_fixed("Data 1", 2), fetch_data_fixed("Data 2", 2))
 *     print(f"Total time: {time.perf_counter() - start:.2f} seconds")   # ~2 s: the fix
 *
 * asyncio.run(main())
 * }
 *
 * <p>In CPython the middle part takes 4 s, and in the meantime the loop serves nobody: {@code
 * time.sleep} holds the loop's only thread. In asyncio4j a task is a virtual thread, and {@code
 * Thread.sleep} (like any blocking JDK call: a socket, JDBC, {@code BlockingQueue.take}) parks just
 * that task. The "mistake" takes 2 s, the same as the fix. What still holds the loop is CPU-heavy
 * work, file I/O and native calls: those belong in {@code Asyncio.toThread} (see {@link ToThread}).
 *
 * <p>The Java lines mirror the Python ones; {@code threadSleep} is {@code Thread::sleep}. (The test
 * passes a blocking wait that follows its virtual clock, so it checks "2 s, not 4" without waiting
 * real seconds.)
 */
public final class BlockingSleepInTasks {
    private final PrintStream out;
    private final BlockingSleep threadSleep;

    /** The program, printing to {@code out}, sleeping with {@code Thread.sleep}. */
    public BlockingSleepInTasks(PrintStream out) {
        this(out, BlockingSleep.THREAD_SLEEP);
    }

    /** The program with another blocking sleep. */
    public BlockingSleepInTasks(PrintStream out, BlockingSleep threadSleep) {
        this.out = out;
        this.threadSleep = threadSleep;
    }

    /** Blocking: Thread.sleep, seed 004's {@code time.sleep}. Safe inside a task. */
    String fetchData(String dataId, double delay) throws InterruptedException {
        out.println("Fetching " + dataId + "...");
        threadSleep.sleep(seconds(delay)); // blocks this task only
        out.println("Fetched " + dataId);
        return dataId;
    }

    /** The asyncio fix, for comparison: Asyncio.sleep. */
    String fetchDataAsync(String dataId, double delay) {
        out.println("Fetching " + dataId + "...");
        Asyncio.sleep(seconds(delay));
        out.println("Fetched " + dataId);
        return dataId;
    }

    /** The async main. */
    public void main() throws Exception {
        out.println("=== blocking sleep, one call after the other ===");
        double start = Timing.now();
        fetchData("Data 1", 2);
        fetchData("Data 2", 2);
        out.printf(Locale.ROOT, "Total time: %.2f seconds%n", Timing.now() - start);

        out.println("=== blocking sleep in two tasks ===");
        start = Timing.now();
        Asyncio.gather(() -> fetchData("Data 1", 2), () -> fetchData("Data 2", 2));
        out.printf(Locale.ROOT, "Total time: %.2f seconds (CPython: 4 s)%n", Timing.now() - start);

        out.println("=== Asyncio.sleep in two tasks ===");
        start = Timing.now();
        Asyncio.gather(() -> fetchDataAsync("Data 1", 2), () -> fetchDataAsync("Data 2", 2));
        out.printf(Locale.ROOT, "Total time: %.2f seconds%n", Timing.now() - start);
    }

    /** {@code ./aio run blocking-sleep}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new BlockingSleepInTasks(System.out).main());
    }
}
