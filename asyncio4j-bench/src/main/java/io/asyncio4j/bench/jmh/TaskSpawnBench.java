package io.asyncio4j.bench.jmh;

import io.asyncio4j.Asyncio;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Task spawn and completion (Loop.createTask, the task's virtual thread start and end, Task
 * completion): the cost behind W1 and W3, per task.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskSpawnBench {
    static final int BATCH = 1000;

    /** Spawns a batch of tasks that return at once, then gathers them: throughput per task. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long spawnBatchThenGather(LoopState state) throws Exception {
        return state.loop.run(() -> FanOut.spawnAndGather(BATCH));
    }

    /** Spawns one task and awaits it before the next: the latency of a task's whole life. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long spawnAndAwaitEach(LoopState state) throws Exception {
        return state.loop.run(() -> {
            long sum = 0;
            for (int i = 0; i < BATCH; i++) {
                int value = i;
                sum += Asyncio.createTask(() -> value).await();
            }
            return sum;
        });
    }
}
