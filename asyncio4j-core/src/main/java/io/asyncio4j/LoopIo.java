package io.asyncio4j;

import io.asyncio4j.internal.Log;
import io.asyncio4j.internal.io.IoRegistration;
import io.asyncio4j.internal.io.SelectorDriver;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * A loop's channels: tasks parked until their channel is ready ({@code IoWait}, the sock_*
 * methods, the streams), and the callbacks of {@code addReader}/{@code addWriter}. The selector
 * and the registrations are {@link SelectorDriver}'s, which knows nothing of tasks; parking and
 * cancelling a task is this class's part, which is why it stays in {@code io.asyncio4j}.
 *
 * <p>Threads: the loop thread only (the tasks that wait run there too).
 */
final class LoopIo {
    private final Loop loop;
    private final SelectorDriver<Task<?>> selector;

    LoopIo(Loop loop, SelectorDriver<Task<?>> selector) {
        this.loop = loop;
        this.selector = selector;
    }

    /**
     * Parks {@code me}, the calling task, until {@code channel} is readable ({@code read}) or
     * writable; throws {@link CancelledError} if a cancellation ends the wait.
     */
    void waitFor(Task<?> me, SelectableChannel channel, boolean read) throws IOException {
        me.checkCancelled();
        IoRegistration<Task<?>> registration = selector.addWaiter(channel, read, me);
        me.suspend();
        if (registration.waiter(read) == me && !waitedFor(me, registration, read)) {
            throw me.cancelledError(); // here, not in waitedFor: see Task's overview
        }
    }

    /** Parks until the channel is ready (true) or a cancellation ends the wait (false). */
    private static boolean waitedFor(Task<?> me, IoRegistration<Task<?>> registration, boolean read) {
        while (registration.waiter(read) == me) {
            if (me.cancelPending()) {
                registration.cancelWait(read);
                return false;
            }
            me.suspend();
        }
        return true;
    }

    /**
     * Sets the callback the loop runs on every readiness of {@code channel} for reading ({@code
     * read}) or writing, until it is removed with a null {@code callback}: asyncio's {@code
     * add_reader}/{@code add_writer}.
     */
    void setCallback(SelectableChannel channel, boolean read, Runnable callback) throws IOException {
        loop.checkThread(read ? "addReader" : "addWriter");
        selector.setCallback(channel, read, callback);
    }

    /** Stops the reader ({@code read}) or writer callback of {@code channel}; whether there was one. */
    boolean removeCallback(SelectableChannel channel, boolean read) throws IOException {
        loop.checkThread(read ? "removeReader" : "removeWriter");
        return selector.removeCallback(channel, read);
    }

    /** Deregisters {@code channel}, which is being closed. */
    void forget(SelectableChannel channel) {
        loop.checkThread("IoWait.forget");
        selector.forget(channel);
    }

    /** Closes the selector; the last step of closing the loop. */
    void close() {
        try {
            selector.close();
        } catch (IOException e) {
            Log.core().log(System.Logger.Level.WARNING, "closing the selector of loop " + loop.name() + " failed", e);
        }
    }
}
