package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProducerConsumerTest {
    @Test
    void twoConsumersDrainTheBoundedQueue() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new ProducerConsumer(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        // as CPython: an item handed to a waiting getter counts until the getter runs
                        "produced item-0 (queue size 1)",
                        "consumer-1 got item-0",
                        "produced item-1 (queue size 1)",
                        "consumer-2 got item-1",
                        "produced item-2 (queue size 1)",
                        "produced item-3 (queue size 2)",
                        "consumer-1 got item-2",
                        "produced item-4 (queue size 2)",
                        "consumer-2 got item-3",
                        "produced item-5 (queue size 2)",
                        "consumer-1 got item-4",
                        "consumer-2 got item-5",
                        "6 items processed in 1.7 s");
        assertThat(took).isEqualTo(seconds(1.7));
    }
}
