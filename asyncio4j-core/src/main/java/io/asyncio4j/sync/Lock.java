package io.asyncio4j.sync;

import io.asyncio4j.AsyncRunnable;
import io.asyncio4j.Coroutine;
import io.asyncio4j.lowlevel.LoopBinding;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.lowlevel.ParkingLot;

/**
 * A mutual-exclusion lock for the tasks of one loop: asyncio's {@code Lock}. Not reentrant, not
 * owned (any task may release it), and fair: waiting tasks get it in the order they asked.
 *
 * {@snippet :
 * Lock lock = new Lock();
 * int balance = lock.withLock(() -> {
 *     int b = readBalance();      // may suspend; no other task enters meanwhile
 *     writeBalance(b - 10);
 *     return b - 10;
 * });
 * }
 *
 * <p>Release hands the lock straight to the first waiter, so a newcomer cannot overtake it.
 */
public final class Lock {
    private final LoopBinding binding = new LoopBinding("Lock");
    private final ParkingLot<Void> waiters = new ParkingLot<>();
    private boolean locked;

    /** An unlocked lock. */
    public Lock() {}

    /**
     * Acquires the lock, parking until it is free.
     *
     * <p><b>Cancellation.</b> A task cancelled while waiting does not get the lock and {@link
     * io.asyncio4j.CancelledError} is thrown: a waiter whose cancellation is pending is passed over
     * by {@link #release()}, and one that was handed the lock just before its cancellation hands it
     * on to the next waiter before throwing. The lock is never leaked; {@link #withLock} releases it
     * on every path.
     */
    public void acquire() {
        binding.check("acquire");
        while (true) {
            if (!locked && waiters.isEmpty()) {
                locked = true;
                return;
            }
            ParkingLot.Waiter<Void> w = waiters.park("Lock.acquire", null);
            if (w.isServed()) {
                if (Parking.cancelPending(w.task())) {
                    release();
                    throw Parking.cancelledError(w.task());
                }
                return;
            }
            // passed over while a cancellation stood that was then withdrawn: ask again
        }
    }

    /**
     * Releases the lock and hands it to the first waiting task, if any.
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public void release() {
        binding.check("release");
        if (!locked) {
            throw new IllegalStateException("Lock.release(): the lock is not locked");
        }
        if (waiters.serveFirst(null) == null) {
            locked = false;
        }
    }

    /** Whether the lock is held. */
    public boolean locked() {
        binding.check("locked");
        return locked;
    }

    /**
     * Runs {@code body} holding the lock and releases it on every path, including cancellation;
     * asyncio's {@code async with lock}.
     */
    public <T> T withLock(Coroutine<T> body) throws Exception {
        acquire();
        try {
            return body.call();
        } finally {
            release();
        }
    }

    /**
     * Like {@link #withLock(Coroutine)} for a body without a result.
     *
     * {@snippet :
     * lock.withLock(() -> {
     *     counter++;
     * });
     * }
     */
    public void withLock(AsyncRunnable body) throws Exception {
        withLock(body.asCoroutine());
    }

    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked" : "unlocked") + (waiters.isEmpty() ? "" : ", waiters=" + waiters.size())
                + "]";
    }
}
