package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CreateTaskAndGatherTest {
    @Test
    void bothTasksRunAtOnceAndGatherKeepsTheirOrder() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new CreateTaskAndGather(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "Task A started",
                        "Task B started",
                        "Task B finished after 1 seconds",
                        "Task A finished after 2 seconds",
                        "All done! Results: [2, 1]");
        assertThat(took).isEqualTo(seconds(2)); // not 2 + 1
    }
}
