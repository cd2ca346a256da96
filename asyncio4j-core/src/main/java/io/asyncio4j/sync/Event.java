package io.asyncio4j.sync;

import io.asyncio4j.lowlevel.LoopBinding;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.lowlevel.ParkingLot;

/**
 * A flag tasks can wait for: asyncio's {@code Event}. {@link #set()} wakes every waiting task.
 */
public final class Event {
    private final LoopBinding binding = new LoopBinding("Event");
    private final ParkingLot<Void> waiters = new ParkingLot<>();
    private boolean set;

    /** An event that is not set. */
    public Event() {}

    /** Sets the flag and wakes every waiting task. */
    public void set() {
        binding.check("set");
        if (!set) {
            set = true;
            waiters.serveAll();
        }
    }

    /** Clears the flag; later {@link #await()} calls wait again. */
    public void clear() {
        binding.check("clear");
        set = false;
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        binding.check("isSet");
        return set;
    }

    /**
     * Parks until the flag is set; returns at once if it is.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}, also when the
     * flag was set after the cancellation but before the task resumed; nothing else changes.
     */
    public void await() {
        binding.check("await");
        if (set) {
            return;
        }
        ParkingLot.Waiter<Void> w = waiters.park("Event.await", null);
        if (Parking.cancelPending(w.task())) {
            throw Parking.cancelledError(w.task());
        }
    }

    @Override
    public String toString() {
        return "Event[" + (set ? "set" : "unset") + (waiters.isEmpty() ? "" : ", waiters=" + waiters.size()) + "]";
    }
}
