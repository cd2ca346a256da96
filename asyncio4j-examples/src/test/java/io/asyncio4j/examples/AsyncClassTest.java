package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AsyncClassTest {
    @Test
    void fetchMultipleRunsTheFetchesConcurrentlyAndConnectInitialisesFirst() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new AsyncClass(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "[Data from https://api.example.com/users, Data from https://api.example.com/posts,"
                                + " Data from https://api.example.com/comments]",
                        "--- async initialisation ---",
                        "Signing in to https://api.example.com ...",
                        "Data from https://api.example.com/users");
        assertThat(took).isEqualTo(seconds(1 + 0.5 + 1)); // three fetches in 1 s, not 3
    }
}
