package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoroutineResultTest {
    @Test
    void theCoroutinesReturnValueIsPrinted() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new CoroutineResult(t.out).main());
        assertThat(t.lines()).containsExactly("Hello, Alice!");
        assertThat(took).isEqualTo(seconds(1));
    }
}
