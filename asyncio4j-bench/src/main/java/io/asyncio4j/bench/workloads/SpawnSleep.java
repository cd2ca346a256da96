package io.asyncio4j.bench.workloads;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * W1 spawn-sleep: {@code n} tasks each sleep 1 s, all gathered. Figure: wall seconds from the first
 * spawn to the return of the gather ({@code wall_s}); the harness adds the peak RSS.
 *
 * <p>Usage: {@code SpawnSleep [n=100000]}. For profiling: {@code -Dw1.rounds=K} repeats the gather K
 * times in the same JVM and reports the first round (the figure) and the last one; {@code
 * -Dw1.phases=true} also reports when the spawn loop ended ({@code spawned_s}) and when the last
 * task began its sleep ({@code parked_s}), seconds from the start, so the wall time splits into
 * spawning, starting, the 1 s sleep and waking.
 */
public final class SpawnSleep {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final boolean PHASES = Boolean.getBoolean("w1.phases");

    /** With -Dw1.phases: when the spawn loop ended and when the last task started (nanoTime). */
    private static long spawnedAt;

    private static long lastStartedAt;

    private SpawnSleep() {}

    public static void main(String[] args) throws Exception {
        int n = Cli.intArg(args, 0, 100_000);
        int rounds = Math.max(1, Integer.getInteger("w1.rounds", 1));
        double[] seconds = Asyncio.run(() -> {
            double[] wall = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                wall[r] = spawnSleep(n);
            }
            return wall;
        });
        if (PHASES) {
            Cli.print(
                    "W1",
                    "n",
                    n,
                    "wall_s",
                    seconds[rounds - 1],
                    "spawned_s",
                    (spawnedAt - startedAt) / 1e9,
                    "parked_s",
                    (lastStartedAt - startedAt) / 1e9);
        } else if (rounds == 1) {
            Cli.print("W1", "n", n, "wall_s", seconds[0]);
        } else {
            Cli.print("W1", "n", n, "wall_s", seconds[0], "rounds", rounds, "last_wall_s", seconds[rounds - 1]);
        }
    }

    private static long startedAt;

    private static double spawnSleep(int n) throws Exception {
        long start = System.nanoTime();
        startedAt = start;
        List<Task<Void>> tasks = new ArrayList<>(n);
        if (PHASES) {
            for (int i = 0; i < n; i++) {
                tasks.add(Asyncio.createTask(() -> {
                    lastStartedAt = System.nanoTime(); // all tasks run on the loop's one thread
                    Asyncio.sleep(ONE_SECOND);
                }));
            }
            spawnedAt = System.nanoTime();
        } else {
            for (int i = 0; i < n; i++) {
                tasks.add(Asyncio.createTask(() -> Asyncio.sleep(ONE_SECOND)));
            }
        }
        Asyncio.gather(tasks);
        return (System.nanoTime() - start) / 1e9;
    }
}
