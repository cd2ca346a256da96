package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GnuTimeTest {
    /** What GNU time 1.9 writes with -v, cut short. */
    private static final List<String> REPORT = List.of(
            "\tCommand being timed: \"java -cp x io.asyncio4j.bench.workloads.SpawnSleep 1000000\"",
            "\tUser time (seconds): 1.48",
            "\tSystem time (seconds): 0.51",
            "\tPercent of CPU this job got: 80%",
            "\tElapsed (wall clock) time (h:mm:ss or m:ss): 0:02.47",
            "\tMaximum resident set size (kbytes): 829416",
            "\tExit status: 0");

    @Test
    void readsPeakRssAndCpuTimes() {
        GnuTime time = GnuTime.parse(REPORT);

        assertThat(time.peakRssKb()).isEqualTo(829_416);
        assertThat(time.peakRssMb()).isEqualTo(829_416 * 1024 / 1e6);
        assertThat(time.userSeconds()).isEqualTo(1.48);
        assertThat(time.systemSeconds()).isEqualTo(0.51);
        assertThat(time.cpuSeconds()).isEqualTo(1.99);
    }

    @Test
    void leavesMissingOrGarbledEntriesUnknown() {
        GnuTime time = GnuTime.parse(List.of("Maximum resident set size (kbytes): lots", "nothing else"));

        assertThat(time.peakRssKb()).isEqualTo(-1);
        assertThat(time.peakRssMb()).isNaN();
        assertThat(time.cpuSeconds()).isNaN();
    }
}
