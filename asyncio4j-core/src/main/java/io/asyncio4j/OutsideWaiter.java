package io.asyncio4j;

import java.util.concurrent.CountDownLatch;

/**
 * A plain thread blocked on an awaitable of a loop; released when it is done or the loop closes.
 * Handed to the loop as a callback, it registers itself there.
 */
final class OutsideWaiter extends ForeignWaiter implements Runnable {
    private final Awaitable<?> target;
    private final CountDownLatch latch = new CountDownLatch(1);
    private volatile boolean abandoned;

    OutsideWaiter(Awaitable<?> target) {
        this.target = target;
    }

    /** On the target's loop: waits for the target there, or is done at once. */
    @Override
    public void run() {
        if (target.isDone()) {
            done(target);
        } else {
            target.loop.outside.addWaiter(this);
            target.addWaiter(this);
        }
    }

    @Override
    void arrived(Awaitable<?> awaitable) {
        latch.countDown();
    }

    @Override
    void abandon() {
        abandoned = true;
        latch.countDown();
    }

    void await(Awaitable<?> awaitable) throws InterruptedException {
        latch.await();
        if (abandoned) {
            throw neverCompletes(awaitable);
        }
    }
}
