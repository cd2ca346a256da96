package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatherErrorHandlingTest {
    @Test
    void gatherThrowsGatherSettledReportsTaskGroupCancelsTheRest() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new GatherErrorHandling(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "--- gather: the first exception propagates ---",
                        "gather raised: B went wrong",
                        "A finished", // gather did not cancel A and C
                        "C finished",
                        "--- gatherSettled: exceptions are results ---",
                        "A finished",
                        "C finished",
                        "  ok: A",
                        "  error: B went wrong",
                        "  ok: C",
                        "--- taskGroup: a failure cancels the others ---",
                        "task group raised: [B went wrong]"); // A and C never finish
        assertThat(took).isEqualTo(seconds(0.5 + 1.5 + 1.5 + 0.5));
    }
}
