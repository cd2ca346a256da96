package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AsyncContextManagerTest {
    @Test
    void theConnectionIsClosedAfterTheBodyEvenWhenCancelled() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new AsyncContextManager(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "Connecting to database...",
                        "Using database: {status=connected}",
                        "Closing database connection...",
                        "--- cancelled in the middle of a query ---",
                        "Connecting to database...",
                        "Using database: {status=connected}",
                        "Closing database connection...",
                        "query cancelled; open connections: 0");
        // connect 0.1 + close 0.05, then 1 s before the cancel, and the close's 0.05 in full
        assertThat(took).isEqualTo(seconds(0.1 + 0.05 + 1 + 0.05));
    }
}
