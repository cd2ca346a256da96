package io.asyncio4j.lowlevel;

import java.time.Duration;

/**
 * A clock for tests: loop time stands still while tasks run and jumps straight to the next timer
 * when every task is waiting, so {@code sleep(Duration.ofHours(1))} takes microseconds (Trio's
 * autojump {@code MockClock}, Kotlin's {@code runTest}).
 *
 * {@snippet :
 * try (Loop loop = Loop.open(LoopOptions.defaults().clock(new VirtualClock()))) {
 *     loop.run(() -> {
 *         Asyncio.sleep(Duration.ofHours(1)); // returns at once
 *         return loop.time();                 // 3_600_000_000_000 ns after the start
 *     });
 * }
 * }
 *
 * <p>The jump happens as soon as the loop has nothing ready ({@link #autojumpThreshold()} zero), so
 * work that finishes on another thread (a task in {@code Thread.sleep}, {@code toThread}, a real
 * socket) is not waited for before timers fire. For tests that mix timers with such work, build the
 * clock with a threshold: the loop then waits that much real time with nothing happening before it
 * jumps. Time starts at zero.
 */
public final class VirtualClock implements Clock {
    private final long thresholdNanos;
    private volatile long now;
    private long lastActivity = -1;

    /** A clock that jumps as soon as the loop is idle. */
    public VirtualClock() {
        this(Duration.ZERO);
    }

    /**
     * A clock that jumps after the loop has been idle for {@code autojumpThreshold} of real time.
     *
     * @throws IllegalArgumentException if the threshold is negative
     */
    public VirtualClock(Duration autojumpThreshold) {
        if (autojumpThreshold.isNegative()) {
            throw new IllegalArgumentException("autojump threshold must not be negative: " + autojumpThreshold);
        }
        this.thresholdNanos = autojumpThreshold.toNanos();
    }

    /** The real idle time after which the clock jumps to the next timer. */
    public Duration autojumpThreshold() {
        return Duration.ofNanos(thresholdNanos);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /**
     * Moves time forward by {@code delta}. Timers that became due fire at the loop's next cycle.
     * Call it from a task of the loop that uses this clock.
     *
     * @throws IllegalArgumentException if {@code delta} is negative
     */
    public void advance(Duration delta) {
        if (delta.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + delta);
        }
        long nanos;
        try {
            nanos = delta.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        long next = now + nanos;
        now = next < now ? Long.MAX_VALUE - 1 : next;
    }

    /** False: virtual time moves only while the loop is driven by a run, a submit, or closing. */
    @Override
    public boolean tracksRealTime() {
        return false;
    }

    @Override
    public long idleWait(long deadline, long activity) {
        if (deadline == Long.MAX_VALUE) {
            return -1;
        }
        if (deadline <= now) {
            return 0; // a timer is due: time need not move, so there is nothing to hold back
        }
        if (thresholdNanos > 0 && activity != lastActivity) {
            lastActivity = activity;
            return thresholdNanos;
        }
        if (deadline > now) {
            now = deadline;
        }
        return 0;
    }

    @Override
    public String toString() {
        return "VirtualClock[now=" + now + "ns]";
    }
}
