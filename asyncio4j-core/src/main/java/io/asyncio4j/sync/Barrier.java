package io.asyncio4j.sync;

import io.asyncio4j.lowlevel.LoopBinding;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier}. Each task calls {@link
 * #await()}; when {@link #parties()} tasks have arrived, all continue.
 *
 * {@snippet :
 * Barrier start = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     Asyncio.createTask(() -> {
 *         prepare();
 *         start.await(); // all three continue together
 *         return run();
 *     });
 * }
 * }
 */
public final class Barrier {
    /*
     * States: filling (count < parties tasks wait) -> released (the last arrival serves every
     * waiter; count back to 0, the barrier is reusable) | broken (abort(): every waiter and every
     * later await throws). reset() breaks the current waiters but leaves the barrier usable.
     */
    private final LoopBinding binding = new LoopBinding("Barrier");
    private final int parties;
    private WaiterQueue waiters = new WaiterQueue();
    private int count;
    private boolean broken;

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a Barrier needs at least one party: " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@link #parties()} tasks have called it, and returns this task's arrival index (0
     * for the first, {@code parties - 1} for the one that released the others).
     *
     * <p><b>Cancellation.</b> A task cancelled while waiting leaves the barrier (it no longer
     * counts as arrived) and throws {@link io.asyncio4j.CancelledError} — unless the barrier was
     * already released, in which case it returns normally.
     *
     * @throws BrokenBarrierException if the barrier is aborted or reset while waiting, or was aborted
     */
    public int await() {
        binding.check("await");
        if (broken) {
            throw new BrokenBarrierException("the barrier was aborted");
        }
        int index = count++;
        if (count == parties) {
            count = 0;
            WaiterQueue released = waiters;
            waiters = new WaiterQueue();
            released.serveAll();
            return index;
        }
        WaiterQueue mine = waiters;
        boolean served;
        try {
            served = mine.await("Barrier.await");
        } catch (Error cancelled) {
            if (mine == waiters) {
                count--;
            }
            throw cancelled;
        }
        if (!served) {
            throw new BrokenBarrierException(broken ? "the barrier was aborted" : "the barrier was reset");
        }
        return index;
    }

    /** Breaks the barrier for good: waiting and later {@link #await()} calls throw. */
    public void abort() {
        binding.check("abort");
        broken = true;
        count = 0;
        waiters.breakAll();
    }

    /** Makes the barrier empty and usable again; the tasks waiting now get {@link BrokenBarrierException}. */
    public void reset() {
        binding.check("reset");
        count = 0;
        broken = false;
        WaiterQueue old = waiters;
        waiters = new WaiterQueue();
        old.breakAll();
    }

    /** The number of tasks needed to pass. */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting now. */
    public int nWaiting() {
        binding.check("nWaiting");
        return count;
    }

    /** Whether the barrier was aborted. */
    public boolean broken() {
        binding.check("broken");
        return broken;
    }

    @Override
    public String toString() {
        return "Barrier[parties=" + parties + ", waiting=" + count + (broken ? ", broken" : "") + "]";
    }
}
