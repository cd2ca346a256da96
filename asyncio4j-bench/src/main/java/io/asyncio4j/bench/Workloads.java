package io.asyncio4j.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The catalogue of BENCH.md's workloads: their cases, sizes, flags, figures and goals. */
final class Workloads {
    private Workloads() {}

    /** Every workload id BENCH.md defines, in order. */
    static final List<String> IDS = List.of("w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7");

    /**
     * Why a BENCH.md workload cannot run yet; the harness prints it as the reason it skipped it.
     * Each needs a part of asyncio4j that does not exist yet.
     */
    static final Map<String, String> NOT_YET = Map.of();

    /*
     * JVM flags, the same for asyncio4j and the plain-JDK peer:
     * - Parallel GC: the parked stacks of a burst of tasks survive every young collection; G1 (the
     *   default) copies them again and again, Parallel with a young generation larger than the
     *   burst runs no collection at all during W1.
     * - -Xmn larger than the burst: W1 with 1M tasks allocates about 700 MB before the gather
     *   returns (about 700 bytes a parked task, all live: stack chunk 267, VirtualThread 168, Task
     *   88, ...), so its eden (-Xmn1500m: 1.15 GB) holds all of it with room for the plain-JDK
     *   peer; when a collection runs during the burst it copies the parked stacks and peak RSS
     *   doubles.
     * - -Djdk.trackAllThreads=false: the JDK stops registering every virtual thread in a thread
     *   container for thread dumps (5 to 15 % of W1).
     * - -XX:+UseTransparentHugePages: the heap in 2 MB pages (this kernel's THP mode is madvise),
     *   512 times fewer page faults while a burst fills the eden: W1 1M 4.1 -> 1.5-2.8 s, for 30 MB
     *   more peak RSS.
     * - -XX:+AlwaysPreTouch for the time-only figures (W2 to W4): the kernel of this VM reclaims
     *   idle memory pages (DAMON), so a JVM walking through a fresh eden page-faults on every new
     *   page: W3 warm 0.98 -> 0.25 us/task, W2 400 -> 300 ns/message. CPython and Node.js reuse a
     *   small, hot heap and do not pay it. Not for W1, whose peak RSS pre-touching would inflate.
     */
    private static final List<String> BASE_FLAGS =
            List.of("-XX:+UseParallelGC", "-Djdk.trackAllThreads=false", "-XX:+UseTransparentHugePages");

    private static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    private static List<String> flags(String... extra) {
        List<String> all = new ArrayList<>(BASE_FLAGS);
        all.addAll(List.of(extra));
        return all;
    }

    private static final Figure RSS = Figure.lower("rss_mb", "peak RSS (MB)");

    /** W0's figure that only the JVM peers report: classes loaded, counted in a run of its own. */
    static final String CLASSES = "classes";

    /** How many runs W0 gets at least: each takes a fraction of a second and its figures are small. */
    static final int START_UP_MIN_RUNS = 5;

    /**
     * W0 start-up: a hello world ({@code run} a main that sleeps 1 ms and prints {@code hello}), the
     * whole process from exec to exit, with the JVM's default flags (the only ones a user's
     * program starts with). The harness measures it: wall time (as the harness sees the process
     * start and end), CPU time and peak RSS ({@code /usr/bin/time}), and for the JVM peers the
     * classes loaded, counted by a second run with {@code -Xlog:class+load} so that the timed
     * run has no flag at all. The JVM programs get only their own classes and asyncio4j's core on
     * the class path ({@link Peers#startUpClassPath}).
     */
    static Workload w0() {
        return new Workload(
                "W0",
                "start-up",
                "W0 hello",
                "Hello",
                "w0_hello",
                List.of(),
                List.of(),
                List.of(),
                List.of(
                        Figure.lower("wall_s", "wall (s)").withGoal(0.25),
                        Figure.lower("cpu_s", "CPU (s)"),
                        Figure.lower(CLASSES, "classes loaded"),
                        RSS),
                Duration.ofSeconds(60),
                List.of(),
                -1,
                Set.of(),
                null);
    }

    /** How many runs case {@code w} gets when {@code asked} were asked for. */
    static int runs(Workload w, int asked) {
        return w.wholeProcess() ? Math.max(asked, START_UP_MIN_RUNS) : asked;
    }

    /** W1 spawn-sleep with {@code n} tasks. */
    static Workload w1(int n) {
        Figure wall = Figure.lower("wall_s", "wall (s)");
        Figure rss = RSS;
        if (n == 1_000_000) {
            wall = wall.withGoal(2.0);
            rss = rss.withGoal(700);
        }
        // The young generation must hold the whole burst (~950 bytes allocated per task).
        String young = n > 200_000 ? "-Xmn1500m" : "-Xmn256m";
        Duration timeout = Duration.ofSeconds(n > 200_000 ? 180 : 60);
        return new Workload(
                "W1",
                "spawn-sleep",
                "W1 n=" + n,
                "SpawnSleep",
                "w1_spawn_sleep",
                List.of(Integer.toString(n)),
                List.of(Integer.toString(n)),
                flags(young),
                List.of(wall, rss),
                timeout,
                List.of(),
                -1,
                Set.of(),
                null);
    }

