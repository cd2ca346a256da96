package io.asyncio4j;

import java.util.Collection;

/**
 * One {@code gather}: a counter of awaitables still running and one parked gatherer. Children do
 * not wake the gatherer one by one: only the last completion (or the first failure) does, so a
 * gather of n tasks costs one park. Guarded by W3 and the JMH benchmark GatherBench.
 */
final class Gathering implements Awaitable.Waiter {
    final Task<?> waiter;
    final Awaitable<?>[] items;
    final boolean settled;
    int remaining;
    Awaitable<?> failed;
    private boolean finished;

    private Gathering(Task<?> waiter, Awaitable<?>[] items, boolean settled) {
        this.waiter = waiter;
        this.items = items;
        this.settled = settled;
        this.remaining = items.length;
    }

    /** Registers on every awaitable and parks until the gather is complete. */
    static Gathering start(Task<?> me, Collection<? extends Awaitable<?>> awaitables, boolean settled) {
        Gathering g = new Gathering(me, awaitables.toArray(new Awaitable<?>[0]), settled);
        for (Awaitable<?> a : g.items) {
            Asyncio.checkSameLoop(me, a);
        }
        for (Awaitable<?> a : g.items) {
            if (a.isDone()) {
                g.count(a);
            } else {
                a.addWaiter(g);
            }
        }
        g.await();
        return g;
    }

    @Override
    public void done(Awaitable<?> a) {
        if (finished) {
            return;
        }
        count(a);
        if (complete()) {
            if (waiter.awaiting == this) {
                waiter.awaiting = null;
            }
            waiter.wake();
        }
    }

    private void count(Awaitable<?> a) {
        remaining--;
        if (!settled && failed == null && a.state() != Awaitable.RESULT) {
            failed = a;
        }
    }

    private boolean complete() {
        return remaining == 0 || failed != null;
    }

    private void await() {
        if (!complete()) {
            waiter.awaiting = this; // a cancel of the waiter cancels the children at once
            if (waiter.cancelPending()) {
                awaitSlow(); // cancels the children, as asyncio passes a pending cancellation on
            } else {
                waiter.suspend();
                if (!complete()) {
                    awaitSlow();
                }
            }
        }
        if (waiter.awaiting == this) {
            waiter.awaiting = null;
        }
        finished = true;
    }

    private void awaitSlow() {
        boolean cancelling = false;
        while (cancelling ? remaining > 0 : !complete()) {
            if (!cancelling && waiter.cancelPending()) {
                cancelling = true;
                if (waiter.awaiting == this) { // else Task.deliverCancel already did it
                    waiter.awaiting = null;
                    cancelChildren(waiter.cancelMessage());
                }
                continue;
            }
            waiter.suspend();
        }
        if (cancelling) {
            finished = true;
            waiter.awaiting = null;
            throw waiter.cancelledError();
        }
    }

    /** Cancels every awaitable still running: the gatherer was cancelled. */
    void cancelChildren(String why) {
        for (Awaitable<?> a : items) {
            if (!a.isDone()) {
                a.cancel(why);
            }
        }
    }
}
