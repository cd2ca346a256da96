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

    /**
     * A cancellation with a stack trace; or, when {@code shared}, one that can be thrown in many
     * tasks at once because nothing in it can change: no stack trace, no suppressed exceptions
     * (they are dropped), no cause.
     */
    CancelledError(String message, boolean shared) {
        super(message, null, !shared, !shared);
    }
}
