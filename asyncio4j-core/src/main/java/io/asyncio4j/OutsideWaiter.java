package io.asyncio4j;

import java.util.concurrent.CountDownLatch;

/** A plain thread blocked on an awaitable of a loop; released when it is done or the loop closes. */
final class OutsideWaiter extends ForeignWaiter {
    private final CountDownLatch latch = new CountDownLatch(1);
    private volatile boolean abandoned;

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
