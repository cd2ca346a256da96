package io.asyncio4j.sync;

import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.LoopBinding;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.lowlevel.ParkingLot;

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
 *
 * <p>As in asyncio, the barrier drains before it fills again: once released, it lets new arrivals
 * wait until every released task has resumed, so a fast task cannot lap the slow ones; a reset or
 * an abort during the draining breaks the released tasks that have not resumed yet.
 */
public final class Barrier {
    /*
     * Implementation overview.
     *
     * `count` is the number of tasks inside await(): arrived and waiting (filling), released but not
     * resumed yet (draining), or broken by a reset but not resumed yet (resetting). Arrivals while
     * draining or resetting wait in `blocked` until the count drops to 0 and the barrier fills
     * again. Arrival indices are given at the release, in arrival order among the tasks still
     * waiting, so a task that left (cancelled) leaves no duplicate behind.
     *
     * State transitions (field `state`):
     *
     *   FILLING   -> DRAINING    the last party arrives: every waiter is served its index
     *   FILLING   -> RESETTING   reset() with tasks waiting: they are refused
     *   DRAINING  -> RESETTING   reset() before every released task resumed: those still to resume
     *                            throw BrokenBarrierException (asyncio's rule)
     *   DRAINING  -> FILLING     the last released task resumed (count 0): blocked arrivals go on
     *   RESETTING -> FILLING     the last broken task resumed (count 0), or reset() with count 0
     *   any       -> BROKEN      abort(): waiting, blocked and later arrivals throw
     *   BROKEN    -> RESETTING | FILLING   reset()
     *
     * Loop thread only.
     */
    private static final byte FILLING = 0;
    private static final byte DRAINING = 1;
    private static final byte RESETTING = 2;
    private static final byte BROKEN = 3;

    private final LoopBinding binding = new LoopBinding("Barrier");
    private final int parties;
    /** Tasks that arrived while filling; each is served its arrival index at the release. */
    private final ParkingLot<Integer> waiting = new ParkingLot<>();
    /** Tasks that arrived while draining or resetting; served when the barrier fills again. */
    private final ParkingLot<Void> blocked = new ParkingLot<>();

    private byte state = FILLING;
    private int count;

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
     * Waits until {@link #parties()} tasks have called it, and returns this task's arrival index: a
     * number from 0 to {@code parties - 1}, unique among the tasks of one release ({@code parties -
     * 1} for the one that released the others). A task that arrives while the barrier drains (it
     * was released, and not every released task has resumed yet) first waits for the draining to
     * end.
     *
     * <p><b>Cancellation.</b> A task cancelled while waiting leaves the barrier (it no longer
     * counts as arrived) and throws {@link io.asyncio4j.CancelledError}; so does a task released
     * and cancelled before it resumed (the others pass).
     *
     * @throws BrokenBarrierException if the barrier is aborted, or aborted or reset while this task
     *     waits or before it resumed from the release
     */
    public int await() {
        binding.check("await");
        Task<?> me = Parking.currentTask("Barrier.await");
        Parking.checkCancelled(me);
        while (state == DRAINING || state == RESETTING) {
            blocked.park("Barrier.await", null);
            Parking.checkCancelled(me);
        }
        if (state == BROKEN) {
            throw new BrokenBarrierException("the barrier was aborted");
        }
        count++;
        try {
            if (count == parties) {
                release();
                return parties - 1;
            }
            ParkingLot.Waiter<Integer> w = waiting.park("Barrier.await", null);
            if (state == BROKEN) {
                throw new BrokenBarrierException("the barrier was aborted");
            }
            if (state == RESETTING) {
                throw new BrokenBarrierException("the barrier was reset");
            }
            if (Parking.cancelPending(me)) {
                throw Parking.cancelledError(me);
            }
            return w.value();
        } finally {
            exit();
        }
    }

    private void release() {
        state = DRAINING;
        int index = 0;
        ParkingLot.Waiter<Integer> w;
        while ((w = waiting.pollFirst()) != null) {
            w.serve(index++);
            Parking.unpark(w.task());
        }
    }

    private void exit() {
        if (--count == 0) {
            if (state == DRAINING || state == RESETTING) {
                state = FILLING;
            }
            blocked.serveAll();
        }
    }

    /** Breaks the barrier for good: waiting and later {@link #await()} calls throw. */
    public void abort() {
        binding.check("abort");
        state = BROKEN;
        waiting.refuseAll();
        blocked.serveAll();
    }

    /**
     * Makes the barrier usable again; the tasks waiting now, and those released that have not
     * resumed yet, get {@link BrokenBarrierException}.
     */
    public void reset() {
        binding.check("reset");
        if (count > 0) {
            state = RESETTING;
            waiting.refuseAll();
        } else {
            state = FILLING;
            blocked.serveAll();
        }
    }

    /** The number of tasks needed to pass. */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting now for the barrier to fill (0 while it drains). */
    public int nWaiting() {
        binding.check("nWaiting");
        return state == FILLING ? count : 0;
    }

    /** Whether the barrier was aborted. */
    public boolean broken() {
        binding.check("broken");
        return state == BROKEN;
    }

    /**
     * A description with the state (filling, draining, resetting or broken) and the waiting tasks
     * out of the parties, as asyncio's repr.
     */
    @Override
    public String toString() {
        String name = switch (state) {
            case FILLING -> "filling";
            case DRAINING -> "draining";
            case RESETTING -> "resetting";
            default -> "broken";
        };
        return "Barrier[" + name + ", waiters=" + (state == FILLING ? count : 0) + "/" + parties + "]";
    }
}
