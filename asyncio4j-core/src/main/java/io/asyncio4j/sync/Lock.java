package io.asyncio4j.sync;

import io.asyncio4j.Coroutine;
import io.asyncio4j.lowlevel.LoopBinding;

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
    private final WaiterQueue waiters = new WaiterQueue();
    private boolean locked;

    /** An unlocked lock. */
    public Lock() {}

    /**
     * Acquires the lock, parking until it is free.
     *
     * <p><b>Cancellation.</b> If the task is cancelled while waiting, it does not get the lock and
     * {@link io.asyncio4j.CancelledError} is thrown — unless the lock was already handed to it, in
     * which case {@code acquire} returns normally holding the lock, and the cancellation is thrown
     * at the next suspension point. Either way the lock is never leaked; {@link #withLock} releases
     * it on every path.
     */
    public void acquire() {
        binding.check("acquire");
        if (!locked && waiters.isEmpty()) {
            locked = true;
            return;
        }
        waiters.await("Lock.acquire");
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
        if (!waiters.serveFirst()) {
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

    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked" : "unlocked") + (waiters.isEmpty() ? "" : ", waiters=" + waiters.size())
                + "]";
    }
}
