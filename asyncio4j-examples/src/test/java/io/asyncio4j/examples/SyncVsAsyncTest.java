package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncVsAsyncTest {
    @Test
    void bothVersionsReceiveTheData() throws Exception {
        Transcript t = new Transcript();
        VirtualTime.RecordingSleep sleep = new VirtualTime.RecordingSleep();
        SyncVsAsync program = new SyncVsAsync(t.out, sleep);

        program.mainSync(); // no loop at all
        Duration took = VirtualTime.testLoop(program::main);

        assertThat(t.lines()).containsExactly("Data received", "Data received");
        assertThat(sleep.sleeps).containsExactly(seconds(2));
        assertThat(took).isEqualTo(seconds(2));
    }
}
