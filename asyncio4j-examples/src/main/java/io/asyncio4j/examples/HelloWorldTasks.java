package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Two tasks of 1 s each, awaited one after the other, finish in 1 s: both were running from the
 * moment they were created (seed 003, "Running multiple tasks").
 *
 * {@snippet lang=python :
 * import asyncio
 * async def say_hello():
 *     await asyncio.sleep(1)
 *     print("Hello")
 * async def say_world():
 *     await asyncio.sleep(1)
 *     print("World")
 * async def main():
 *     task1 = asyncio.create_task(say_hello())
 *     task2 = asyncio.create_task(say_world())
 *     await task1
 *     await task2
 * asyncio.run(main())
 * }
 *
 * <p>{@code await task} is {@code task.await()}.
 */
public final class HelloWorldTasks {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public HelloWorldTasks(PrintStream out) {
        this.out = out;
    }

    void sayHello() {
        Asyncio.sleep(Duration.ofSeconds(1));
        out.println("Hello");
    }

    void sayWorld() {
        Asyncio.sleep(Duration.ofSeconds(1));
        out.println("World");
    }

    /** The async main. */
    public void main() throws Exception {
        Task<Void> task1 = Asyncio.createTask(this::sayHello);
        Task<Void> task2 = Asyncio.createTask(this::sayWorld);
        task1.await();
        task2.await();
    }

    /** {@code ./aio run hello-world-tasks}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new HelloWorldTasks(System.out).main());
    }
}
