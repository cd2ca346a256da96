package io.asyncio4j.bench.workloads;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * W3 fan-out: {@code n} tasks that return an int at once, gathered. Repeated {@code rounds} times
 * in one JVM: the first round is the cold figure ({@code cold_us}, microseconds per task), the
 * median of the others the warm one ({@code warm_us}).
 *
 * <p>Usage: {@code FanOut [n=100000] [rounds=10]}.
 */
public final class FanOut {
    private FanOut() {}

    public static void main(String[] args) throws Exception {
        int n = Cli.intArg(args, 0, 100_000);
        int rounds = Math.max(2, Cli.intArg(args, 1, 10));
        double[] micros = Asyncio.run(() -> {
            double[] perTask = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                perTask[r] = fanOut(n) / 1e3 / n;
            }
            return perTask;
        });
        Cli.print("W3", "n", n, "rounds", rounds, "cold_us", micros[0], "warm_us", Cli.medianFrom(micros, 1));
    }

    /** One round; returns its nanoseconds. */
    private static long fanOut(int n) throws Exception {
        long start = System.nanoTime();
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int value = i;
            tasks.add(Asyncio.createTask(() -> value));
        }
        List<Integer> results = Asyncio.gather(tasks);
        long elapsed = System.nanoTime() - start;
        long sum = 0;
        for (int v : results) {
            sum += v;
        }
        if (sum != (long) n * (n - 1) / 2) {
            throw new AssertionError("wrong results: sum " + sum);
        }
        return elapsed;
    }
}
