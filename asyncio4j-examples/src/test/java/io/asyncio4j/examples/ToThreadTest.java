package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToThreadTest {
    @Test
    void theBlockingFunctionRunsToItsEndBeforeMainContinues() throws Exception {
        Transcript t = new Transcript();
        VirtualTime.RecordingSleep sleep = new VirtualTime.RecordingSleep();
        VirtualTime.testLoop(() -> new ToThread(t.out, sleep).main());
        assertThat(t.lines())
                .containsExactly(
                        "Before blocking call",
                        "[blocking] Starting heavy computation 10",
                        "[blocking] Finished computation 10",
                        "After blocking call, result: 100");
        assertThat(sleep.sleeps).containsExactly(seconds(2));
    }
}
