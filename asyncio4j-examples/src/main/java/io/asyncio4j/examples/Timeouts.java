package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Giving up after a while: {@code timeout}, {@code waitFor}, {@code shield} and {@code
 * timeoutOrNull}. The seeds never time anything out; a tutorial reader needs this next.
 *
 * {@snippet lang=python :
 * import asyncio
 *
 * async def slow_operation():
 *     await asyncio.sleep(3)
 *     return "finished"
 *
 * async def main():
 *     try:
 *         async with asyncio.timeout(1):
 *             await slow_operation()
 *     except TimeoutError:
 *         print("timeout: gave up after 1 s")
 *
 *     print("wait_for:", await asyncio.wait_for(slow_operation(), timeout=4))
 *
 *     task = asyncio.create_task(slow_operation())
 *     try:
 *         await asyncio.wait_for(asyncio.shield(task), timeout=1)
 *     except TimeoutError:
 *         print("shield: timed out after 1 s; the task goes on")
 *     print("shielded task:", await task)
 *
 * asyncio.run(main())
 * }
 *
 * <p>{@code async with asyncio.timeout(1):} is a lambda, {@code Asyncio.timeout(duration, () ->
 * ...)}: a try-with-resources block could not turn the body's cancellation into a {@link
 * TimeoutException}, because Java lets {@code close()} add to the body's exception but not replace
 * it. {@code TimeoutException} is {@code java.util.concurrent}'s. The last line has no asyncio
 * twin: {@code timeoutOrNull} (Kotlin's {@code withTimeoutOrNull}) returns null instead of throwing.
 */
public final class Timeouts {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public Timeouts(PrintStream out) {
        this.out = out;
    }

    String slowOperation() {
        Asyncio.sleep(Duration.ofSeconds(3));
        return "finished";
    }

    /** The async main. */
    public void main() throws Exception {
        try {
            Asyncio.timeout(Duration.ofSeconds(1), this::slowOperation);
        } catch (TimeoutException e) {
            out.println("timeout: gave up after 1 s");
        }

        out.println("waitFor: " + Asyncio.waitFor(Asyncio.createTask(this::slowOperation), Duration.ofSeconds(4)));

        Task<String> task = Asyncio.createTask(this::slowOperation);
        try {
            Asyncio.timeout(Duration.ofSeconds(1), () -> Asyncio.shield(task));
        } catch (TimeoutException e) {
            out.println("shield: timed out after 1 s; the task goes on");
        }
        out.println("shielded task: " + task.await());

        out.println("timeoutOrNull: " + Asyncio.timeoutOrNull(Duration.ofSeconds(1), this::slowOperation));
    }

    /** {@code ./aio run timeouts}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new Timeouts(System.out).main());
    }
}
