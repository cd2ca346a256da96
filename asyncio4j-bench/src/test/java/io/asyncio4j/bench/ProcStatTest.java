package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void addsUtimeAndStimeFields14And15() {
        // utime 1234 and stime 56 (fields 14, 15); cutime 7 and cstime 8 (16, 17) are not counted
        String line = "4242 (java) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 56 7 8 20 0 37 0 123456"
                + " 5000000000 60000 18446744073709551615 1 1 0 0 0 0 0 2 16800972 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcStat.ticks(line)).isEqualTo(1290);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String line = "77 (my (odd) name) R 1 77 77 0 -1 0 0 0 0 0 300 200 0 0 20 0 1 0 5 100 10";

        assertThat(ProcStat.ticks(line)).isEqualTo(500);
    }

    @Test
    void somethingElseIsRejectedClearly() {
        assertThatThrownBy(() -> ProcStat.ticks("hello")).hasMessageContaining("not a /proc/<pid>/stat line");
        assertThatThrownBy(() -> ProcStat.ticks("1 (x) S 1 2 3")).hasMessageContaining("too short");
    }

    @Test
    void readsTheResidentMemoryOfAStatusFile() {
        assertThat(ProcStat.vmRssKb(java.util.List.of("Name:\tjava", "VmPeak:\t 999 kB", "VmRSS:\t   51234 kB")))
                .isEqualTo(51234);
        // a zombie has no VmRSS line
        assertThat(ProcStat.vmRssKb(java.util.List.of("Name:\tjava", "State:\tZ (zombie)")))
                .isZero();
        assertThatThrownBy(() -> ProcStat.vmRssKb(java.util.List.of("VmRSS:\t12 MB")))
                .hasMessageContaining("not a VmRSS line");
    }

    @Test
    void readsThisProcessesMemory() {
        assumeTrue(ProcStat.available(), "no /proc here");

        assertThat(ProcStat.rssKb(ProcessHandle.current())).isPositive();
    }

    @Test
    void readsThisProcessesCpuTime() {
        assumeTrue(ProcStat.available(), "no /proc here");

        assertThat(ProcStat.cpuSeconds(ProcessHandle.current())).isPositive();
    }
}
