package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatherResultsTest {
    @Test
    void resultsComeInArgumentOrderAfterTheLongestDelay() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new GatherResults(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "Response from api.com/users",
                        "Response from api.com/posts",
                        "Response from api.com/data",
                        "Done in 2.0s");
        assertThat(took).isEqualTo(seconds(2)); // not 2 + 1 + 2
    }
}
