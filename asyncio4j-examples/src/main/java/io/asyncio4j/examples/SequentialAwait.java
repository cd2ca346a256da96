package io.asyncio4j.examples;

import static io.asyncio4j.examples.Timing.seconds;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;

/**
 * Awaiting one coroutine after another runs them one after another: 1 s + 2 s = 3 s (seed 001,
 * "async def and await – the basics").
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def greet(name, delay):
 *     await asyncio.sleep(delay)  # Non-blocking wait
 *     print(f"Hello, {name}!")
 *
 * async def main():
 *     # Run sequentially: takes 3s
 *     await greet("Alice", 1)
 *     await greet("Bob", 2)
 *
 * asyncio.run(main())
 * }
 *
 * <p>{@code await greet(...)} is a plain call, {@code greet(...)}: calling a method that suspends
 * runs it to its end, exactly what {@code await} does. There is no coroutine object to forget to
 * await.
 */
public final class SequentialAwait {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public SequentialAwait(PrintStream out) {
        this.out = out;
    }

    void greet(String name, double delay) {
        Asyncio.sleep(seconds(delay)); // Non-blocking wait
        out.println("Hello, " + name + "!");
    }

    /** The async main. */
    public void main() {
        // Run sequentially: takes 3s
        greet("Alice", 1);
        greet("Bob", 2);
    }

    /** {@code ./aio run sequential-await}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new SequentialAwait(System.out).main());
    }
}
