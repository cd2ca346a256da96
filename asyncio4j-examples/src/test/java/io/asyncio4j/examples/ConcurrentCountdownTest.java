package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConcurrentCountdownTest {
    @Test
    void twoCountdownsInterleaveAndTakeAsLongAsTheLongerOne() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new ConcurrentCountdown(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "A: 3",
                        "B: 2",
                        "A: 2",
                        "B: 1",
                        "A: 1",
                        "B: liftoff!",
                        "A: liftoff!",
                        "Both countdowns took 3.0 s");
        assertThat(took).isEqualTo(seconds(3)); // the longer countdown, not 3 + 2
    }

    @Test
    void countsDownFromTheNumbersGiven() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new ConcurrentCountdown(t.out, 1, 2).main());
        assertThat(t.lines())
                .containsExactly("A: 1", "B: 2", "A: liftoff!", "B: 1", "B: liftoff!", "Both countdowns took 2.0 s");
        assertThat(took).isEqualTo(seconds(2));
    }
}
