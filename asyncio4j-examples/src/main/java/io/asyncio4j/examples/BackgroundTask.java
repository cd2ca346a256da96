package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A task running in the background while main does other work, then cancelled (seed 001,
 * "asyncio.create_task – background tasks").
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def background_worker():
 *     while True:
 *         print("Background: heartbeat")
 *         await asyncio.sleep(5)
 *
 * async def main():
 *     task = asyncio.create_task(background_worker())
 *
 *     # Do other work while background runs
 *     await asyncio.sleep(0)   # Yield control
 *     print("Main: doing work")
 *     task.cancel()            # Stop background
 *
 * asyncio.run(main())
 * }
 *
 * <p>{@code asyncio.sleep(0)} is {@code Asyncio.yieldNow()}. As with {@code asyncio.run}, {@code
 * Asyncio.run} cancels and awaits the tasks still running when main returns, so the cancelled worker
 * ends before the program does. The loop keeps a reference to every running task: the "task
 * vanished because nobody referenced it" bug of asyncio cannot happen.
 */
public final class BackgroundTask {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public BackgroundTask(PrintStream out) {
        this.out = out;
    }

    void backgroundWorker() {
        while (true) {
            out.println("Background: heartbeat");
            Asyncio.sleep(Duration.ofSeconds(5));
        }
    }

    /** The async main. */
    public void main() {
        Task<Void> task = Asyncio.createTask(this::backgroundWorker);

        // Do other work while background runs
        Asyncio.yieldNow(); // Yield control
        out.println("Main: doing work");
        task.cancel(); // Stop background
    }

    /** {@code ./aio run background-task}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new BackgroundTask(System.out).main());
    }
}
