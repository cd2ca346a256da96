package io.asyncio4j.lowlevel;

/**
 * Where a loop reads the time and how long it may sleep when it has nothing to do.
 *
 * <p>The loop calls both methods from its own thread only. {@link #system()} is the monotonic
 * system clock; {@link VirtualClock} is a test clock that jumps to the next timer instead of
 * sleeping.
 */
public interface Clock {
    /** The current loop time in nanoseconds; monotonic, with an arbitrary origin. */
    long nanoTime();

    /**
     * Called when the loop has nothing ready to run.
     *
     * @param deadline the earliest timer's deadline, or {@link Long#MAX_VALUE} when there is none
     * @param activity a counter of callbacks the loop has run so far; it changes when anything
     *     happened since the previous call
     * @return how many real nanoseconds the loop may block waiting for I/O or a wake-up from another
     *     thread: {@code 0} to only poll, a negative value to block until woken
     */
    long idleWait(long deadline, long activity);

    /**
     * Whether time passes on its own. A clock that does not ({@link VirtualClock}) only moves while
     * someone waits for the loop ({@code loop.run}, {@code loop.submit}) or while it closes, so
     * tasks left on an idle loop do not race ahead in time between two runs.
     */
    default boolean tracksRealTime() {
        return true;
    }

    /** The monotonic system clock ({@link System#nanoTime()}). */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
