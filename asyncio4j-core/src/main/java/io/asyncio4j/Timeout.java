package io.asyncio4j;

import io.asyncio4j.internal.timer.TimerQueue;

/**
 * The deadline of one {@link Asyncio#timeout(java.time.Duration, Timeout.Body)} block, which the
 * block may move: asyncio's {@code Timeout}. Loop thread only.
 */
public final class Timeout {
    private final Task<?> task;
    final CancelScope scope;
    private Expiry expiry;
    private long deadline;
    /** Set when the block has ended: the deadline then means nothing and cannot move. */
    private boolean ended;

    Timeout(Task<?> task, long deadline) {
        this.task = task;
        this.scope = new CancelScope(task, false);
        this.deadline = deadline;
    }

    /** The body of a timeout block that can see (and move) its deadline. */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs the block. */
        T call(Timeout timeout) throws Exception;
    }

    /** The deadline in loop time ({@code loop.time()} nanoseconds), or {@link Long#MAX_VALUE} if none. */
    public long when() {
        return deadline;
    }

    /** Whether the deadline passed and the block was cancelled because of it. */
    public boolean expired() {
        return scope.cancelled;
    }

    /**
     * Moves the deadline to {@code when} (loop time); {@link Long#MAX_VALUE} removes it.
     *
     * @throws IllegalStateException if the deadline already expired, or the block has ended (as
     *     asyncio raises {@code RuntimeError})
     */
    public void reschedule(long when) {
        task.loop.checkThread("Timeout.reschedule");
        if (ended) {
            throw new IllegalStateException("the timeout block has ended; its deadline cannot be rescheduled");
        }
        if (scope.cancelled) {
            throw new IllegalStateException("the timeout already expired; it cannot be rescheduled");
        }
        if (expiry != null) {
            task.loop.cycle.cancelTimer(expiry);
            expiry = null;
        }
        deadline = when;
        arm();
    }

    void arm() {
        if (deadline != Long.MAX_VALUE) {
            if (deadline <= task.loop.time()) {
                scope.cancel("timeout");
            } else {
                expiry = new Expiry();
                task.loop.cycle.addTimer(expiry, deadline);
            }
        }
    }

    /** Cancels the pending expiry; called once, when the block ends. */
    void disarm() {
        ended = true;
        if (expiry != null) {
            task.loop.cycle.cancelTimer(expiry);
            expiry = null;
        }
    }

    /**
     * The timer that cancels the block's scope at the deadline. An inner class, not a timer in
     * {@code internal.timer}, because it cancels through {@link CancelScope}, package-private.
     */
    private final class Expiry extends TimerQueue.Timer {
        @Override
        public void fire() {
            scope.cancel("timeout");
        }
    }
}
