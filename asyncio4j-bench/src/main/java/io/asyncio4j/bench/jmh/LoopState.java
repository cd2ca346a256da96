package io.asyncio4j.bench.jmh;

import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One loop per benchmark trial, opened before the first iteration and closed after the last. */
@State(Scope.Benchmark)
public class LoopState {
    /** The loop the benchmark runs its batches on. */
    public Loop loop;

    /** Opens the loop. */
    @Setup(Level.Trial)
    public void open() {
        loop = Loop.open(LoopOptions.defaults().name("jmh-loop"));
    }

    /** Closes the loop. */
    @TearDown(Level.Trial)
    public void close() {
        loop.close();
    }
}
