package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The event loop itself: what {@code asyncio.run} hides. The seeds describe the loop (seed 003,
 * "The Event Loop": a task manager that lets functions pause and resume) without a program; this is
 * the program.
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     start = loop.time()
 *     loop.call_soon(print, "call_soon: runs at the loop's next turn")
 *     loop.call_later(0.5, print, "call_later: runs 0.5 s later")
 *     print("main: two callbacks scheduled; sleeping 1 s")
 *     await asyncio.sleep(1)
 *     print(f"main: woke up after {loop.time() - start:.1f} s")
 *     return "done"
 *
 * with asyncio.Runner() as runner:      # open a loop
 *     print("run returned:", runner.run(main()))
 *     print("run returned:", runner.run(main()))   # the same loop, again
 * # leaving the block closes the loop
 * }
 *
 * <p>{@code asyncio.Runner} is {@link Loop}: {@code Loop.open(options)}, {@code loop.run(coro)} as
 * often as needed, {@code close()} (try-with-resources). Loop time is in nanoseconds. The loop runs
 * on one platform thread; every task and callback of the loop takes turns on it.
 */
public final class EventLoopBasics {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public EventLoopBasics(PrintStream out) {
        this.out = out;
    }

    String main() {
        Loop loop = Asyncio.currentLoop();
        long start = loop.time();
        loop.callSoon(() -> out.println("callSoon: runs at the loop's next turn"));
        loop.callLater(Duration.ofMillis(500), () -> out.println("callLater: runs 0.5 s later"));
        out.println("main: two callbacks scheduled; sleeping 1 s");
        Asyncio.sleep(Duration.ofSeconds(1));
        out.printf(Locale.ROOT, "main: woke up after %.1f s%n", (loop.time() - start) / 1e9);
        return "done";
    }

    /** Opens a loop with {@code options}, runs {@code main} on it twice, and closes it. */
    public void run(LoopOptions options) throws Exception {
        try (Loop loop = Loop.open(options)) { // open a loop
            out.println("run returned: " + loop.run(this::main));
            out.println("run returned: " + loop.run(this::main)); // the same loop, again
        } // leaving the block closes the loop
    }

    /** {@code ./aio run event-loop}. */
    public static void main(String[] args) throws Exception {
        new EventLoopBasics(System.out).run(LoopOptions.defaults());
    }
}
