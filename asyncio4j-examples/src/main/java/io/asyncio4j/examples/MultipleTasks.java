package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.seconds;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.util.List;

/**
 * Three tasks of 2 s, 1 s and 3 s gathered: they finish in the order of their delays, the results
 * come back in argument order, and the whole takes 3 s (seed 004, {@code multiple_tasks.py}).
 *
 * {@snippet lang=python :
 * import asyncio
 * async def task(name: str, delay: float):
 *     print(f"Starting {name}...")
 *     await asyncio.sleep(delay)
 *     print(f"Finished {name}")
 *     return f"Result from {name}"
 * async def main():
 *     # Run tasks concurrently
 *     results = await asyncio.gather(
 *         task("Task 1", 2),
 *         task("Task 2", 1),
 *         task("Task 3", 3)
 *     )
 *     print("All tasks completed:", results)
 * asyncio.run(main())
 * # Tasks run concurrently, not sequentially
 * }
 */
public final class MultipleTasks {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public MultipleTasks(PrintStream out) {
        this.out = out;
    }

    String task(String name, double delay) {
        out.println("Starting " + name + "...");
        Asyncio.sleep(seconds(delay));
        out.println("Finished " + name);
        return "Result from " + name;
    }

    /** The async main. */
    public void main() throws Exception {
        // Run tasks concurrently
        List<String> results =
                Asyncio.gather(() -> task("Task 1", 2), () -> task("Task 2", 1), () -> task("Task 3", 3));
        out.println("All tasks completed: " + results);
    }

    /** {@code ./aio run multiple-tasks}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new MultipleTasks(System.out).main());
    }
}
