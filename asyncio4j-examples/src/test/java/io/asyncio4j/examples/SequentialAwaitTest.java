package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SequentialAwaitTest {
    @Test
    void awaitingOneAfterTheOtherTakesTheSumOfTheDelays() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new SequentialAwait(t.out).main());
        assertThat(t.lines()).containsExactly("Hello, Alice!", "Hello, Bob!");
        assertThat(took).isEqualTo(seconds(3)); // "Run sequentially: takes 3s"
    }
}
