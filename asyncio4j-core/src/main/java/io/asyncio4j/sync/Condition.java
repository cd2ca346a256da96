package io.asyncio4j.sync;

import io.asyncio4j.AsyncRunnable;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.LoopBinding;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.lowlevel.ParkingLot;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for the tasks of one loop: asyncio's {@code Condition}. A task holding the
 * condition's lock waits with {@link #await()}, which releases the lock while waiting and takes it
 * back before returning; another task calls {@link #notify(int)} or {@link #notifyAllWaiters()}.
 *
 * {@snippet :
 * Condition ready = new Condition();
 * ready.withLock(() -> {
 *     ready.waitFor(() -> !items.isEmpty());
 *     return items.removeFirst();
 * });
 * }
 */
public final class Condition {
    private final LoopBinding binding = new LoopBinding("Condition");
    private final Lock lock;
    private final ParkingLot<Void> waiters = new ParkingLot<>();

    /** A condition with its own new lock. */
    public Condition() {
        this(new Lock());
    }

    /** A condition using {@code lock}. */
    public Condition(Lock lock) {
        this.lock = lock;
    }

    /** The condition's lock. */
    public Lock lock() {
        return lock;
    }

    /** Acquires the lock (see {@link Lock#acquire()}). */
    public void acquire() {
        lock.acquire();
    }

    /** Releases the lock (see {@link Lock#release()}). */
    public void release() {
        lock.release();
    }

    /** Whether the lock is held. */
    public boolean locked() {
        return lock.locked();
    }

    /** Runs {@code body} holding the lock; asyncio's {@code async with condition}. */
    public <T> T withLock(Coroutine<T> body) throws Exception {
        return lock.withLock(body);
    }

    /** Like {@link #withLock(Coroutine)} for a body without a result. */
    public void withLock(AsyncRunnable body) throws Exception {
        lock.withLock(body);
    }

    /**
     * Releases the lock, parks until notified, and takes the lock back.
     *
     * <p><b>Cancellation.</b> The task stops waiting, takes the lock back (cancellation cannot
     * interrupt that, so the caller's {@code finally} can rely on holding it), then throws {@link
     * io.asyncio4j.CancelledError}. That holds also for a cancellation that arrives after the
     * notification, while the lock is being taken back; the notification this task got then goes
     * to the next waiter, so none is lost.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void await() {
        binding.check("await");
        if (!lock.locked()) {
            throw new IllegalStateException("Condition.await() needs the lock: acquire it first (withLock)");
        }
        Task<?> me = Parking.currentTask("Condition.await");
        Parking.checkCancelled(me);
        lock.release();
        boolean notified = false;
        try {
            while (!notified) {
                // not served: passed over while a cancellation stood that was then withdrawn
                notified = waiters.park("Condition.await", null).isServed();
            }
        } finally {
            reacquire();
        }
        if (Parking.cancelPending(me)) {
            notifyUnchecked(1);
            throw Parking.cancelledError(me);
        }
    }

    private void reacquire() {
        try {
            Asyncio.uncancellable(() -> {
                lock.acquire();
                return null;
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unreachable: Lock.acquire throws no checked exception", e);
        }
    }

    /** Waits (as {@link #await()}) until {@code predicate} holds; returns at once if it does. */
    public void waitFor(BooleanSupplier predicate) {
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /**
     * Wakes up to {@code n} waiting tasks. (Call it with an argument: the no-argument {@code
     * notify()} is {@link Object#notify()}; use {@link #notifyOne()}.)
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void notify(int n) {
        binding.check("notify");
        if (!lock.locked()) {
            throw new IllegalStateException("Condition.notify() needs the lock: acquire it first (withLock)");
        }
        notifyUnchecked(n);
    }

    private void notifyUnchecked(int n) {
        for (int i = 0; i < n && waiters.serveFirst(null) != null; i++) {
            // FIFO; waiters whose cancellation is pending are passed over
        }
    }

    /** Wakes one waiting task. */
    public void notifyOne() {
        notify(1);
    }

    /**
     * Wakes every waiting task; asyncio's {@code notify_all} ({@code notifyAll} is taken by {@link
     * Object}).
     */
    public void notifyAllWaiters() {
        notify(Integer.MAX_VALUE);
    }
}
