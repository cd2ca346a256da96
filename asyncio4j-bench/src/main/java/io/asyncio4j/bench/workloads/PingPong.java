package io.asyncio4j.bench.workloads;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.queue.Queue;

/**
 * W2 ping-pong: two tasks exchange {@code messages} messages through one {@code Queue(1)}: the
 * producer puts 0, 1, 2, ...; the consumer gets them and sums them (checked, so nothing is
 * optimised away). With capacity 1 every message is a hand-off between the two tasks. Figure:
 * nanoseconds per message ({@code ns_per_msg}).
 *
 * <p>Usage: {@code PingPong [messages=1000000]}. For profiling, {@code -Dw2.rounds=K} repeats the
 * exchange K times in the same JVM and adds the last round's figure ({@code last_ns_per_msg}).
 */
public final class PingPong {
    private PingPong() {}

    public static void main(String[] args) throws Exception {
        int messages = Cli.intArg(args, 0, 1_000_000);
        int rounds = Math.max(1, Integer.getInteger("w2.rounds", 1));
        long[] nanos = Asyncio.run(() -> {
            long[] elapsed = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                elapsed[r] = exchange(messages);
            }
            return elapsed;
        });
        double first = (double) nanos[0] / messages;
        if (rounds == 1) {
            Cli.print("W2", "messages", messages, "ns_per_msg", first, "wall_s", nanos[0] / 1e9);
        } else {
            Cli.print(
                    "W2",
                    "messages",
                    messages,
                    "ns_per_msg",
                    first,
                    "wall_s",
                    nanos[0] / 1e9,
                    "rounds",
                    rounds,
                    "last_ns_per_msg",
                    (double) nanos[rounds - 1] / messages);
        }
    }

    /** One exchange of {@code messages} messages; returns its nanoseconds. */
    private static long exchange(int messages) throws Exception {
        Queue<Integer> queue = new Queue<>(1);
        long start = System.nanoTime();
        Task<Void> producer = Asyncio.createTask("producer", () -> {
            for (int i = 0; i < messages; i++) {
                queue.put(i);
            }
        });
        Task<Long> consumer = Asyncio.createTask("consumer", () -> {
            long sum = 0;
            for (int i = 0; i < messages; i++) {
                sum += queue.get();
            }
            return sum;
        });
        producer.await();
        long sum = consumer.await();
        long elapsed = System.nanoTime() - start;
        if (sum != (long) messages * (messages - 1) / 2) {
            throw new AssertionError("lost messages: sum " + sum);
        }
        return elapsed;
    }
}
