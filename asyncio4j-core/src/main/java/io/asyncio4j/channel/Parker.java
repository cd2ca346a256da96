package io.asyncio4j.channel;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopClosedException;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.Parking;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One waiting party of a channel: a task (parked on its own loop) or a plain thread (blocked), and
 * how to wake it from any thread. The channel's lock guards {@link #served}; waking after the
 * lock is released only makes the waiter look at it again.
 */
final class Parker<T> {
    final Task<?> task;
    final Thread thread;
    /** Set under the channel's lock when the operation was completed for this waiter. */
    boolean served;
    /** Set under the channel's lock when the channel closed while waiting. */
    boolean closed;
    /** The item handed over (to a receiver) or offered (by a sender). */
    T item;

    private Parker(Task<?> task, Thread thread, T item) {
        this.task = task;
        this.thread = thread;
        this.item = item;
    }

    /** A waiter for the current task, or the current thread when it is not a task. */
    static <T> Parker<T> forCurrent(T item) {
        Task<?> task = Parking.currentTaskOrNull();
        return new Parker<>(task, task == null ? Thread.currentThread() : null, item);
    }

    /** Waits until woken (or, for a task, until cancelled). Called without the channel's lock. */
    void park() {
        if (task != null) {
            Parking.park(task);
        } else {
            LockSupport.park(this);
        }
    }

    /** Whether waiting must stop because of cancellation (tasks) or interruption (threads). */
    boolean interrupted() {
        return task != null
                ? Parking.cancelPending(task)
                : Thread.currentThread().isInterrupted();
    }

    /**
     * The error to throw when {@link #interrupted()}: the task's cancellation, or for a plain
     * thread a {@link CancelledError} (its interrupt flag stays set).
     */
    Error interruption() {
        if (task != null) {
            return Parking.cancelledError(task);
        }
        return new CancelledError("the thread waiting on the channel was interrupted");
    }

    /**
     * Marks every waiter of {@code waiting} served and empties the list; the caller wakes them
     * after releasing its lock. For channels whose waiters wait for "something changed".
     */
    static <T> List<Parker<T>> serveAll(List<Parker<T>> waiting) {
        List<Parker<T>> all = new ArrayList<>(waiting);
        waiting.clear();
        for (Parker<T> p : all) {
            p.served = true;
        }
        return all;
    }

    /**
     * Parks {@code me} until it is served; throws if the channel closed or the waiter was
     * cancelled first (then it leaves {@code queue}). Called without the lock.
     */
    static <T> void await(Parker<T> me, ReentrantLock lock, Collection<Parker<T>> queue) {
        while (true) {
            me.park();
            lock.lock();
            try {
                if (me.served) {
                    return;
                }
                if (me.closed) {
                    throw new ChannelClosedException("the channel is closed");
                }
                if (me.interrupted()) {
                    queue.remove(me);
                    throw me.interruption();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Wakes the waiter from any thread. Called after releasing the channel's lock. */
    void wake() {
        if (task == null) {
            LockSupport.unpark(thread);
            return;
        }
        Loop loop = task.loop();
        if (Parking.isLoopThread(loop)) {
            Parking.unpark(task);
        } else {
            try {
                loop.callSoonThreadsafe(() -> Parking.unpark(task));
            } catch (LoopClosedException e) {
                // the waiting task went away with its loop
            }
        }
    }
}
