package io.asyncio4j.lowlevel;

/** A callback scheduled on a loop ({@code loop.callSoon}); asyncio's {@code Handle}. */
public interface Handle {
    /** Prevents the callback from running if it has not run yet. Cancelling twice is harmless. */
    void cancel();

    /** Whether {@link #cancel()} was called. */
    boolean isCancelled();
}
