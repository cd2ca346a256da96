package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HelloWorldTasksTest {
    @Test
    void twoOneSecondTasksFinishInOneSecond() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new HelloWorldTasks(t.out).main());
        assertThat(t.lines()).containsExactly("Hello", "World");
        assertThat(took).isEqualTo(seconds(1)); // "Both tasks finish in 1 second instead of 2!"
    }
}
