package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Two tasks created with {@code createTask}, then gathered: 2 s in all, not 3 (seed 002, "Tasks and
 * asyncio.gather() syntax").
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def worker(name, delay):
 *     print(f"{name} started")
 *     await asyncio.sleep(delay)
 *     print(f"{name} finished after {delay} seconds")
 *     return delay
 *
 * async def main():
 *     task1 = asyncio.create_task(worker("Task A", 2))
 *     task2 = asyncio.create_task(worker("Task B", 1))
 *
 *     # Wait for both tasks concurrently
 *     results = await asyncio.gather(task1, task2)
 *     print("All done! Results:", results)
 *
 * asyncio.run(main())
 * }
 */
public final class CreateTaskAndGather {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public CreateTaskAndGather(PrintStream out) {
        this.out = out;
    }

    int worker(String name, int delay) {
        out.println(name + " started");
        Asyncio.sleep(Duration.ofSeconds(delay));
        out.println(name + " finished after " + delay + " seconds");
        return delay;
    }

    /** The async main. */
    public void main() throws Exception {
        Task<Integer> task1 = Asyncio.createTask(() -> worker("Task A", 2));
        Task<Integer> task2 = Asyncio.createTask(() -> worker("Task B", 1));

        // Wait for both tasks concurrently
        List<Integer> results = Asyncio.gather(task1, task2);
        out.println("All done! Results: " + results);
    }

    /** {@code ./aio run create-task}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new CreateTaskAndGather(System.out).main());
    }
}
