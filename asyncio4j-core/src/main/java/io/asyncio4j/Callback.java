package io.asyncio4j;

import io.asyncio4j.lowlevel.Handle;

/** A {@code callSoon} entry of the ready queue. Cancel is safe from any thread. */
final class Callback implements Runnable, Handle {
    private final Runnable action;
    private volatile boolean cancelled;

    Callback(Runnable action) {
        this.action = action;
    }

    @Override
    public void run() {
        if (!cancelled) {
            action.run();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "Handle[" + action + (cancelled ? ", cancelled" : "") + "]";
    }
}
