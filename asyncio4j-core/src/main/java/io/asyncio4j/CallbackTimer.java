package io.asyncio4j;

import io.asyncio4j.internal.timer.TimerQueue;
import io.asyncio4j.lowlevel.TimerHandle;

/** A {@code callLater}/{@code callAt} timer. */
final class CallbackTimer extends TimerQueue.Timer implements TimerHandle {
    private final Loop loop;
    private final Runnable action;

    CallbackTimer(Loop loop, Runnable action) {
        this.loop = loop;
        this.action = action;
    }

    @Override
    public void fire() {
        action.run();
    }

    @Override
    public void cancel() {
        loop.checkThread("TimerHandle.cancel");
        loop.cancelTimer(this);
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
