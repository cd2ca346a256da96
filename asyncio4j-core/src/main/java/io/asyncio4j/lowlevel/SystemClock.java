package io.asyncio4j.lowlevel;

/** {@link Clock#system()}: loop time is {@link System#nanoTime()} and idle means really waiting. */
final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long idleWait(long deadline, long activity) {
        if (deadline == Long.MAX_VALUE) {
            return -1;
        }
        long now = System.nanoTime();
        if (deadline <= now) {
            return 0; // also a deadline far in the past, where deadline - now would overflow
        }
        long wait = deadline - now;
        return wait < 0 ? Long.MAX_VALUE : wait;
    }

    @Override
    public String toString() {
        return "Clock.system()";
    }
}
