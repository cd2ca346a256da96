package io.asyncio4j.bench.probes;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.queue.Queue;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Closing a loop with {@code n} tasks parked in {@code Queue.get}: close cancels every one, each
 * resumes with a CancelledError and ends. Figures: the wall time of {@code close()} and the CPU
 * time the whole process spent in it (the loop thread, and the collector).
 *
 * <p>Usage: {@code CloseParked [n=1000000]}. With {@code -Dclose.gcFirst=true} a full collection
 * runs before the close, so that the figures leave out collections the set-up made due.
 */
public final class CloseParked {
    private CloseParked() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        Loop loop = Loop.open();
        Queue<Integer> queue = new Queue<>();
        loop.run(() -> {
            for (int i = 0; i < n; i++) {
                Asyncio.createTask(queue::get);
            }
            Asyncio.yieldNow(); // every getter has run its first step and parked
            return null;
        });
        if (loop.stats().liveTasks() != n) {
            throw new AssertionError(
                    "expected " + n + " parked tasks, found " + loop.stats().liveTasks());
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (Boolean.getBoolean("close.gcFirst")) {
            System.gc();
        }
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        loop.close();
        long wall = System.nanoTime() - wall0;
        long cpu = os.getProcessCpuTime() - cpu0;
        if (loop.stats().liveTasks() != 0) {
            throw new AssertionError("tasks left after close: " + loop.stats().liveTasks());
        }
        System.out.println(String.format(
                Locale.ROOT,
                "RESULT close-parked n=%d close_wall_s=%.3f close_cpu_s=%.3f threads=%d",
                n,
                wall / 1e9,
                cpu / 1e9,
                threads.getThreadCount()));
    }
}