    /** W2 ping-pong with {@code messages} messages. */
    static Workload w2(int messages) {
        Figure perMessage = Figure.lower("ns_per_msg", "ns/message");
        if (messages >= 1_000_000) {
            perMessage = perMessage.withGoal(200);
        }
        return new Workload(
                "W2",
                "ping-pong",
                "W2 messages=" + messages,
                "PingPong",
                "w2_ping_pong",
                List.of(Integer.toString(messages)),
                List.of(Integer.toString(messages)),
                flags(PRE_TOUCH),
                List.of(perMessage),
                Duration.ofSeconds(120),
                List.of(),
                -1,
                Set.of(),
                null);
    }

    /** W3 fan-out with {@code n} tasks, {@code rounds} rounds in one process. */
    static Workload w3(int n, int rounds) {
        Figure cold = Figure.lower("cold_us", "cold µs/task");
        Figure warm = Figure.lower("warm_us", "warm µs/task");
        if (n == 100_000) {
            cold = cold.withGoal(1.0);
            warm = warm.withGoal(0.15);
        }
        return new Workload(
                "W3",
                "fan-out",
                // The warm figure depends on how many rounds the JIT gets, so the key names them:
                // only runs with the same rounds are compared against the committed baseline.
                "W3 n=" + n + " rounds=" + rounds,
                "FanOut",
                "w3_fan_out",
                List.of(Integer.toString(n), Integer.toString(rounds)),
                List.of(Integer.toString(n), Integer.toString(rounds)),
                flags("-Xmn512m", PRE_TOUCH),
                List.of(cold, warm),
                Duration.ofSeconds(120),
                List.of(),
                -1,
                Set.of(),
                null);
    }

    /**
     * Where the harness builds W4's load generator ({@code peers/c/w4_loadgen.c}, {@link
     * LoadGenerator}), relative to the repository root.
     */
    static final String W4_LOADGEN = "asyncio4j-bench/target/w4_loadgen";

    /** W4's connections and message size (BENCH.md). */
    static final int W4_CONNECTIONS = 100;

    static final int W4_MESSAGE_BYTES = 100;

    /**
     * W4 tcp-echo: the server with {@code loops} event loops; the C load generator keeps {@link
     * #W4_CONNECTIONS} connections busy for {@code warmup} seconds, then measures {@code seconds}.
     * With one loop the server is pinned to CPU 1 and the generator to CPU 0, as BENCH.md asks, and
     * every peer runs it; with more, only asyncio4j runs it (a {@code LoopGroup}), unpinned, so its
     * loops can use both CPUs.
     */
    static Workload w4(int loops, int seconds, int warmup) {
        return w4(loops, W4_CONNECTIONS, seconds, warmup);
    }

    /** The connections of W4's large case: how much a connection costs the server kept open. */
    static final int W4_MANY_CONNECTIONS = 10_000;

