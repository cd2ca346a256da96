package io.asyncio4j.internal;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;

/**
 * The package-private task operations that {@code io.asyncio4j.lowlevel} exposes, handed over by
 * {@code io.asyncio4j} when {@code Task} is initialised (the JDK's SharedSecrets pattern). Lets
 * {@code Lock}, {@code Queue} and user-written primitives park tasks without making {@code Task}'s
 * internals public.
 */
public interface TaskAccess {
    /** The task running on the current thread, or null. */
    Task<?> current();

    /** Parks {@code task} (the current one) until woken by {@link #wake} or a cancellation. */
    void suspend(Task<?> task);

    /** Makes a task parked in {@link #suspend} runnable. */
    void wake(Task<?> task);

    /** Whether a cancellation is pending for {@code task} (level-triggered). */
    boolean cancelPending(Task<?> task);

    /** The error for {@code task}'s pending cancellation. */
    CancelledError cancelledError(Task<?> task);

    /** Whether the caller runs on {@code loop}. */
    boolean isLoopThread(Loop loop);

    /** Throws IllegalStateException naming {@code operation} unless the caller runs on {@code loop}. */
    void checkThread(Loop loop, String operation);

    /** Parks the current task until {@code channel} is readable ({@code read}) or writable. */
    void waitIo(java.nio.channels.SelectableChannel channel, boolean read) throws java.io.IOException;

    /** Deregisters {@code channel} from the current loop's selector. */
    void forgetIo(java.nio.channels.SelectableChannel channel);

    /**
     * Sets (or, with a null {@code callback}, removes) the callback the current loop runs on every
     * readiness of {@code channel} for reading ({@code read}) or writing. Loop thread only.
     */
    void setIoCallback(java.nio.channels.SelectableChannel channel, boolean read, Runnable callback)
            throws java.io.IOException;

    /**
     * Runs {@code action} once at the end of {@code loop}'s current cycle, after its ready entries
     * and before it polls or waits for I/O. Loop thread only.
     */
    void atTurnEnd(Loop loop, Runnable action);

    /** Installs the implementation; called once by {@code io.asyncio4j}. */
    static void install(TaskAccess access) {
        Holder.instance = access;
    }

    /** The implementation. */
    static TaskAccess get() {
        TaskAccess a = Holder.instance;
        if (a == null) {
            try {
                Class.forName("io.asyncio4j.Task", true, TaskAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = Holder.instance;
        }
        return a;
    }

    /** Where the implementation is kept. */
    final class Holder {
        static volatile TaskAccess instance;

        private Holder() {}
    }
}
