package io.asyncio4j.bench.jmh;

import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cross-thread entry into the loop (Loop.callSoonThreadsafe, the inbox, the selector wake-up only
 * when the loop is in select): a batch of callbacks from a foreign thread, one {@code submit}
 * round trip, and a ping-pong between tasks of two loops through two {@code Channel(1)}s, where
 * every message crosses an inbox (and the spin before select keeps the loops out of the selector).
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

    /** A second loop for the cross-loop ping-pong. */
    @State(Scope.Benchmark)
    public static class OtherLoop {
        /** The loop the echoing task runs on. */
        public Loop loop;

        /** Opens the loop. */
        @Setup
        public void open() {
            loop = Loop.open(LoopOptions.defaults().name("jmh-other-loop"));
        }

        /** Closes the loop. */
        @TearDown
        public void close() {
            loop.close();
        }
    }

    /**
     * Ping-pong between a task of each loop through two {@code Channel(1)}s; one operation is one
     * round trip (two cross-loop hand-offs).
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long channelPingPongAcrossLoops(LoopState state, OtherLoop other) throws Exception {
        Channel<Integer> ping = new Channel<>(1);
        Channel<Integer> pong = new Channel<>(1);
        CompletableFuture<Void> echo = other.loop.submit(() -> {
            for (int i = 0; i < BATCH; i++) {
                pong.send(ping.receive());
            }
        });
        long sum = state.loop.run(() -> {
            long s = 0;
            for (int i = 0; i < BATCH; i++) {
                ping.send(i);
                s += pong.receive();
            }
            return s;
        });
        echo.join();
        return sum;
    }
}
