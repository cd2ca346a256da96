package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SequentialVsConcurrentTest {
    @Test
    void concurrentTakesTheLongestDelaySequentialTheirSum() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new SequentialVsConcurrent(t.out).main());
        // The transcript the tutorial shows, with its "~3.00" and "~6.00" exact on the virtual clock.
        assertThat(t.lines())
                .containsExactly(
                        "=== Concurrent ===",
                        "Start fetching User",
                        "Start fetching Orders",
                        "Start fetching Notifications",
                        "Finished fetching Notifications",
                        "Finished fetching User",
                        "Finished fetching Orders",
                        "Results: [User, Orders, Notifications]",
                        "Concurrent total time: 3.00 seconds",
                        "",
                        "=== Sequential ===",
                        "Start fetching User",
                        "Finished fetching User",
                        "Start fetching Orders",
                        "Finished fetching Orders",
                        "Start fetching Notifications",
                        "Finished fetching Notifications",
                        "Results: [User, Orders, Notifications]",
                        "Sequential total time: 6.00 seconds");
        assertThat(took).isEqualTo(seconds(3 + 6));
    }
}
