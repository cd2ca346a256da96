package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConcurrentFetchTest {
    @Test
    void twoTwoSecondFetchesTakeTwoSeconds() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new ConcurrentFetch(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "Fetching Data 1...",
                        "Fetching Data 2...",
                        "Fetched Data 1",
                        "Fetched Data 2",
                        "Total time: 2.00 seconds",
                        "Results: [Data 1, Data 2]");
        assertThat(took).isEqualTo(seconds(2));
    }
}
