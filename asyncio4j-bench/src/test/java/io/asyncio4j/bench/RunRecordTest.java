package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRecordTest {
    private static ProcessRunner.Outcome outcome(int exit, String... stdout) {
        return new ProcessRunner.Outcome(
                List.of("prog"), exit, false, List.of(stdout), List.of(), new GnuTime(204_800, 1.0, 0.5), 2.0);
    }

    @Test
    void takesTheFiguresOfTheResultLineAndAddsRssAndCpu() {
        RunRecord r =
                RunRecord.of("S", Fixtures.w1(), Fixtures.CPYTHON, 1, outcome(0, "hi", "RESULT W1 n=1000 wall_s=1.25"));

        assertThat(r.ok()).isTrue();
        assertThat(r.figures())
                .containsExactly(
                        Map.entry("n", 1000.0),
                        Map.entry("wall_s", 1.25),
                        Map.entry("rss_mb", 204_800 * 1024 / 1e6),
                        Map.entry("cpu_s", 1.5));
    }

    @Test
    void aServerUnderLoadGetsItsCpuTimePerMessageInTheMeasuredWindow() {
        Workload w4 = Workloads.cases("w4", false).getFirst();
        ProcessRunner.Outcome served = new ProcessRunner.Outcome(
                List.of("server"),
                0,
                false,
                List.of("MEASURE", "RESULT W4 msgs_per_s=50000 p50_us=1900 p99_us=2600 msgs=500000 seconds=10"),
                List.of(),
                GnuTime.NONE,
                14.0,
                2.5);

        RunRecord r = RunRecord.of("S", w4, Fixtures.NODE, 1, served);

        assertThat(r.ok()).isTrue();
        assertThat(r.figures())
                .containsEntry("msgs_per_s", 50000.0)
                .containsEntry("server_cpu_s", 2.5)
                .containsEntry("server_cpu_us_per_msg", 5.0);
        assertThat(RunRecord.of(
                                "S",
                                w4,
                                Fixtures.NODE,
                                1,
                                new ProcessRunner.Outcome(
                                        List.of("server"), 0, false, served.stdout(), List.of(), GnuTime.NONE, 14.0))
                        .error())
                .contains("no CPU time of the server");
    }

    @Test
    void theServersMemoryGrowthIsDividedByTheConnectionsTheGeneratorKept() {
        Workload many = Workloads.cases("w4", false).get(2);
        ProcessRunner.Outcome served = new ProcessRunner.Outcome(
                List.of("server"),
                0,
                false,
                List.of(
                        "MEASURE",
                        "RESULT W4 msgs_per_s=50000 p50_us=1900 p99_us=2600 msgs=500000 seconds=10"
                                + " connections=10000 msg_bytes=100"),
                List.of(),
                GnuTime.NONE,
                14.0,
                2.5,
                150_000);

        RunRecord r = RunRecord.of("S", many, Fixtures.NODE, 1, served);

        assertThat(r.ok()).isTrue();
        assertThat(r.figures()).containsEntry(RunRecord.SERVER_RSS_KB_PER_CONNECTION, 15.0);
        // no growth measured: no figure, and the run fails for lacking it
        assertThat(RunRecord.of(
                                "S",
                                many,
                                Fixtures.NODE,
                                1,
                                new ProcessRunner.Outcome(
                                        List.of("server"),
                                        0,
                                        false,
                                        served.stdout(),
                                        List.of(),
                                        GnuTime.NONE,
                                        14.0,
                                        2.5))
                        .error())
                .isEqualTo("the RESULT line lacks " + RunRecord.SERVER_RSS_KB_PER_CONNECTION);
    }

    @Test
    void aRunWithoutItsFiguresFails() {
        assertThat(RunRecord.of("S", Fixtures.w1(), Fixtures.NODE, 1, outcome(0, "crashed quietly"))
                        .error())
                .isEqualTo("the program printed no RESULT line");
        assertThat(RunRecord.of("S", Fixtures.w1(), Fixtures.NODE, 1, outcome(0, "RESULT W2 wall_s=1"))
                        .error())
                .isEqualTo("RESULT line of W2, expected W1");
        assertThat(RunRecord.of("S", Fixtures.w1(), Fixtures.NODE, 1, outcome(0, "RESULT W1 n=5"))
                        .error())
                .isEqualTo("the RESULT line lacks wall_s");
        assertThat(RunRecord.of("S", Fixtures.w1(), Fixtures.NODE, 1, outcome(0, "RESULT W1 wall_s=1 msgs=9 errors=9"))
                        .error())
                .startsWith("9 of 9 requests failed");
        RunRecord crashed = RunRecord.of("S", Fixtures.w1(), Fixtures.NODE, 1, outcome(1, "RESULT W1 wall_s=1"));
        assertThat(crashed.error()).isEqualTo("exit code 1");
        assertThat(crashed.figures()).isEmpty();
    }

    @Test
    void aStartUpRunIsMeasuredWholeByTheHarnessAndMustHaveSaidHello() {
        Workload w0 = Workloads.cases("w0", false).getFirst();

        RunRecord r = RunRecord.of("S", w0, Fixtures.ASYNCIO4J, 1, outcome(0, "hello"), Map.of("classes", 930.0));

        assertThat(r.ok()).isTrue();
        assertThat(r.figures())
                .containsExactly(
                        Map.entry("wall_s", 2.0),
                        Map.entry("classes", 930.0),
                        Map.entry("rss_mb", 204_800 * 1024 / 1e6),
                        Map.entry("cpu_s", 1.5));
        // a peer that counts no classes still has its run
        assertThat(RunRecord.of("S", w0, Fixtures.NODE, 1, outcome(0, "hello")).ok())
                .isTrue();
        assertThat(RunRecord.of("S", w0, Fixtures.NODE, 1, outcome(0, "hi")).error())
                .isEqualTo("the program did not print hello");
    }

    @Test
    void jsonLineCarriesEverythingAndParsesBack() {
        RunRecord r = RunRecord.of(
                "2026-11-23T18:00:00Z", Fixtures.w1(), Fixtures.ASYNCIO4J, 2, outcome(0, "RESULT W1 wall_s=1.5"));

        Object parsed = Json.parse(r.toJson());

        assertThat(parsed)
                .isEqualTo(Map.of(
                        "type",
                        "run",
                        "session",
                        "2026-11-23T18:00:00Z",
                        "workload",
                        "W1 n=1000",
                        "peer",
                        "asyncio4j",
                        "run",
                        2.0,
                        "ok",
                        true,
                        "figures",
                        Map.of("wall_s", 1.5, "rss_mb", 209.715, "cpu_s", 1.5),
                        "elapsed_s",
                        2.0,
                        "command",
                        List.of("prog")));
        assertThat(r.toJson()).doesNotContain("\n");
    }

    @Test
    void mediansIgnoreFailedRuns() {
        List<RunRecord> runs = List.of(
                new RunRecord("S", "W1 n=1000", "node", 1, Map.of("wall_s", 3.0), null, 1, List.of()),
                new RunRecord("S", "W1 n=1000", "node", 2, Map.of(), "timed out", 1, List.of()),
                new RunRecord("S", "W1 n=1000", "node", 3, Map.of("wall_s", 1.0), null, 1, List.of()),
                new RunRecord("S", "W1 n=1000", "node", 4, Map.of("wall_s", 2.0), null, 1, List.of()));

        Medians m = Medians.of(runs);

        assertThat(m.get("W1 n=1000", "node", "wall_s")).isEqualTo(2.0);
        assertThat(m.get("W1 n=1000", "jdk", "wall_s")).isNaN();
    }
}
