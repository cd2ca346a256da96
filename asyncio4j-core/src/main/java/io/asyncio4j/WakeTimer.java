package io.asyncio4j;

import io.asyncio4j.internal.timer.TimerQueue;

/**
 * A timer that wakes a task parked in {@code sleep}.
 *
 * <p>It stays in {@code io.asyncio4j}, not beside {@link TimerQueue} in {@code internal.timer},
 * because waking a task is {@code Task.wake()}, package-private so that users cannot make a parked
 * task ready; reaching it from outside would cost an indirection on the sleep path (W1).
 */
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
