package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TasksAndCancellationTest {
    @Test
    void workersFinishInDelayOrderThenDIsCancelled() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new TasksAndCancellation(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "A starting",
                        "B starting",
                        "C starting",
                        "B done",
                        "A done",
                        "C done",
                        "D starting",
                        "D was cancelled");
        assertThat(took).isEqualTo(seconds(2.1)); // C's 2 s, then D's 0.1 s before the cancel
    }
}
