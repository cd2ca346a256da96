package io.asyncio4j;

import io.asyncio4j.lowlevel.Handle;

/** A {@code callSoon} entry of the ready queue. Cancel is safe from any thread. */
final class Callback implements Runnable, Handle {
    private final Runnable action;
    /** The ContextVar values of whoever scheduled the callback. */
    private final Object[] context;

    private volatile boolean cancelled;

    Callback(Runnable action) {
        this(action, ContextVar.rootContext());
    }

    Callback(Runnable action, Object[] context) {
        this.action = action;
        this.context = context;
    }

    @Override
    public void run() {
        if (!cancelled) {
            Object[] previous = ContextVar.enter(context);
            try {
                action.run();
            } finally {
                ContextVar.exit(previous);
            }
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