    /**
     * W4 with {@code connections} connections; beyond BENCH.md's 100 the table adds how much the
     * server's resident memory grew per connection ({@link RunRecord#SERVER_RSS_KB_PER_CONNECTION};
     * for a JVM that includes heap its collector touched, not only what the connections hold) and
     * its peak RSS, the JVMs start without a pre-touched heap, and the goal of the CPU per message
     * is left out.
     */
    static Workload w4(int loops, int connections, int seconds, int warmup) {
        boolean single = loops == 1;
        boolean many = connections != W4_CONNECTIONS;
        Figure cpu = Figure.lower(RunRecord.SERVER_CPU_US_PER_MSG, "server CPU µs/message");
        if (single && !many) {
            cpu = cpu.withGoal(5.0);
        }
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.higher("msgs_per_s", "messages/s"),
                Figure.lower("p50_us", "p50 round trip (µs)"),
                Figure.lower("p99_us", "p99 round trip (µs)"),
                cpu));
        if (many) {
            figures.add(Figure.lower(RunRecord.SERVER_RSS_KB_PER_CONNECTION, "server RSS KB/connection"));
            figures.add(RSS);
        }
        // Shorter windows give the JIT less time, so the key names a window other than BENCH.md's:
        // only runs with the same window are compared against the committed baseline.
        String key = "W4 conns=" + connections + (single ? "" : " loops=" + loops)
                + (seconds == 10 ? "" : " seconds=" + seconds);
        List<String> javaArgs = new ArrayList<>(List.of("serve", "0"));
        if (!single) {
            javaArgs.add(Integer.toString(loops));
        }
        return new Workload(
                "W4",
                "tcp-echo",
                key,
                "TcpEcho",
                "w4_tcp_echo",
                List.of("0"),
                javaArgs,
                // Memory is a figure of the large case: its heap is not touched in advance.
                many ? flags() : flags(PRE_TOUCH),
                figures,
                Duration.ofSeconds(seconds + warmup + 60L),
                List.of(
                        W4_LOADGEN,
                        "127.0.0.1",
                        ProcessRunner.PORT,
                        Integer.toString(connections),
                        Integer.toString(seconds),
                        Integer.toString(W4_MESSAGE_BYTES),
                        Integer.toString(warmup)),
                single ? 1 : -1,
                single ? Set.of() : Set.of(Peer.ASYNCIO4J),
                null);
    }

    /** W5's load: wrk after a warm-up, printing MEASURE and the RESULT line ({@code peers/wrk}). */
    static final String W5_WRK = "asyncio4j-bench/peers/wrk/w5_wrk.sh";

    /**
     * W5 http-server: {@code GET path} with keep-alive under {@code wrk -t1 -c100 -d<seconds>s
     * --latency} after a warm-up of {@code warmup} seconds. With one worker the server is pinned to
     * CPU 1 and wrk to CPU 0, and every peer runs it; with more, asyncio4j (a {@code LoopGroup}) and
     * Vert.x (one event loop each) run unpinned. The figures: requests per second, p50 and p99
     * latency, and the server's CPU time per request in the measured window.
     */
    static Workload w5(String path, int workers, int seconds, int warmup) {
        boolean single = workers == 1;
        Figure rate = Figure.higher("req_per_s", "requests/s");
        if (single && path.equals("/")) {
            rate = rate.withGoal(150_000);
        }
        String key =
                "W5 GET " + path + (single ? "" : " workers=" + workers) + (seconds == 10 ? "" : " seconds=" + seconds);
        List<String> javaArgs = new ArrayList<>(List.of("serve", "0"));
        if (!single) {
            javaArgs.add(Integer.toString(workers));
        }
        return new Workload(
                "W5",
                "http-server",
                key,
                "HttpServer",
                "w5_http_server",
                List.of("0"),
                javaArgs,
                flags(PRE_TOUCH),
                List.of(
                        rate,
                        Figure.lower("p50_us", "p50 latency (µs)"),
                        Figure.lower("p99_us", "p99 latency (µs)"),
                        Figure.lower(RunRecord.SERVER_CPU_US_PER_MSG, "server CPU µs/request")),
                Duration.ofSeconds(seconds + warmup + 60L),
                List.of(W5_WRK, ProcessRunner.PORT, path, Integer.toString(seconds), Integer.toString(warmup)),
                single ? 1 : -1,
                single ? Set.of() : Set.of(Peer.ASYNCIO4J, Peers.VERTX),
                null);
    }

    /** The figure W6 adds from nginx's counters: the share of requests sent on a reused connection. */
    static final String REUSE = "reuse";

    /**
     * W6 http-client: {@code requests} GETs of {@code Hello, World!}, {@code concurrency} at a time
     * over keep-alive, against nginx ({@link NginxServer}, pinned to CPU 1) with the client pinned to
     * CPU 0. Each program prints {@code req_per_s} over the whole run, its start-up and JIT warm-up
     * included, as a user's program pays them; the harness adds the keep-alive {@link #REUSE} ratio
     * from nginx's counters and the peak RSS. No pre-touched heap: peak RSS is a figure here.
     */
    static Workload w6(int requests, int concurrency) {
        List<String> args = List.of(NginxServer.URL, Integer.toString(requests), Integer.toString(concurrency));
        return new Workload(
                "W6",
                "http-client",
                "W6 requests=" + requests + " concurrency=" + concurrency,
                "HttpGets",
                "w6_http_gets",
                args,
                args,
                flags(),
                List.of(
                        Figure.higher("req_per_s", "requests/s").withGoal(20_000),
                        Figure.higher(REUSE, "keep-alive reuse"),
                        RSS),
                Duration.ofSeconds(300),
                List.of(),
                0,
                Set.of(),
                null);
    }

    /** W7's connections and message size (BENCH.md): 1 KiB text messages. */
    static final int W7_MESSAGE_BYTES = 1024;

    /**
     * W7 ws-echo: each peer's WebSocket echo server (asyncio4j's web server, Node's {@code ws},
     * aiohttp, aiohttp on uvloop) pinned to CPU 1; W4's C load generator in ws mode, pinned to CPU 0,
     * keeps {@link #W4_CONNECTIONS} connections each sending a 1 KiB text frame and waiting for its
     * echo, {@code warmup} seconds, then {@code seconds} measured. Figures as W4's; BENCH.md's goal
     * is at least twice Node's messages per CPU-second, that is at most half its CPU per message.
     */
    static Workload w7(int seconds, int warmup) {
        String key = "W7 conns=" + W4_CONNECTIONS + (seconds == 10 ? "" : " seconds=" + seconds);
        return new Workload(
                "W7",
                "ws-echo",
                key,
                "WsEcho",
                "w7_ws_echo",
                List.of("0"),
                List.of("serve", "0"),
                flags(PRE_TOUCH),
                List.of(
                        Figure.higher("msgs_per_s", "messages/s"),
                        Figure.lower("p50_us", "p50 round trip (µs)"),
                        Figure.lower("p99_us", "p99 round trip (µs)"),
                        Figure.lower(RunRecord.SERVER_CPU_US_PER_MSG, "server CPU µs/message")),
                Duration.ofSeconds(seconds + warmup + 60L),
                List.of(
                        W4_LOADGEN,
                        "127.0.0.1",
                        ProcessRunner.PORT,
                        Integer.toString(W4_CONNECTIONS),
                        Integer.toString(seconds),
                        Integer.toString(W7_MESSAGE_BYTES),
                        Integer.toString(warmup),
                        "ws"),
                1,
                Set.of(),
                null);
    }

    /** Whether {@code w} runs against {@link NginxServer}: its arguments take the server's URL. */
    static boolean againstNginx(Workload w) {
        return w.args().contains(NginxServer.URL) || w.javaArgs().contains(NginxServer.URL);
    }

    /**
     * {@code tuned} and its twin with the JVM's default flags (BENCH.md: what a user gets from
     * {@code java -cp app.jar Main}), with the goals set for that configuration: W1 1M ≤ 3 s, W2 1M
     * ≤ 300 ns a message, W3 cold ≤ 1.5 µs a task.
     */
    static List<Workload> withDefaultFlags(Workload tuned) {
        List<Figure> figures = new ArrayList<>();
        for (Figure f : tuned.figures()) {
            Figure plain = new Figure(f.name(), f.label(), f.lowerIsBetter(), Double.NaN);
            double goal = switch (tuned.key() + " " + f.name()) {
                case "W1 n=1000000 wall_s" -> 3.0;
                case "W2 messages=1000000 ns_per_msg" -> 300;
                case "W3 n=100000 rounds=20 cold_us" -> 1.5;
                default -> Double.NaN;
            };
            figures.add(Double.isNaN(goal) ? plain : plain.withGoal(goal));
        }
        return List.of(tuned, tuned.withDefaultFlags(figures));
    }

    /**
     * The cases of workload {@code id} ({@code w1} ... ): the BENCH.md sizes, or smaller ones for a
     * quick smoke run; W1 to W3 each with the tuned flags and with the JVM's default flags. Empty
     * for a workload that cannot run yet ({@link #NOT_YET}).
     */
    static List<Workload> cases(String id, boolean quick) {
        return switch (id) {
            case "w0" -> List.of(w0());
            case "w1" -> {
                List<Workload> all = new ArrayList<>(withDefaultFlags(w1(100_000)));
                if (!quick) {
                    all.addAll(withDefaultFlags(w1(1_000_000)));
                }
                yield all;
            }
            case "w2" -> withDefaultFlags(w2(quick ? 100_000 : 1_000_000));
            // Quick keeps all 20 rounds: fewer leave the JIT warming up in the "warm" median.
            case "w3" -> withDefaultFlags(w3(100_000, 20));
            // BENCH.md: 10 s measured after a 2 s warm-up; quick: 3 s after 1 s.
            // and 10,000 connections on one loop: CPU per message and memory per connection
            case "w4" ->
                quick
                        ? List.of(w4(1, 3, 1), w4(2, 3, 1), w4(1, W4_MANY_CONNECTIONS, 3, 1))
                        : List.of(w4(1, 10, 2), w4(2, 10, 2), w4(1, W4_MANY_CONNECTIONS, 10, 2));
            // BENCH.md: GET / for 10 s; also a JSON answer, a 1 ms sleep, and two worker loops.
            case "w5" ->
                quick
                        ? List.of(w5("/", 1, 3, 1))
                        : List.of(w5("/", 1, 10, 3), w5("/json", 1, 10, 3), w5("/sleep", 1, 10, 3), w5("/", 2, 10, 3));
            case "w6" -> List.of(w6(quick ? 5_000 : 20_000, 100));
            // as W4: 10 s measured after a 2 s warm-up; quick: 3 s after 1 s
            case "w7" -> List.of(quick ? w7(3, 1) : w7(10, 2));
            default -> throw new IllegalArgumentException("unknown workload '" + id + "'; BENCH.md defines " + IDS);
        };
    }
}
