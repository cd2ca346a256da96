package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Two countdowns running at the same time: the first practice task of the asyncio overview (seed
 * 002), "define {@code countdown(n)} printing n down to 1 with {@code asyncio.sleep(1)} between
 * prints, and start two countdowns concurrently with {@code asyncio.gather()}".
 *
 * {@snippet lang=python :
 * import asyncio, time
 *
 * async def countdown(name, n):
 *     for i in range(n, 0, -1):
 *         print(f"{name}: {i}")
 *         await asyncio.sleep(1)
 *     print(f"{name}: liftoff!")
 *
 * async def main():
 *     start = time.perf_counter()
 *     await asyncio.gather(countdown("A", 3), countdown("B", 2))
 *     print(f"Both countdowns took {time.perf_counter() - start:.1f} s")
 *
 * asyncio.run(main())
 * }
 *
 * <p>A coroutine is a plain method that may suspend; {@code countdown} returns nothing, so each one
 * is started with {@code createTask} (a void lambda) and the tasks are gathered. Run with {@code
 * ./aio run countdown [a] [b]} to choose the two starting numbers.
 */
public final class ConcurrentCountdown {
    private final PrintStream out;
    private final int a;
    private final int b;

    /** The program with the tutorial's numbers, 3 and 2. */
    public ConcurrentCountdown(PrintStream out) {
        this(out, 3, 2);
    }

    /** The program counting down from {@code a} and {@code b}. */
    public ConcurrentCountdown(PrintStream out, int a, int b) {
        this.out = out;
        this.a = a;
        this.b = b;
    }

    void countdown(String name, int n) {
        for (int i = n; i >= 1; i--) {
            out.println(name + ": " + i);
            Asyncio.sleep(Duration.ofSeconds(1));
        }
        out.println(name + ": liftoff!");
    }

    /** The async main. */
    public void main() throws Exception {
        double start = Timing.now();
        Asyncio.gather(Asyncio.createTask(() -> countdown("A", a)), Asyncio.createTask(() -> countdown("B", b)));
        out.printf(Locale.ROOT, "Both countdowns took %.1f s%n", Timing.now() - start);
    }

    /** {@code ./aio run countdown [a] [b]}. */
    public static void main(String[] args) throws Exception {
        int a = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int b = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Asyncio.run(() -> new ConcurrentCountdown(System.out, a, b).main());
    }
}
