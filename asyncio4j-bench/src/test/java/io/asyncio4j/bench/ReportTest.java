package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static Medians medians(double ownWall, double pythonWall) {
        Medians m = new Medians();
        m.put("W1 n=1000", "asyncio4j", "wall_s", ownWall);
        m.put("W1 n=1000", "asyncio4j", "rss_mb", 100);
        m.put("W1 n=1000", "asyncio", "wall_s", pythonWall);
        m.put("W1 n=1000", "asyncio", "rss_mb", 400);
        return m;
    }

    @Test
    void eachPeerCellShowsItsMedianAndHowManyTimesBetterAsyncio4jIs() {
        Report report =
                new Report(List.of(Fixtures.w1()), List.of(Fixtures.ASYNCIO4J, Fixtures.CPYTHON), medians(1.5, 24));

        assertThat(report.rows())
                .containsExactly(
                        List.of("workload", "figure", "asyncio4j", "CPython asyncio", "asyncio4j goal"),
                        List.of("W1 n=1000 (spawn-sleep)", "wall (s)", "1.50", "24.0 (16×)", "≤ 2.00 met"),
                        List.of("W1 n=1000 (spawn-sleep)", "peak RSS (MB)", "100", "400 (4.00×)", ""));
    }

    @Test
    void aMissedGoalAndAMissingPeerAreShown() {
        Report report = new Report(
                List.of(Fixtures.w1()), List.of(Fixtures.ASYNCIO4J, Fixtures.CPYTHON, Fixtures.NODE), medians(2.5, 2));

        List<String> wall = report.rows().get(1);
        assertThat(wall)
                .containsExactly("W1 n=1000 (spawn-sleep)", "wall (s)", "2.50", "2.00 (0.80×)", "—", "≤ 2.00 MISSED");
    }

    @Test
    void aPeerWithoutAProgramOrNotInTheCaseIsNotApplicable() {
        Peer noProgram = new Peer("netty", "Netty", "4.2", null, w -> null, true);
        Workload onlyOwn = Workloads.cases("w4", false).get(1);
        Medians m = medians(1.5, 24);
        m.put(onlyOwn.key(), "asyncio4j", "msgs_per_s", 90_000);

        List<List<String>> rows = new Report(
                        List.of(Fixtures.w1(), onlyOwn), List.of(Fixtures.ASYNCIO4J, Fixtures.CPYTHON, noProgram), m)
                .rows();

        assertThat(rows.get(1))
                .containsExactly("W1 n=1000 (spawn-sleep)", "wall (s)", "1.50", "24.0 (16×)", "n/a", "≤ 2.00 met");
        assertThat(rows.get(3))
                .containsExactly("W4 conns=100 loops=2 (tcp-echo)", "messages/s", "90000", "n/a", "n/a", "");
    }

    @Test
    void aDefaultFlagsRowHasTheJvmPeersOwnFiguresAndTheOthersFromTheTunedRow() {
        List<Workload> w2 = Workloads.cases("w2", false);
        Workload tuned = w2.get(0);
        Workload plain = w2.get(1);
        Medians m = new Medians();
        m.put(tuned.key(), "asyncio4j", "ns_per_msg", 200);
        m.put(tuned.key(), "jdk", "ns_per_msg", 1000);
        m.put(tuned.key(), "asyncio", "ns_per_msg", 12000);
        m.put(plain.key(), "asyncio4j", "ns_per_msg", 400);
        m.put(plain.key(), "jdk", "ns_per_msg", 2000);

        List<List<String>> rows = new Report(w2, List.of(Fixtures.ASYNCIO4J, Fixtures.JDK, Fixtures.CPYTHON), m).rows();

        assertThat(rows.get(1))
                .containsExactly(
                        "W2 messages=1000000 (ping-pong)",
                        "ns/message",
                        "200",
                        "1000 (5.00×)",
                        "12000 (60×)",
                        "≤ 200 met");
        assertThat(rows.get(2))
                .containsExactly(
                        "W2 messages=1000000 default flags (ping-pong)",
                        "ns/message",
                        "400",
                        "2000 (5.00×)",
                        "12000 (30×)",
                        "≤ 300 MISSED");
        assertThat(BarChart.groups(w2, List.of(Fixtures.ASYNCIO4J, Fixtures.JDK, Fixtures.CPYTHON), m)
                        .get(1)
                        .bars())
                .extracting(BarChart.Bar::ratio)
                .containsExactly(5.0, 30.0);
    }

    @Test
    void aFigureAPeerDoesNotReportIsNotApplicableAndAFailedPeerHasNoResult() {
        Workload w0 = Workloads.cases("w0", false).getFirst();
        Medians m = new Medians();
        m.put(w0.key(), "asyncio4j", "wall_s", 0.2);
        m.put(w0.key(), "asyncio4j", "classes", 930);
        m.put(w0.key(), "asyncio", "wall_s", 0.3);

        List<List<String>> rows =
                new Report(List.of(w0), List.of(Fixtures.ASYNCIO4J, Fixtures.CPYTHON, Fixtures.NODE), m).rows();

        assertThat(rows.get(1))
                .containsExactly("W0 hello (start-up)", "wall (s)", "0.200", "0.300 (1.50×)", "—", "≤ 0.250 met");
        assertThat(rows.get(3)).containsExactly("W0 hello (start-up)", "classes loaded", "930", "n/a", "—", "");
    }

    @Test
    void markdownHasAHeaderSeparatorWithNumbersRightAligned() {
        String md = new Report(List.of(Fixtures.w1()), List.of(Fixtures.ASYNCIO4J, Fixtures.CPYTHON), medians(1.5, 24))
                .markdown();

        assertThat(md.lines().toList())
                .containsExactly(
                        "| workload | figure | asyncio4j | CPython asyncio | asyncio4j goal |",
                        "|---|---|---:|---:|---:|",
                        "| W1 n=1000 (spawn-sleep) | wall (s) | 1.50 | 24.0 (16×) | ≤ 2.00 met |",
                        "| W1 n=1000 (spawn-sleep) | peak RSS (MB) | 100 | 400 (4.00×) |  |");
    }

    @Test
    void terminalTextIsPlainAsciiAndAligned() {
        String text = new Report(
                        List.of(Fixtures.w1()), List.of(Fixtures.ASYNCIO4J, Fixtures.CPYTHON), medians(1.5, 24))
                .text();

        assertThat(text).isEqualTo("""
                workload                 figure         asyncio4j  CPython asyncio  asyncio4j goal
                ----------------------------------------------------------------------------------
                W1 n=1000 (spawn-sleep)  wall (s)            1.50       24.0 (16x)     <= 2.00 met
                W1 n=1000 (spawn-sleep)  peak RSS (MB)        100      400 (4.00x)
                """);
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertThat(Report.number(1234.5)).isEqualTo("1235");
        assertThat(Report.number(24.04)).isEqualTo("24.0");
        assertThat(Report.number(1.851)).isEqualTo("1.85");
        assertThat(Report.number(0.15949)).isEqualTo("0.159");
        assertThat(Report.ratio(15.6)).isEqualTo("16×");
        assertThat(Report.ratio(1.234)).isEqualTo("1.23×");
    }
}
