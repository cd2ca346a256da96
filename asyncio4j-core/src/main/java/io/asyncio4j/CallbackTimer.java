package io.asyncio4j;

import io.asyncio4j.internal.timer.TimerQueue;
import io.asyncio4j.lowlevel.TimerHandle;

/**
 * A {@code callLater}/{@code callAt} timer.
 *
 * <p>It stays in {@code io.asyncio4j}, not beside {@link TimerQueue} in {@code internal.timer},
 * because it runs its callback in the scheduler's {@link ContextVar} values ({@code
 * ContextVar.enter}/{@code exit}, package-private) and checks the loop thread on cancel.
 */
final class CallbackTimer extends TimerQueue.Timer implements TimerHandle {
    private final Loop loop;
    private final Runnable action;
    /** The ContextVar values of whoever scheduled the timer. */
    private final Object[] context;

    CallbackTimer(Loop loop, Runnable action) {
        this.loop = loop;
        this.action = action;
        this.context = ContextVar.rootContext();
    }

    @Override
    public void fire() {
        Object[] previous = ContextVar.enter(context);
        try {
            action.run();
        } finally {
            ContextVar.exit(previous);
        }
    }

    @Override
    public void cancel() {
        loop.checkThread("TimerHandle.cancel");
        loop.cycle.cancelTimer(this);
    }

    @Override
    public long when() {
        return deadline();
    }

    @Override
    public String toString() {
        return "TimerHandle[when=" + deadline() + (isCancelled() ? ", cancelled" : "") + "]";
    }
}
