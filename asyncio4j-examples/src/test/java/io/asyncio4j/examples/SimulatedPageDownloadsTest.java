package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatedPageDownloadsTest {
    @Test
    void threePagesDownloadInOneAndAHalfSeconds() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new SimulatedPageDownloads(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "Downloading https://example.com ...",
                        "Downloading https://example.com/blog ...",
                        "Downloading https://example.com/about ...",
                        "Finished https://example.com",
                        "Finished https://example.com/blog",
                        "Finished https://example.com/about",
                        "",
                        "Downloaded pages:",
                        "https://example.com -> 49 chars",
                        "https://example.com/blog -> 54 chars",
                        "https://example.com/about -> 55 chars");
        assertThat(took).isEqualTo(seconds(1.5)); // not 3 x 1.5
    }
}
