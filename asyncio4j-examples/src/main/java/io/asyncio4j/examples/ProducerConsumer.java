package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.queue.Queue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A producer and two consumers around a bounded queue: {@code put} waits while the queue is full,
 * {@code get} while it is empty, {@code join} until every item is processed. The seeds name queues
 * among asyncio's uses (task schedulers, background workers) without a program; this is the
 * classic one from the asyncio documentation.
 *
 * {@snippet lang=python :
 * import asyncio, time
 *
 * async def producer(queue, n):
 *     for i in range(n):
 *         await asyncio.sleep(0.1)                 # make an item
 *         await queue.put(f"item-{i}")             # waits while the queue is full
 *         print(f"produced item-{i} (queue size {queue.qsize()})")
 *
 * async def consumer(name, queue):
 *     while True:
 *         item = await queue.get()                 # waits while the queue is empty
 *         print(f"{name} got {item}")
 *         await asyncio.sleep(0.5)                 # process it
 *         queue.task_done()
 *
 * async def main():
 *     start = time.perf_counter()
 *     queue = asyncio.Queue(maxsize=2)
 *     consumers = [asyncio.create_task(consumer(f"consumer-{i}", queue)) for i in (1, 2)]
 *     await producer(queue, 6)
 *     await queue.join()                           # every item processed
 *     for c in consumers:
 *         c.cancel()
 *     await asyncio.gather(*consumers, return_exceptions=True)
 *     print(f"6 items processed in {time.perf_counter() - start:.1f} s")
 *
 * asyncio.run(main())
 * }
 *
 * <p>Two consumers taking 0.5 s per item process six items in 1.5 s after the first arrives. Since
 * Python 3.13 (and in asyncio4j) the producer can also end the consumers with {@code
 * queue.shutdown()}: their {@code get} then throws {@code QueueShutDown} once the queue is empty.
 */
public final class ProducerConsumer {
    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public ProducerConsumer(PrintStream out) {
        this.out = out;
    }

    void producer(Queue<String> queue, int n) {
        for (int i = 0; i < n; i++) {
            Asyncio.sleep(Duration.ofMillis(100)); // make an item
            queue.put("item-" + i); // waits while the queue is full
            out.println("produced item-" + i + " (queue size " + queue.qsize() + ")");
        }
    }

    void consumer(String name, Queue<String> queue) {
        while (true) {
            String item = queue.get(); // waits while the queue is empty
            out.println(name + " got " + item);
            Asyncio.sleep(Duration.ofMillis(500)); // process it
            queue.taskDone();
        }
    }

    /** The async main. */
    public void main() {
        double start = Timing.now();
        Queue<String> queue = new Queue<>(2);
        List<Task<Void>> consumers = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            String name = "consumer-" + i;
            consumers.add(Asyncio.createTask(() -> consumer(name, queue)));
        }
        producer(queue, 6);
        queue.join(); // every item processed
        for (Task<Void> c : consumers) {
            c.cancel();
        }
        Asyncio.gatherSettled(consumers);
        out.printf(Locale.ROOT, "6 items processed in %.1f s%n", Timing.now() - start);
    }

    /** {@code ./aio run producer-consumer}. */
    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> new ProducerConsumer(System.out).main());
    }
}
