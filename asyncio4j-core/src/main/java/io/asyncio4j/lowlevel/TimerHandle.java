package io.asyncio4j.lowlevel;

/** A callback scheduled at a loop time ({@code loop.callLater}, {@code callAt}). */
public interface TimerHandle extends Handle {
    /** The loop time, in nanoseconds of {@code loop.time()}, at which the callback runs. */
    long when();
}
