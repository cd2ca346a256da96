package io.asyncio4j.channel;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopClosedException;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.lowlevel.ParkingLot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One waiting party of a channel: a task (parked on its own loop) or a plain thread (blocked), and
 * how to wake it from any thread. The channel's lock guards its lot and the waiter's state (served,
 * refused when the channel closed, the item); waking after the lock is released only makes the
 * waiter look at its state again.
 */
final class Parker<T> extends ParkingLot.Waiter<T> {
    /** The blocked thread when the waiter is not a task, else null. */
    private final Thread thread;

    private Parker(Task<?> task, Thread thread, T item) {
        super(task, item);
        this.thread = thread;
    }

    /** A waiter for the current task, or the current thread when it is not a task. */
    static <T> Parker<T> forCurrent(T item) {
        Task<?> task = Parking.currentTaskOrNull();
        return new Parker<>(task, task == null ? Thread.currentThread() : null, item);
    }

    /** Waits until woken (or, for a task, until cancelled). Called without the channel's lock. */
    private void park() {
        Task<?> task = task();
        if (task != null) {
            Parking.park(task);
        } else {
            LockSupport.park(this);
        }
    }

    /** Whether waiting must stop because of cancellation (tasks) or interruption (threads). */
    private boolean interrupted() {
        Task<?> task = task();
        return task != null
                ? Parking.cancelPending(task)
                : Thread.currentThread().isInterrupted();
    }

    /**
     * The error to throw when {@link #interrupted()}: the task's cancellation, or for a plain
     * thread a {@link CancelledError} (its interrupt flag stays set).
     */
    private Error interruption() {
        Task<?> task = task();
        if (task != null) {
            return Parking.cancelledError(task);
        }
        return new CancelledError("the thread waiting on the channel was interrupted");
    }

    /**
     * Serves every waiter of {@code waiting} (under the channel's lock) and returns them; the caller
     * wakes them after releasing its lock. For channels whose waiters wait for "something changed".
     */
    static <T> List<Parker<T>> serveAll(ParkingLot<T> waiting) {
        List<Parker<T>> all = new ArrayList<>(waiting.size());
        ParkingLot.Waiter<T> w;
        while ((w = waiting.pollFirst()) != null) {
            w.serve(null);
            all.add((Parker<T>) w);
        }
        return all;
    }

    /**
     * Refuses every waiter of {@code waiting} (under the channel's lock: the channel closed) and
     * adds it to {@code toWake}.
     */
    static <T> void refuseAll(ParkingLot<T> waiting, List<Parker<T>> toWake) {
        ParkingLot.Waiter<T> w;
        while ((w = waiting.pollFirst()) != null) {
            w.refuse();
            toWake.add((Parker<T>) w);
        }
    }

    /** Takes the first waiter of {@code waiting} out of line (under the channel's lock), or null. */
    static <T> Parker<T> pollFirst(ParkingLot<T> waiting) {
        return (Parker<T>) waiting.pollFirst();
    }

    /**
     * Takes out of line (under the channel's lock) and returns the first waiter that can still be
     * served, or null. A waiter whose cancellation the caller can see is pending (a task of the
     * caller's own loop) or whose thread was interrupted is passed over: it leaves the line and
     * throws when it resumes, so the item does not go to a waiter that would lose it.
     */
    static <T> Parker<T> pollServable(ParkingLot<T> waiting) {
        Parker<T> p;
        while ((p = pollFirst(waiting)) != null) {
            if (!p.cancelSeenFromHere()) {
                return p;
            }
        }
        return null;
    }

    /**
     * Whether the caller can tell this waiter's cancellation is pending: a task of the caller's own
     * loop (another loop's task state is only read on its loop), or an interrupted thread.
     */
    private boolean cancelSeenFromHere() {
        Task<?> task = task();
        if (task == null) {
            return thread.isInterrupted();
        }
        return Parking.isLoopThread(task.loop()) && Parking.cancelPending(task);
    }

    /**
     * Parks {@code me} until it is served; throws if the channel closed or the waiter was
     * cancelled first (then it leaves {@code lot}, in O(1)). Called without the lock.
     *
     * @return true when served; false when it was passed over while a cancellation stood that was
     *     then withdrawn: it is out of line and the caller tries its operation again
     */
    static <T> boolean await(Parker<T> me, ReentrantLock lock, ParkingLot<T> lot) {
        while (true) {
            me.park();
            lock.lock();
            try {
                if (me.isServed()) {
                    return true;
                }
                if (me.isRefused()) {
                    throw new ChannelClosedException("the channel is closed");
                }
                if (me.interrupted()) {
                    lot.remove(me);
                    throw me.interruption();
                }
                if (!me.inLine()) {
                    return false;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Wakes the waiter from any thread. Called after releasing the channel's lock. */
    void wake() {
        Task<?> task = task();
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
