package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 003's "common mistakes", and what becomes of each in asyncio4j.
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def fetch_data():
 *     await asyncio.sleep(1)
 *     print("fetch_data ran")
 *     return "Data received"
 *
 * async def main():
 *     # 1. Forgetting await: nothing runs
 *     #    (RuntimeWarning: coroutine 'fetch_data' was never awaited)
 *     fetch_data()
 *
 *     # 2. time.sleep() inside async functions: see blocking_sleep.py
 *
 *     # 3. Nesting asyncio.run() inside another event loop
 *     try:
 *         asyncio.run(fetch_data())
 *     except RuntimeError as e:
 *         print("nested asyncio.run:", e)
 *
 * asyncio.run(main())
 * }
 *
 * <ol>
 *   <li>There is no coroutine object to forget: {@code fetchData()} is a call, and a call runs the
 *       method to its end, which is what {@code await} does. A task created and never awaited runs
 *       too, and the loop keeps it alive; if it fails, the loop reports the exception rather than
 *       losing it.
 *   <li>{@code Thread.sleep} in a task parks that task only: see {@link BlockingSleepInTasks}.
 *   <li>{@code Asyncio.run} inside a running loop fails at once with {@link IllegalStateException},
 *       whose message says what to do instead.
 * </ol>
 */
public final class CommonMistakes {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public CommonMistakes(PrintStream out) {
        this.out = out;
    }

    String fetchData() {
        Asyncio.sleep(Duration.ofSeconds(1));
        out.println("fetchData ran");
        return "Data received";
    }

    /** The async main. */
    public void main() throws Exception {
        // 1. "Forgetting await": a call is an await, and a task runs whether awaited or not
        out.println("1. fetchData() returned: " + fetchData());
        Task<String> neverAwaited = Asyncio.createTask(this::fetchData);
        Asyncio.sleep(Duration.ofSeconds(2));
        out.println("1. a task nobody awaited ran too: " + neverAwaited.result());

        // 2. Thread.sleep() inside a task: see BlockingSleepInTasks

        // 3. Nesting Asyncio.run() inside a running loop
        try {
            Asyncio.run(this::fetchData);
        } catch (IllegalStateException e) {
            out.println("3. nested Asyncio.run: " + e.getMessage());
        }
    }

    /** {@code ./aio run common-mistakes}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new CommonMistakes(System.out).main());
    }
}
