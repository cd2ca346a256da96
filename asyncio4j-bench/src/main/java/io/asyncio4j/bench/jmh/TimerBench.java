package io.asyncio4j.bench.jmh;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Loop;
import io.asyncio4j.lowlevel.TimerHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The loop's timers (TimerHeap insert, cancel, fire): insert then cancel, as most timeouts end,
 * with {@code pending} other timers already waiting; and insert then fire.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimerBench {
    static final int BATCH = 10_000;
    private static final Duration ONE_HOUR = Duration.ofHours(1);
    private static final Runnable NOTHING = () -> {};

    /** A loop with {@code pending} far-off timers already scheduled. */
    @State(Scope.Benchmark)
    public static class Timers {
        /** Timers waiting (far in the future) while the benchmark inserts and cancels its own. */
        @Param({"0", "100000"})
        public int pending;

        /** The loop. */
        public Loop loop;

        private List<TimerHandle> backlog;

        /** Opens the loop and schedules the backlog. */
        @Setup(Level.Trial)
        public void open() throws Exception {
            loop = Loop.open();
            backlog = loop.run(() -> {
                List<TimerHandle> handles = new ArrayList<>(pending);
                Loop l = Asyncio.currentLoop();
                for (int i = 0; i < pending; i++) {
                    handles.add(l.callLater(ONE_HOUR.plusNanos(i), NOTHING));
                }
                return handles;
            });
        }

        /** Cancels the backlog and closes the loop. */
        @TearDown(Level.Trial)
        public void close() throws Exception {
            loop.run(() -> {
                backlog.forEach(TimerHandle::cancel);
                return null;
            });
            loop.close();
        }
    }

    /** Schedules a timer an hour ahead and cancels it: a timeout that did not expire. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int insertCancel(Timers timers) throws Exception {
        return timers.loop.run(() -> {
            Loop loop = Asyncio.currentLoop();
            for (int i = 0; i < BATCH; i++) {
                loop.callLater(ONE_HOUR, NOTHING).cancel();
            }
            return BATCH;
        });
    }

    /** Schedules a batch of timers due now, then waits until the last has fired. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int insertFire(Timers timers) throws Exception {
        return timers.loop.run(() -> {
            Loop loop = Asyncio.currentLoop();
            Future<Integer> last = new Future<>();
            int[] fired = new int[1];
            Runnable count = () -> {
                if (++fired[0] == BATCH) {
                    last.setResult(fired[0]);
                }
            };
            long now = loop.time();
            for (int i = 0; i < BATCH; i++) {
                loop.callAt(now + i, count);
            }
            return last.await();
        });
    }

    /** One task sleeps a nanosecond, over and over: timer insert, fire and a park/unpark each. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sleepShortest(Timers timers) throws Exception {
        return timers.loop.run(() -> {
            Duration d = Duration.ofNanos(1);
            for (int i = 0; i < BATCH; i++) {
                Asyncio.sleep(d);
            }
            return BATCH;
        });
    }
}
