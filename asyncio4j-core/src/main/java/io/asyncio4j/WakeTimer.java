package io.asyncio4j;

import io.asyncio4j.internal.timer.TimerQueue;

/** A timer that wakes a task parked in {@code sleep}. */
final class WakeTimer extends TimerQueue.Timer {
    private final Task<?> task;
    boolean fired;

    WakeTimer(Task<?> task) {
        this.task = task;
    }

    @Override
    public void fire() {
        fired = true;
        task.wake();
    }
}
