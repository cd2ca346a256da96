package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommonMistakesTest {
    @Test
    void callsAndUnawaitedTasksRunAndNestedRunFailsClearly() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new CommonMistakes(t.out).main());
        var lines = t.lines();
        assertThat(lines)
                .hasSize(5)
                .startsWith(
                        "fetchData ran",
                        "1. fetchData() returned: Data received",
                        "fetchData ran",
                        "1. a task nobody awaited ran too: Data received");
        assertThat(lines.get(4)).startsWith("3. nested Asyncio.run: ").contains("running loop");
        assertThat(took).isEqualTo(seconds(1 + 2)); // the nested run never started its coroutine
    }
}
