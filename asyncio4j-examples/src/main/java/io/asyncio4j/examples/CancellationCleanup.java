package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Cleaning up when cancelled, and why a cancellation cannot be swallowed. The seeds cancel a task
 * (seed 000) but never show its cleanup; this is the program they leave out, and the place where
 * asyncio4j deliberately differs from asyncio.
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def worker():
 *     print("worker: started")
 *     try:
 *         while True:
 *             print("worker: working")
 *             await asyncio.sleep(1)
 *     except asyncio.CancelledError:
 *         print("worker: cancelled, cleaning up")
 *         await asyncio.sleep(0.5)      # e.g. say goodbye to the server
 *         print("worker: cleanup done")
 *         raise
 *
 * async def swallower():
 *     try:
 *         await asyncio.sleep(10)
 *     except asyncio.CancelledError:
 *         print("swallower: swallowed the cancellation")
 *     await asyncio.sleep(1)
 *     print("swallower: still running")  # asyncio prints this; asyncio4j never does
 *
 * async def main():
 *     tasks = [asyncio.create_task(worker(), name="worker"),
 *              asyncio.create_task(swallower(), name="swallower")]
 *     await asyncio.sleep(2.5)
 *     for t in tasks:
 *         t.cancel()
 *     for t in tasks:
 *         try:
 *             await t
 *             print(f"{t.get_name()} ended normally")
 *         except asyncio.CancelledError:
 *             print(f"{t.get_name()} was cancelled")
 *
 * asyncio.run(main())
 * }
 *
 * <p>Two differences, both on purpose:
 *
 * <ul>
 *   <li>Cancellation is <em>level-triggered</em>: while the request stands, every suspension point
 *       throws {@link CancelledError} again. So the swallower's next {@code sleep} is cancelled
 *       too, and the task ends cancelled. In asyncio it would carry on (and {@code main} would
 *       print "swallower ended normally").
 *   <li>For the same reason, cleanup that must suspend (the worker's goodbye) runs inside {@link
 *       Asyncio#uncancellable}; a plain {@code sleep} in the {@code catch} block would be cancelled
 *       at once.
 * </ul>
 */
public final class CancellationCleanup {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public CancellationCleanup(PrintStream out) {
        this.out = out;
    }

    void worker() throws Exception {
        out.println("worker: started");
        try {
            while (true) {
                out.println("worker: working");
                Asyncio.sleep(Duration.ofSeconds(1));
            }
        } catch (CancelledError e) {
            out.println("worker: cancelled, cleaning up");
            Asyncio.uncancellable(() -> {
                Asyncio.sleep(Duration.ofMillis(500)); // e.g. say goodbye to the server
                return null;
            });
            out.println("worker: cleanup done");
            throw e;
        }
    }

    void swallower() {
        try {
            Asyncio.sleep(Duration.ofSeconds(10));
        } catch (CancelledError e) {
            out.println("swallower: swallowed the cancellation");
        }
        Asyncio.sleep(Duration.ofSeconds(1)); // cancelled again: the request still stands
        out.println("swallower: still running"); // never printed
    }

    /** The async main. */
    public void main() throws Exception {
        List<Task<Void>> tasks =
                List.of(Asyncio.createTask("worker", this::worker), Asyncio.createTask("swallower", this::swallower));
        Asyncio.sleep(Duration.ofMillis(2500));
        for (Task<Void> t : tasks) {
            t.cancel();
        }
        for (Task<Void> t : tasks) {
            try {
                t.await();
                out.println(t.getName() + " ended normally");
            } catch (CancelledError e) {
                out.println(t.getName() + " was cancelled");
            }
        }
    }

    /** {@code ./aio run cancellation-cleanup}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new CancellationCleanup(System.out).main());
    }
}
