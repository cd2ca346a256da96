package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
    @Test
    void fullRunHasTheBenchMdSizesAndTheCoreGoals() {
        List<Workload> w1 = Workloads.cases("w1", false);

        assertThat(w1)
                .extracting(Workload::key)
                .containsExactly(
                        "W1 n=100000", "W1 n=100000 default flags", "W1 n=1000000", "W1 n=1000000 default flags");
        Workload million = w1.get(2);
        assertThat(million.figures())
                .extracting(Figure::name, Figure::goal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("wall_s", 2.0),
                        org.assertj.core.groups.Tuple.tuple("rss_mb", 700.0));
        assertThat(million.jvmFlags())
                .contains(
                        "-XX:+UseParallelGC",
                        "-Djdk.trackAllThreads=false",
                        "-XX:+UseTransparentHugePages",
                        "-Xmn1500m");
        // Pre-touching the heap would inflate W1's peak RSS; the time-only workloads use it.
        assertThat(million.jvmFlags()).doesNotContain("-XX:+AlwaysPreTouch");
        for (String id : List.of("w2", "w3", "w4")) {
            assertThat(Workloads.cases(id, false).getFirst().jvmFlags()).as(id).contains("-XX:+AlwaysPreTouch");
        }
        assertThat(Workloads.cases("w2", false).getFirst().args()).containsExactly("1000000");
        assertThat(Workloads.cases("w3", false).getFirst().figures())
                .extracting(Figure::goal)
                .containsExactly(1.0, 0.15);
    }

    @Test
    void w1ToW3RunAgainWithTheJvmsDefaultFlagsOnTheJvmPeersOnlyWithTheirOwnGoals() {
        Workload million = Workloads.cases("w1", false).get(3);
        Workload w2 = Workloads.cases("w2", false).get(1);
        Workload w3 = Workloads.cases("w3", false).get(1);

        assertThat(million.key()).isEqualTo("W1 n=1000000 default flags");
        assertThat(million.tunedKey()).isEqualTo("W1 n=1000000");
        assertThat(million.defaultFlags()).isTrue();
        assertThat(million.jvmFlags()).isEmpty();
        assertThat(million.javaArgs()).containsExactly("1000000");
        assertThat(million.figures()).extracting(Figure::goal).containsExactly(3.0, Double.NaN);
        assertThat(w2.key()).isEqualTo("W2 messages=1000000 default flags");
        assertThat(w2.figures()).extracting(Figure::goal).containsExactly(300.0);
        assertThat(w3.figures()).extracting(Figure::goal).containsExactly(1.5, Double.NaN);
        for (Workload w : List.of(million, w2, w3)) {
            assertThat(w.runsFor(Fixtures.ASYNCIO4J)).isTrue();
            assertThat(w.runsFor(Fixtures.JDK)).isTrue();
            // the same program with no JVM flags to change: its figure is the tuned case's
            assertThat(w.runsFor(Fixtures.CPYTHON)).isFalse();
            assertThat(w.runsFor(Fixtures.NODE)).isFalse();
        }
        Workload tuned = Workloads.cases("w2", false).getFirst();
        assertThat(tuned.defaultFlags()).isFalse();
        assertThat(tuned.runsFor(Fixtures.CPYTHON)).isTrue();
        // W4 to W7 keep one configuration
        assertThat(Workloads.cases("w4", false)).noneMatch(Workload::defaultFlags);
    }

    @Test
    void w0IsAHelloWorldTimedWholeWithTheJvmsDefaultFlagsAndAFewRunsMore() {
        List<Workload> w0 = Workloads.cases("w0", false);

        assertThat(w0).extracting(Workload::key).containsExactly("W0 hello");
        Workload hello = w0.getFirst();
        assertThat(hello.wholeProcess()).isTrue();
        assertThat(hello.jvmFlags()).isEmpty();
        assertThat(hello.javaClass()).isEqualTo("Hello");
        assertThat(hello.script()).isEqualTo("w0_hello");
        assertThat(hello.figures())
                .extracting(Figure::name, Figure::goal)
                .containsExactly(
                        tuple("wall_s", 0.25),
                        tuple("cpu_s", Double.NaN),
                        tuple(Workloads.CLASSES, Double.NaN),
                        tuple("rss_mb", Double.NaN));
        assertThat(Workloads.runs(hello, 2)).isEqualTo(Workloads.START_UP_MIN_RUNS);
        assertThat(Workloads.runs(hello, 9)).isEqualTo(9);
        assertThat(Workloads.runs(Workloads.cases("w2", false).getFirst(), 2)).isEqualTo(2);
        assertThat(Workloads.cases("w2", false).getFirst().wholeProcess()).isFalse();
    }

    @Test
    void quickRunIsSmaller() {
        assertThat(Workloads.cases("w1", true))
                .extracting(Workload::key)
                .containsExactly("W1 n=100000", "W1 n=100000 default flags");
        assertThat(Workloads.cases("w2", true).getFirst().args()).containsExactly("100000");
        assertThat(Workloads.cases("w2", true).getFirst().figures().getFirst().hasGoal())
                .isFalse();
        // W3's warm figure depends on the rounds, which the key names; quick keeps all 20
        assertThat(Workloads.cases("w3", true))
                .extracting(Workload::key)
                .containsExactly("W3 n=100000 rounds=20", "W3 n=100000 rounds=20 default flags");
        assertThat(Workloads.cases("w3", false))
                .extracting(Workload::key)
                .containsExactly("W3 n=100000 rounds=20", "W3 n=100000 rounds=20 default flags");
    }

    @Test
    void w4RunsEveryPeerAsAPinnedServerUnderTheCLoadGenerator() {
        Workload w4 = Workloads.cases("w4", false).getFirst();

        assertThat(w4.key()).isEqualTo("W4 conns=100");
        assertThat(w4.hasLoad()).isTrue();
        assertThat(w4.pinCpu()).isEqualTo(1);
        assertThat(w4.loadCpu()).isZero();
        assertThat(w4.onlyPeers()).isEmpty();
        assertThat(w4.javaArgs()).containsExactly("serve", "0");
        assertThat(w4.args()).containsExactly("0");
        // HOST PORT CONNS SECONDS MSG WARMUP: BENCH.md's 100 connections, 100 bytes, 10 s
        assertThat(w4.load())
                .containsExactly(Workloads.W4_LOADGEN, "127.0.0.1", ProcessRunner.PORT, "100", "10", "100", "2");
        assertThat(w4.figures())
                .extracting(Figure::name, Figure::lowerIsBetter, Figure::goal)
                .containsExactly(
                        tuple("msgs_per_s", false, Double.NaN),
                        tuple("p50_us", true, Double.NaN),
                        tuple("p99_us", true, Double.NaN),
                        tuple("server_cpu_us_per_msg", true, 5.0));
    }

    @Test
    void w4LoopGroupCaseIsAsyncio4jOnlyAndUnpinned() {
        Workload group = Workloads.cases("w4", false).get(1);

        assertThat(group.key()).isEqualTo("W4 conns=100 loops=2");
        assertThat(group.javaArgs()).containsExactly("serve", "0", "2");
        assertThat(group.pinCpu()).isEqualTo(-1);
        assertThat(group.loadCpu()).isEqualTo(-1);
        assertThat(group.runsFor(Fixtures.ASYNCIO4J)).isTrue();
        assertThat(group.runsFor(Fixtures.CPYTHON)).isFalse();
        assertThat(group.figures().getLast().hasGoal()).isFalse();
    }

    @Test
    void w4WithTenThousandConnectionsAddsTheServersMemoryPerConnectionOnEveryPeer() {
        Workload many = Workloads.cases("w4", false).get(2);

        assertThat(many.key()).isEqualTo("W4 conns=10000");
        assertThat(many.load())
                .containsExactly(Workloads.W4_LOADGEN, "127.0.0.1", ProcessRunner.PORT, "10000", "10", "100", "2");
        assertThat(many.pinCpu()).isEqualTo(1);
        assertThat(many.onlyPeers()).isEmpty();
        assertThat(many.figures())
                .extracting(Figure::name, Figure::goal)
                .containsExactly(
                        tuple("msgs_per_s", Double.NaN),
                        tuple("p50_us", Double.NaN),
                        tuple("p99_us", Double.NaN),
                        tuple(RunRecord.SERVER_CPU_US_PER_MSG, Double.NaN),
                        tuple(RunRecord.SERVER_RSS_KB_PER_CONNECTION, Double.NaN),
                        tuple("rss_mb", Double.NaN));
        // memory is a figure: no pre-touched heap, unlike the 100-connection case
        assertThat(many.jvmFlags()).doesNotContain("-XX:+AlwaysPreTouch");
        assertThat(Workloads.cases("w4", false).getFirst().jvmFlags()).contains("-XX:+AlwaysPreTouch");
    }

    @Test
    void quickW4MeasuresThreeSecondsAfterOneAndSaysSoInItsKey() {
        List<Workload> quick = Workloads.cases("w4", true);

        assertThat(quick)
                .extracting(Workload::key)
                .containsExactly(
                        "W4 conns=100 seconds=3", "W4 conns=100 loops=2 seconds=3", "W4 conns=10000 seconds=3");
        for (Workload w : quick) {
            // SECONDS and WARMUP of the generator's command
            assertThat(w.load().subList(4, 7)).containsExactly("3", "100", "1");
            assertThat(w.timeout()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(64));
        }
    }

    @Test
    void everyWorkloadOfTheCatalogueHasCasesAndAnUnknownOneIsRefused() {
        assertThat(Workloads.NOT_YET).isEmpty();
        for (String id : Workloads.IDS) {
            assertThat(Workloads.cases(id, false)).isNotEmpty();
        }
        assertThatThrownBy(() -> Workloads.cases("w8", false)).hasMessageContaining("unknown workload");
    }

    @Test
    void w7DrivesEachPeersWebSocketServerWithTheLoadGeneratorInWsMode() {
        Workload w7 = Workloads.cases("w7", false).getFirst();

        assertThat(w7.key()).isEqualTo("W7 conns=100");
        assertThat(w7.javaClass()).isEqualTo("WsEcho");
        assertThat(w7.script()).isEqualTo("w7_ws_echo");
        assertThat(w7.load())
                .containsExactly(Workloads.W4_LOADGEN, "127.0.0.1", ProcessRunner.PORT, "100", "10", "1024", "2", "ws");
        assertThat(Workloads.cases("w7", true).getFirst().key()).isEqualTo("W7 conns=100 seconds=3");
    }

    @Test
    void w5IsWrkAgainstAServerPinnedToCpu1AndTwoWorkersUnpinned() {
        List<Workload> w5 = Workloads.cases("w5", false);
        assertThat(w5)
                .extracting(Workload::key)
                .containsExactly("W5 GET /", "W5 GET /json", "W5 GET /sleep", "W5 GET / workers=2");
        Workload hello = w5.getFirst();
        assertThat(hello.load()).containsExactly(Workloads.W5_WRK, ProcessRunner.PORT, "/", "10", "3");
        assertThat(hello.pinCpu()).isEqualTo(1);
        assertThat(hello.loadCpu()).isZero();
        assertThat(hello.javaArgs()).containsExactly("serve", "0");
        assertThat(hello.figures())
                .extracting(Figure::name)
                .containsExactly("req_per_s", "p50_us", "p99_us", RunRecord.SERVER_CPU_US_PER_MSG);
        Workload workers = w5.getLast();
        assertThat(workers.pinCpu()).isEqualTo(-1);
        assertThat(workers.javaArgs()).containsExactly("serve", "0", "2");
        assertThat(workers.onlyPeers()).containsExactlyInAnyOrder(Peer.ASYNCIO4J, Peers.VERTX);
        assertThat(Workloads.cases("w5", true)).extracting(Workload::key).containsExactly("W5 GET / seconds=3");
    }

    @Test
    void w6RunsEveryPeerPinnedToCpu0AgainstNginxWithTheUrlFilledIn() {
        Workload w6 = Workloads.cases("w6", false).getFirst();

        assertThat(w6.key()).isEqualTo("W6 requests=20000 concurrency=100");
        assertThat(Workloads.againstNginx(w6)).isTrue();
        assertThat(Workloads.againstNginx(Workloads.cases("w4", false).getFirst()))
                .isFalse();
        assertThat(w6.hasLoad()).isFalse();
        assertThat(w6.pinCpu()).isZero();
        assertThat(w6.args()).containsExactly(NginxServer.URL, "20000", "100");
        assertThat(w6.javaArgs()).isEqualTo(w6.args());
        // peak RSS is a figure: no pre-touched heap
        assertThat(w6.jvmFlags()).doesNotContain("-XX:+AlwaysPreTouch");
        assertThat(w6.figures())
                .extracting(Figure::name, Figure::lowerIsBetter, Figure::goal)
                .containsExactly(
                        tuple("req_per_s", false, 20_000.0),
                        tuple(Workloads.REUSE, false, Double.NaN),
                        tuple("rss_mb", true, Double.NaN));
        assertThat(Workloads.cases("w6", true).getFirst().args()).containsExactly(NginxServer.URL, "5000", "100");
    }

    @Test
    void nginxReuseLeavesOutTheStatusQueryItself() {
        NginxServer.Status before = new NginxServer.Status(10, 50);
        // 100 connections and 20,000 requests in between, plus the query's own connection and request
        assertThat(new NginxServer.Status(111, 20_051).reuseSince(before)).isEqualTo(1 - 100 / 20_000.0);
    }
}
