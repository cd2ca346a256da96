package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A CPU-heavy computation in {@code toThread} while the loop keeps printing "still responsive": the
 * third practice task of seed 002 ("use {@code asyncio.to_thread()} to run a blocking function
 * (like computing Fibonacci); show that your async loop can keep printing a 'still responsive'
 * message while the blocking work runs in the thread").
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * def fib(n):
 *     return n if n < 2 else fib(n - 1) + fib(n - 2)
 *
 * async def ticker():
 *     while True:
 *         print("... still responsive")
 *         await asyncio.sleep(0.25)
 *
 * async def main(n=32):
 *     print(f"Computing fib({n}) in a worker thread")
 *     tick = asyncio.create_task(ticker())
 *     result = await asyncio.to_thread(fib, n)
 *     tick.cancel()
 *     print(f"fib({n}) = {result}")
 *
 * asyncio.run(main())
 * }
 *
 * <p>Unlike {@code Thread.sleep}, a CPU-bound loop in a task would hold the loop's thread: the
 * ticker would fall silent until it ends. In {@code toThread} it runs on a platform thread and the
 * ticker keeps ticking. The number of ticks depends on how fast the machine computes; {@code ./aio
 * run responsive [n]} picks the Fibonacci number (default 42: a second or two).
 */
public final class ResponsiveWhileBlocking {
    private final PrintStream out;
    private final int n;

    /** The program computing fib(42). */
    public ResponsiveWhileBlocking(PrintStream out) {
        this(out, 42);
    }

    /** The program computing fib({@code n}). */
    public ResponsiveWhileBlocking(PrintStream out, int n) {
        this.out = out;
        this.n = n;
    }

    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    void ticker() {
        while (true) {
            out.println("... still responsive");
            Asyncio.sleep(Duration.ofMillis(250));
        }
    }

    /** The async main. */
    public void main() throws Exception {
        out.println("Computing fib(" + n + ") in a worker thread");
        Task<Void> tick = Asyncio.createTask(this::ticker);
        long result = Asyncio.toThread(() -> fib(n));
        tick.cancel();
        out.println("fib(" + n + ") = " + result);
    }

    /** {@code ./aio run responsive [n]}. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 42;
        Asyncio.run(() -> new ResponsiveWhileBlocking(System.out, n).main());
    }
}
