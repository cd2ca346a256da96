package io.asyncio4j.bench.probes;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.queue.Queue;
import java.util.Locale;

/**
 * W2's ping-pong as a time series: the consumer notes the time every {@code chunk} messages, so the
 * output shows how long the JIT takes to reach the steady state in a fresh JVM (run it with the
 * flags to compare, e.g. none, as a user does). Prints one line per chunk ({@code ns/message} of
 * that chunk and the time since the exchange began), then the whole figure and the time to the
 * steady state: the end of the first chunk from which every later one is within 25 % of the median
 * of the last half. Beside the wall time, each line has the loop thread's own CPU time per message
 * (from {@code /proc/thread-self/schedstat} on Linux, read by the consumer on the loop's thread),
 * which time spent waiting for a busy CPU does not inflate; the JIT's threads are not in it.
 *
 * <p>Usage: {@code PingPongWarmUp [messages=1000000] [chunk=50000]}.
 */
public final class PingPongWarmUp {
    private PingPongWarmUp() {}

    /** The CPU time of the calling OS thread (for a task: its loop's thread), or 0 off Linux. */
    private static long loopThreadCpuNanos() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat"));
            return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int chunk = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 50_000;
        int chunks = messages / chunk;
        long[] marks = new long[chunks + 1];
        long[] cpu = new long[chunks + 1];
        Asyncio.run(() -> {
            Queue<Integer> queue = new Queue<>(1);
            marks[0] = System.nanoTime();
            cpu[0] = loopThreadCpuNanos();
            Task<Void> producer = Asyncio.createTask("producer", () -> {
                for (int i = 0; i < messages; i++) {
                    queue.put(i);
                }
            });
            Task<Long> consumer = Asyncio.createTask("consumer", () -> {
                long sum = 0;
                for (int c = 1; c <= chunks; c++) {
                    for (int i = 0; i < chunk; i++) {
                        sum += queue.get();
                    }
                    marks[c] = System.nanoTime();
                    cpu[c] = loopThreadCpuNanos();
                }
                for (int i = chunks * chunk; i < messages; i++) {
                    sum += queue.get();
                }
                return sum;
            });
            producer.await();
            return consumer.await();
        });
        double[] perMessage = new double[chunks];
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < chunks; c++) {
            perMessage[c] = (double) (marks[c + 1] - marks[c]) / chunk;
            out.append(String.format(
                    Locale.ROOT,
                    "chunk %3d  %8.1f ns/message  loop CPU %8.1f ns/message  at %7.1f ms%n",
                    c + 1,
                    perMessage[c],
                    (double) (cpu[c + 1] - cpu[c]) / chunk,
                    (marks[c + 1] - marks[0]) / 1e6));
        }
        double[] tail = java.util.Arrays.copyOfRange(perMessage, chunks / 2, chunks);
        java.util.Arrays.sort(tail);
        double steady = tail[tail.length / 2];
        int settled = chunks;
        while (settled > 0 && perMessage[settled - 1] <= steady * 1.25) {
            settled--;
        }
        out.append(String.format(
                Locale.ROOT,
                "RESULT W2 messages=%d ns_per_msg=%.1f loop_cpu_ns_per_msg=%.1f steady_ns_per_msg=%.1f"
                        + " steady_after_ms=%.1f%n",
                chunks * chunk,
                (double) (marks[chunks] - marks[0]) / (chunks * chunk),
                (double) (cpu[chunks] - cpu[0]) / (chunks * chunk),
                steady,
                settled == 0 ? 0.0 : (marks[settled] - marks[0]) / 1e6));
        System.out.print(out);
    }
}
