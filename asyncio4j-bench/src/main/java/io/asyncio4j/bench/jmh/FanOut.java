package io.asyncio4j.bench.jmh;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;

/** The fan-out shared by TaskSpawnBench and GatherBench: n tasks that return at once, gathered. */
final class FanOut {
    private FanOut() {}

    /** Spawns {@code n} tasks returning 0..n-1 and gathers them; returns their sum. Call from a task. */
    static long spawnAndGather(int n) throws Exception {
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int value = i;
            tasks.add(Asyncio.createTask(() -> value));
        }
        long sum = 0;
        for (int v : Asyncio.gather(tasks)) {
            sum += v;
        }
        return sum;
    }
}
