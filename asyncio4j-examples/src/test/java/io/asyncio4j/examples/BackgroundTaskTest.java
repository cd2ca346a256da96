package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {
    @Test
    void theWorkerBeatsOnceAndIsCancelledWhenMainEnds() throws Exception {
        Transcript t = new Transcript();
        // As with asyncio.run, the loop's close cancels and awaits the worker main cancelled.
        Duration took = VirtualTime.asyncioRun(() -> new BackgroundTask(t.out).main());
        assertThat(t.lines()).containsExactly("Background: heartbeat", "Main: doing work");
        assertThat(took).isEqualTo(Duration.ZERO); // main never waited for the 5 s heartbeat
    }
}
