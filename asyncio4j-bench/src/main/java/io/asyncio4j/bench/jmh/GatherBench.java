package io.asyncio4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Asyncio.gather} of n tasks that return at once (Gathering: one counter, one park of the
 * gatherer): the time of one whole fan-out, spawn included, as in W3.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class GatherBench {
    /** How many tasks one gather waits for. */
    @Param({"10", "1000", "100000"})
    public int n;

    /** Spawns n tasks and gathers them. */
    @Benchmark
    public long gather(LoopState state) throws Exception {
        int count = n;
        return state.loop.run(() -> FanOut.spawnAndGather(count));
    }
}
