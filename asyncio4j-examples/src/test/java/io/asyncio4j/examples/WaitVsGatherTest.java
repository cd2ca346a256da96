package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitVsGatherTest {
    @Test
    void gatherKeepsInputOrderWaitSplitsDoneAndPendingAsCompletedFollowsCompletion() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new WaitVsGather(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "gather: [slow, fast]",
                        "wait FIRST_COMPLETED: done [fast] pending [slow, slowest]",
                        "wait ALL_COMPLETED: done [slow, slowest] pending []",
                        "as_completed: a",
                        "as_completed: b",
                        "as_completed: c");
        assertThat(took).isEqualTo(seconds(2 + 3 + 3)); // gather, wait for all, asCompleted
    }
}
