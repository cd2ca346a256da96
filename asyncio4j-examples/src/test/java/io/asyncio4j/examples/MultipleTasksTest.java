package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MultipleTasksTest {
    @Test
    void tasksFinishInDelayOrderAndTheWholeTakesTheLongestDelay() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new MultipleTasks(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "Starting Task 1...",
                        "Starting Task 2...",
                        "Starting Task 3...",
                        "Finished Task 2",
                        "Finished Task 1",
                        "Finished Task 3",
                        "All tasks completed: [Result from Task 1, Result from Task 2, Result from Task 3]");
        assertThat(took).isEqualTo(seconds(3)); // not 2 + 1 + 3
    }
}
