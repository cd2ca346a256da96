package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A blocking function run on a worker thread with {@code toThread} (seed 002, "Mixing blocking code
 * with AsyncIO").
 *
 * {@snippet lang=python :
 * import asyncio
 * import time
 *
 * def blocking_task(n):
 *     print(f"[blocking] Starting heavy computation {n}")
 *     time.sleep(2)  # blocks the thread
 *     print(f"[blocking] Finished computation {n}")
 *     return n * n
 *
 * async def main():
 *     print("Before blocking call")
 *
 *     # Offload blocking_task to a thread so the event loop is not blocked
 *     result = await asyncio.to_thread(blocking_task, 10)
 *
 *     print("After blocking call, result:", result)
 *
 * asyncio.run(main())
 * }
 *
 * <p>{@code asyncio.to_thread(blocking_task, 10)} takes the function and its arguments;
 * {@code Asyncio.toThread} takes a lambda, {@code () -> blockingTask(10)}. The task parks until the
 * worker (a platform thread of the loop's executor) returns. In asyncio4j a {@code Thread.sleep} in
 * a task would not block the loop anyway; {@code toThread} is for what does: CPU-heavy work, file
 * I/O, native calls. See {@link ResponsiveWhileBlocking}.
 */
public final class ToThread {
    private final PrintStream out;
    private final BlockingSleep threadSleep;

    /** The program, printing to {@code out}, sleeping with {@code Thread.sleep}. */
    public ToThread(PrintStream out) {
        this(out, BlockingSleep.THREAD_SLEEP);
    }

    /** The program with another blocking sleep. */
    public ToThread(PrintStream out, BlockingSleep threadSleep) {
        this.out = out;
        this.threadSleep = threadSleep;
    }

    int blockingTask(int n) throws InterruptedException {
        out.println("[blocking] Starting heavy computation " + n);
        threadSleep.sleep(Duration.ofSeconds(2)); // blocks the thread
        out.println("[blocking] Finished computation " + n);
        return n * n;
    }

    /** The async main. */
    public void main() throws Exception {
        out.println("Before blocking call");

        // Offload blockingTask to a thread so the event loop is not blocked
        int result = Asyncio.toThread(() -> blockingTask(10));

        out.println("After blocking call, result: " + result);
    }

    /** {@code ./aio run to-thread}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new ToThread(System.out).main());
    }
}
