package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlockingSleepInTasksTest {
    @Test
    void blockingSleepsInTwoTasksOverlapLikeAsyncSleeps() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new BlockingSleepInTasks(t.out, VirtualTime.BLOCKING_SLEEP).main());
        assertThat(t.lines())
                .containsExactly(
                        "=== blocking sleep, one call after the other ===",
                        "Fetching Data 1...",
                        "Fetched Data 1",
                        "Fetching Data 2...",
                        "Fetched Data 2",
                        "Total time: 4.00 seconds",
                        "=== blocking sleep in two tasks ===",
                        "Fetching Data 1...",
                        "Fetching Data 2...",
                        "Fetched Data 1",
                        "Fetched Data 2",
                        "Total time: 2.00 seconds (CPython: 4 s)",
                        "=== Asyncio.sleep in two tasks ===",
                        "Fetching Data 1...",
                        "Fetching Data 2...",
                        "Fetched Data 1",
                        "Fetched Data 2",
                        "Total time: 2.00 seconds");
        assertThat(took).isEqualTo(seconds(4 + 2 + 2));
    }

    @Test
    void aRealThreadSleepInATaskLetsOtherTasksRun() throws Exception {
        // The real Thread.sleep, briefly: while one task sleeps in it, another task keeps running.
        AtomicInteger turnsDuringSleep = new AtomicInteger();
        VirtualTime.testLoop(() -> {
            Task<Void> sleeper = Asyncio.createTask(() -> BlockingSleep.THREAD_SLEEP.sleep(Duration.ofMillis(50)));
            while (!sleeper.isDone()) {
                turnsDuringSleep.incrementAndGet();
                Asyncio.sleep(Duration.ofMillis(10));
            }
            sleeper.await();
        });
        assertThat(turnsDuringSleep).hasPositiveValue();
    }
}
