package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CancellationCleanupTest {
    @Test
    void cleanupFinishesAndASwallowedCancellationComesBack() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new CancellationCleanup(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "worker: started",
                        "worker: working",
                        "worker: working",
                        "worker: working",
                        "worker: cancelled, cleaning up",
                        "swallower: swallowed the cancellation",
                        "worker: cleanup done",
                        "worker was cancelled",
                        "swallower was cancelled"); // asyncio: "swallower: still running", "... ended normally"
        assertThat(took).isEqualTo(seconds(2.5 + 0.5)); // the cleanup's 0.5 s ran in full
    }
}
