package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatedFileDownloadsTest {
    @Test
    void fiveDownloadsTakeAsLongAsTheSlowest() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoop(() -> new SimulatedFileDownloads(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "Downloading report.pdf (2.0 s)...",
                        "Downloading photo.jpg (1.0 s)...",
                        "Downloading data.csv (3.0 s)...",
                        "Downloading song.mp3 (2.5 s)...",
                        "Downloading notes.txt (0.5 s)...",
                        "Finished notes.txt",
                        "Finished photo.jpg",
                        "Finished report.pdf",
                        "Finished song.mp3",
                        "Finished data.csv",
                        "Downloaded 5 files in 3.00 s (one after another: 9.00 s)");
        assertThat(took).isEqualTo(seconds(3));
    }
}
