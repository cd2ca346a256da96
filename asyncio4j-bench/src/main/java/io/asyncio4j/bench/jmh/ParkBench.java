package io.asyncio4j.bench.jmh;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.Parking;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Park/unpark round trips through the loop (Task.suspend/wake, the loop as the virtual threads'
 * scheduler, the ready queue): the floor under every suspension point, and W2's cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParkBench {
    static final int BATCH = 10_000;

    /** One task yields ({@code Asyncio.yieldNow}): park, back into the ready queue, resume. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int yieldNow(LoopState state) throws Exception {
        return state.loop.run(() -> {
            for (int i = 0; i < BATCH; i++) {
                Asyncio.yieldNow();
            }
            return BATCH;
        });
    }

    /**
     * Two tasks pass a baton: each unparks the other and parks itself ({@code Parking.unpark},
     * {@code Parking.park}). One operation is one hand-off.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int handoff(LoopState state) throws Exception {
        return state.loop.run(() -> {
            Baton baton = new Baton();
            Task<Void> b = Asyncio.createTask(() -> baton.play(1, BATCH / 2));
            baton.play(0, BATCH / 2);
            b.await();
            return baton.passes;
        });
    }

    /** The shared state of {@link #handoff}: whose turn it is. */
    static final class Baton {
        final Task<?>[] players = new Task<?>[2];
        int turn;
        int passes;

        void play(int me, int rounds) {
            Task<?> self = Parking.currentTask("Baton.play");
            players[me] = self;
            for (int i = 0; i < rounds; i++) {
                while (turn != me) {
                    Parking.park(self);
                }
                passes++;
                turn = 1 - me;
                Task<?> other = players[1 - me];
                if (other != null) {
                    Parking.unpark(other);
                }
            }
        }
    }
}
