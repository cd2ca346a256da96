package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The same function written synchronously and asynchronously (seed 003, "Synchronous vs
 * Asynchronous").
 *
 * {@snippet lang=python :
 * # Synchronous version
 * import time
 * def fetch_data():
 *     time.sleep(2)
 *     return "Data received"
 * print(fetch_data())
 *
 * # Asynchronous version
 * import asyncio
 * async def fetch_data():
 *     await asyncio.sleep(2)
 *     return "Data received"
 * async def main():
 *     result = await fetch_data()
 *     print(result)
 * asyncio.run(main())
 * }
 *
 * <p>The synchronous version runs on the main thread, outside any loop. In asyncio4j it could just
 * as well run inside a task: {@code Thread.sleep} there parks the task, not the loop (see {@link
 * BlockingSleepInTasks}).
 */
public final class SyncVsAsync {
    private final PrintStream out;
    private final BlockingSleep threadSleep;

    /** The program, printing to {@code out} and sleeping with {@code Thread.sleep}. */
    public SyncVsAsync(PrintStream out) {
        this(out, BlockingSleep.THREAD_SLEEP);
    }

    /** The program with another blocking sleep (tests use one that does not take real time). */
    public SyncVsAsync(PrintStream out, BlockingSleep threadSleep) {
        this.out = out;
        this.threadSleep = threadSleep;
    }

    // Synchronous version

    String fetchDataSync() throws InterruptedException {
        threadSleep.sleep(Duration.ofSeconds(2));
        return "Data received";
    }

    /** The synchronous program: no loop at all. */
    public void mainSync() throws InterruptedException {
        out.println(fetchDataSync());
    }

    // Asynchronous version

    String fetchData() {
        Asyncio.sleep(Duration.ofSeconds(2));
        return "Data received";
    }

    /** The async main. */
    public void main() {
        String result = fetchData();
        out.println(result);
    }

    /** {@code ./aio run sync-vs-async}. */
    public static void main(String[] args) throws Exception {
        SyncVsAsync program = new SyncVsAsync(System.out);
        program.mainSync();
        Asyncio.run(() -> program.main());
    }
}
