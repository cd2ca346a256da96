package io.asyncio4j.bench.jmh;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Cross-thread entry into the loop (Loop.callSoonThreadsafe, the inbox, the selector wake-up only
 * when the loop is in select): a batch of callbacks from a foreign thread, and one {@code submit}
 * round trip.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SubmitBench {
    static final int BATCH = 10_000;

    /** A foreign thread submits a batch of callbacks; the last one releases it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int callSoonThreadsafe(LoopState state) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        int[] ran = new int[1];
        Runnable count = () -> {
            if (++ran[0] == BATCH) {
                done.countDown();
            }
        };
        for (int i = 0; i < BATCH; i++) {
            state.loop.callSoonThreadsafe(count);
        }
        done.await();
        return ran[0];
    }

    /** {@code loop.submit(coro).join()} from a foreign thread: wake-up, task, completion, reply. */
    @Benchmark
    public int submitRoundTrip(LoopState state) {
        return state.loop.submit(() -> 42).join();
    }
}
