package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A coroutine that returns a value (seed 004, {@code async_functions.py}).
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def greet(name: str):
 *     """Async function - returns a coroutine"""
 *     await asyncio.sleep(1)  # Simulate I/O operation
 *     return f"Hello, {name}!"
 *
 * async def main():
 *     result = await greet("Alice")
 *     print(result)
 *
 * asyncio.run(main())
 * }
 *
 * <p>In Java {@code greet} is a method returning {@code String}: calling it from a task waits for
 * its result, as {@code await greet("Alice")} does. To run it concurrently instead, make it a task:
 * {@code Asyncio.createTask(() -> greet("Alice"))} returns a {@code Task<String>}.
 */
public final class CoroutineResult {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public CoroutineResult(PrintStream out) {
        this.out = out;
    }

    /** Async function: suspends, then returns a greeting. */
    String greet(String name) {
        Asyncio.sleep(Duration.ofSeconds(1)); // Simulate I/O operation
        return "Hello, " + name + "!";
    }

    /** The async main. */
    public void main() {
        String result = greet("Alice");
        out.println(result);
    }

    /** {@code ./aio run coroutine-result}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new CoroutineResult(System.out).main());
    }
}
