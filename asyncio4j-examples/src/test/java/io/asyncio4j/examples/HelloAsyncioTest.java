package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HelloAsyncioTest {
    @Test
    void printsHelloSleepsOneSecondAndPrintsAsyncio() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new HelloAsyncio(t.out).main());
        assertThat(t.lines()).containsExactly("Hello ...", "... AsyncIO!");
        assertThat(took).isEqualTo(seconds(1));
    }
}
