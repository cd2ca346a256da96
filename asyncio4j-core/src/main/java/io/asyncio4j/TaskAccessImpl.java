package io.asyncio4j;

import io.asyncio4j.internal.TaskAccess;

/** Gives {@code io.asyncio4j.lowlevel} the task operations it needs; see {@link TaskAccess}. */
final class TaskAccessImpl implements TaskAccess {
    static final TaskAccessImpl INSTANCE = new TaskAccessImpl();

    private TaskAccessImpl() {}

    @Override
    public Task<?> current() {
        return Task.current();
    }

    @Override
    public void suspend(Task<?> task) {
        task.suspend();
    }

    @Override
    public void wake(Task<?> task) {
        task.wake();
    }

    @Override
    public boolean cancelPending(Task<?> task) {
        return task.cancelPending();
    }

    @Override
    public CancelledError cancelledError(Task<?> task) {
        return task.cancelledError();
    }

    @Override
    public boolean isLoopThread(Loop loop) {
        return loop.isLoopThread();
    }

    @Override
    public void checkThread(Loop loop, String operation) {
        loop.checkThread(operation);
    }

    @Override
    public void waitIo(java.nio.channels.SelectableChannel channel, boolean read) throws java.io.IOException {
        Task<?> me = Task.currentOrThrow(read ? "IoWait.readable" : "IoWait.writable");
        me.loop.io.waitFor(me, channel, read);
    }

    @Override
    public void setIoCallback(java.nio.channels.SelectableChannel channel, boolean read, Runnable callback)
            throws java.io.IOException {
        Loop loop = Loop.currentOrNull();
        if (loop == null) {
            throw new IllegalStateException((read ? "addReader" : "addWriter") + " must be called on a loop");
        }
        loop.io.setCallback(channel, read, callback);
    }

    @Override
    public void forgetIo(java.nio.channels.SelectableChannel channel) {
        Loop loop = Loop.currentOrNull();
        if (loop == null) {
            throw new IllegalStateException("IoWait.forget must be called on a loop");
        }
        loop.io.forget(channel);
    }

    @Override
    public void atTurnEnd(Loop loop, Runnable action) {
        loop.cycle.atTurnEnd(action);
    }
}
