package io.asyncio4j.bench.peers.jdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * W3 fan-out on JDK virtual threads: n virtual threads return an int through their futures, all
 * collected; the first round is cold, the median of the later rounds warm.
 */
public final class FanOut {
    private FanOut() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = Math.max(2, args.length > 1 ? Integer.parseInt(args[1]) : 10);
        double[] micros = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            micros[r] = fanOut(n) / 1e3 / n;
        }
        double[] warm = Arrays.copyOfRange(micros, 1, rounds);
        Arrays.sort(warm);
        int mid = warm.length / 2;
        double median = warm.length % 2 == 1 ? warm[mid] : (warm[mid - 1] + warm[mid]) / 2;
        System.out.printf(
                Locale.ROOT, "RESULT W3 n=%d rounds=%d cold_us=%.6g warm_us=%.6g%n", n, rounds, micros[0], median);
    }

    private static long fanOut(int n) throws Exception {
        long start = System.nanoTime();
        long sum = 0;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int value = i;
                futures.add(executor.submit(() -> value));
            }
            for (Future<Integer> future : futures) {
                sum += future.get();
            }
        }
        long elapsed = System.nanoTime() - start;
        if (sum != (long) n * (n - 1) / 2) {
            throw new AssertionError("wrong results: sum " + sum);
        }
        return elapsed;
    }
}
