package io.asyncio4j;

import java.io.Serial;

/**
 * Thrown at a suspension point of a task that was cancelled; asyncio's {@code CancelledError}.
 *
 * <p>It is an {@link Error}, like asyncio's {@code BaseException}, so {@code catch (Exception e)}
 * does not swallow it. Cancellation is level-triggered: while the request stands, every further
 * suspension point of the task throws it again, so catching it once cannot keep a cancelled task
 * alive. Catch it only to clean up, then rethrow; run cleanup that must suspend inside {@link
 * Asyncio#uncancellable(Coroutine)}.
 */
public class CancelledError extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A cancellation without a message. */
    public CancelledError() {
        super();
    }

    /** A cancellation carrying the message given to {@code cancel(msg)}. */
    public CancelledError(String message) {
        super(message);
    }

    /** A cancellation caused by {@code cause} (an interrupted JDK call, say). */
    public CancelledError(String message, Throwable cause) {
        super(message, cause);
    }

    /** A cancellation without a stack trace when {@code withStackTrace} is false. */
    CancelledError(String message, boolean withStackTrace) {
        super(message, null, true, withStackTrace);
    }
}
