package io.asyncio4j.sync;

import io.asyncio4j.AsyncRunnable;
import io.asyncio4j.Coroutine;
import io.asyncio4j.lowlevel.LoopBinding;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.lowlevel.ParkingLot;

/**
 * A counter of permits for the tasks of one loop: asyncio's {@code Semaphore}. {@link #acquire()}
 * takes a permit, parking while none is left; {@link #release()} returns one. Fair: waiting tasks get
 * permits in the order they asked.
 *
 * {@snippet :
 * Semaphore limit = new Semaphore(10); // at most 10 downloads at once
 * String page = limit.withPermit(() -> download(url));
 * }
 */
public sealed class Semaphore permits BoundedSemaphore {
    final LoopBinding binding;
    private final ParkingLot<Void> waiters = new ParkingLot<>();
    private int value;

    /**
     * A semaphore with {@code permits} permits.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public Semaphore(int permits) {
        this(permits, "Semaphore");
    }

    Semaphore(int permits, String kind) {
        if (permits < 0) {
            throw new IllegalArgumentException(kind + " needs a permit count of 0 or more: " + permits);
        }
        this.value = permits;
        this.binding = new LoopBinding(kind);
    }

    /**
     * Takes a permit, parking until one is free.
     *
     * <p><b>Cancellation.</b> A task cancelled while waiting gets no permit and {@link
     * io.asyncio4j.CancelledError} is thrown: a waiter whose cancellation is pending is passed over
     * by {@link #release()}, and one that was handed a permit just before its cancellation hands it
     * on before throwing. Permits are never leaked; {@link #withPermit} returns the permit on every
     * path.
     */
    public final void acquire() {
        binding.check("acquire");
        while (true) {
            if (value > 0 && waiters.isEmpty()) {
                value--;
                return;
            }
            ParkingLot.Waiter<Void> w = waiters.park("Semaphore.acquire", null);
            if (w.isServed()) {
                if (Parking.cancelPending(w.task())) {
                    handOn();
                    throw Parking.cancelledError(w.task());
                }
                return;
            }
            // passed over while a cancellation stood that was then withdrawn: ask again
        }
    }

    /** Returns a permit: hands it to the first waiting task, or adds it to the count. */
    public void release() {
        binding.check("release");
        handOn();
    }

    private void handOn() {
        if (waiters.serveFirst(null) == null) {
            value++;
        }
    }

    /** Whether {@link #acquire()} would wait. */
    public final boolean locked() {
        binding.check("locked");
        return value == 0 || !waiters.isEmpty();
    }

    /** The number of free permits. */
    public final int availablePermits() {
        binding.check("availablePermits");
        return value;
    }

    final int value() {
        return value;
    }

    /**
     * Runs {@code body} holding a permit and returns it on every path, including cancellation;
     * asyncio's {@code async with semaphore}.
     */
    public final <T> T withPermit(Coroutine<T> body) throws Exception {
        acquire();
        try {
            return body.call();
        } finally {
            release();
        }
    }

    /** Like {@link #withPermit(Coroutine)} for a body without a result. */
    public final void withPermit(AsyncRunnable body) throws Exception {
        withPermit(body.asCoroutine());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[permits=" + value
                + (waiters.isEmpty() ? "" : ", waiters=" + waiters.size()) + "]";
    }
}
