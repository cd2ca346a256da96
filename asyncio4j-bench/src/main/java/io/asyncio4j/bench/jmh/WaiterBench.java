package io.asyncio4j.bench.jmh;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.queue.Queue;
import io.asyncio4j.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The waiter lines of the synchronisation primitives (ParkingLot): a hand-off through two
 * semaphores, where every operation parks one task and serves another, and cancelling many parked
 * getters newest-first, where each cancelled waiter leaves the middle of its line.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class WaiterBench {
    static final int BATCH = 10_000;

    /** The number of parked getters cancelled by {@link #cancelParkedNewestFirst}. */
    @Param({"50000"})
    public int parked;

    /**
     * Ping-pong through two semaphores of no permits: each release serves the other task, parked
     * in acquire. One operation is one round trip.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int semaphorePingPong(LoopState state) throws Exception {
        return state.loop.run(() -> {
            Semaphore ping = new Semaphore(0);
            Semaphore pong = new Semaphore(0);
            Task<Void> echo = Asyncio.createTask(() -> {
                for (int i = 0; i < BATCH; i++) {
                    ping.acquire();
                    pong.release();
                }
            });
            for (int i = 0; i < BATCH; i++) {
                ping.release();
                pong.acquire();
            }
            echo.await();
            return BATCH;
        });
    }

    /**
     * {@code parked} tasks wait in {@code Queue.get}; they are cancelled newest-first and awaited.
     * One operation is one cancelled waiter.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int cancelParkedNewestFirst(LoopState state) throws Exception {
        int n = parked;
        return state.loop.run(() -> {
            Queue<Integer> q = new Queue<>();
            List<Task<Integer>> getters = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                getters.add(Asyncio.createTask(q::get));
            }
            Asyncio.yieldNow();
            for (int i = n - 1; i >= 0; i--) {
                getters.get(i).cancel();
            }
            return Asyncio.gatherSettled(getters).size();
        });
    }
}
