package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
    @Test
    void timeoutsGiveUpOnTimeAndTheShieldedTaskFinishes() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new Timeouts(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "timeout: gave up after 1 s",
                        "waitFor: finished",
                        "shield: timed out after 1 s; the task goes on",
                        "shielded task: finished",
                        "timeoutOrNull: null");
        // 1 s timeout, 3 s operation within waitFor's 4, 3 s shielded task, 1 s timeoutOrNull
        assertThat(took).isEqualTo(seconds(1 + 3 + 3 + 1));
    }
}
