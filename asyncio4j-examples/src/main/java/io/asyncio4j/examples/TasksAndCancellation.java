package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.seconds;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Tasks finishing in the order of their delays, then a task cancelled (seed 000, "Tasks and
 * Cancellation").
 *
 * {@snippet lang=python :
 * async def worker(name: str, delay: float):
 *     print(f"{name} starting")
 *     await asyncio.sleep(delay)
 *     print(f"{name} done")
 *
 * async def run():
 *     tasks = [
 *         asyncio.create_task(worker("A", 1.0)),
 *         asyncio.create_task(worker("B", 0.5)),
 *         asyncio.create_task(worker("C", 2.0)),
 *     ]
 *     await asyncio.gather(*tasks)
 *     # B finishes first, then A, then C
 *
 *     # Cancel a task
 *     task = asyncio.create_task(worker("D", 100.0))
 *     await asyncio.sleep(0.1)
 *     task.cancel()
 *     try:
 *         await task
 *     except asyncio.CancelledError:
 *         print("D was cancelled")
 * }
 *
 * <p>{@code CancelledError} is an {@code Error} in asyncio4j, as it is a {@code BaseException} in
 * asyncio: a {@code catch (Exception e)} does not catch it by accident.
 */
public final class TasksAndCancellation {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public TasksAndCancellation(PrintStream out) {
        this.out = out;
    }

    void worker(String name, double delay) {
        out.println(name + " starting");
        Asyncio.sleep(seconds(delay));
        out.println(name + " done");
    }

    /** The async main (the seed calls it {@code run}). */
    public void main() throws Exception {
        List<Task<Void>> tasks = List.of(
                Asyncio.createTask(() -> worker("A", 1.0)),
                Asyncio.createTask(() -> worker("B", 0.5)),
                Asyncio.createTask(() -> worker("C", 2.0)));
        Asyncio.gather(tasks);
        // B finishes first, then A, then C

        // Cancel a task
        Task<Void> task = Asyncio.createTask(() -> worker("D", 100.0));
        Asyncio.sleep(Duration.ofMillis(100));
        task.cancel();
        try {
            task.await();
        } catch (CancelledError e) {
            out.println("D was cancelled");
        }
    }

    /** {@code ./aio run tasks-and-cancellation}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new TasksAndCancellation(System.out).main());
    }
}
