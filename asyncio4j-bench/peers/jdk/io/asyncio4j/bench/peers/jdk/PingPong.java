package io.asyncio4j.bench.peers.jdk;

import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * W2 ping-pong on JDK virtual threads: a producer and a consumer thread exchange the messages
 * through an {@code ArrayBlockingQueue} of capacity 1 (BENCH.md's bounded queue), or with the
 * second argument {@code sync} through a {@code SynchronousQueue}, the JDK's fastest hand-off
 * between two threads.
 *
 * <p>Usage: {@code PingPong [messages=1000000] [abq|sync]}.
 */
public final class PingPong {
    private PingPong() {}

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean sync = args.length > 1 && args[1].equals("sync");
        BlockingQueue<Integer> queue = sync ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(1);
        long[] sum = new long[1];
        long start = System.nanoTime();
        Thread producer = Thread.ofVirtual().name("producer").start(() -> {
            try {
                for (int i = 0; i < messages; i++) {
                    queue.put(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread consumer = Thread.ofVirtual().name("consumer").start(() -> {
            try {
                long total = 0;
                for (int i = 0; i < messages; i++) {
                    total += queue.take();
                }
                sum[0] = total;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.join();
        consumer.join();
        long nanos = System.nanoTime() - start;
        if (sum[0] != (long) messages * (messages - 1) / 2) {
            throw new AssertionError("lost messages: sum " + sum[0]);
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT W2 messages=%d ns_per_msg=%.6g wall_s=%.6g%n",
                messages,
                (double) nanos / messages,
                nanos / 1e9);
    }
}
