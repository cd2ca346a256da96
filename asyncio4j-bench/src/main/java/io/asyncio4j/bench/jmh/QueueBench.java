package io.asyncio4j.bench.jmh;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.queue.Queue;
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
 * {@code Queue} put/get between two tasks (Queue's hand-off to a waiting getter): with capacity 1
 * every message is a task switch, as in W2.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class QueueBench {
    static final int BATCH = 10_000;

    /** The queue's capacity. */
    @Param({"1", "64"})
    public int capacity;

    /** A producer puts a batch, the calling task gets it: one operation is one message. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long handoff(LoopState state) throws Exception {
        int size = capacity;
        return state.loop.run(() -> {
            Queue<Integer> queue = new Queue<>(size);
            Task<Void> producer = Asyncio.createTask(() -> {
                for (int i = 0; i < BATCH; i++) {
                    queue.put(i);
                }
            });
            long sum = 0;
            for (int i = 0; i < BATCH; i++) {
                sum += queue.get();
            }
            producer.await();
            return sum;
        });
    }
}
