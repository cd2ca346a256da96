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
        return Math.max(0, deadline - System.nanoTime());
    }

    @Override
    public String toString() {
        return "Clock.system()";
    }
}
