package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The smallest program: one coroutine run by {@code Asyncio.run} (seed 002, "Basic asyncio.run()
 * syntax").
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def main():
 *     print("Hello ...")
 *     await asyncio.sleep(1)  # non-blocking delay
 *     print("... AsyncIO!")
 *
 * asyncio.run(main())
 * }
 *
 * <p>{@code async def} becomes a method; {@code await asyncio.sleep(1)} becomes a plain call of
 * {@code Asyncio.sleep}, which parks the calling task (a virtual thread) and lets the loop run
 * others.
 */
public final class HelloAsyncio {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public HelloAsyncio(PrintStream out) {
        this.out = out;
    }

    /** The async main. */
    public void main() {
        out.println("Hello ...");
        Asyncio.sleep(Duration.ofSeconds(1)); // non-blocking delay
        out.println("... AsyncIO!");
    }

    /** {@code ./aio run hello}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new HelloAsyncio(System.out).main());
    }
}
