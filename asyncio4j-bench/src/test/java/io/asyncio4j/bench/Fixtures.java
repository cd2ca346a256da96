package io.asyncio4j.bench;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Workloads and peers for the harness tests. */
final class Fixtures {
    private Fixtures() {}

    static final Peer ASYNCIO4J = new Peer(Peer.ASYNCIO4J, "asyncio4j", "25", null, w -> List.of("true"), true);
    static final Peer CPYTHON =
            new Peer("asyncio", "CPython asyncio", "Python 3.11", null, w -> List.of("true"), false);
    static final Peer JDK = new Peer("jdk", "JDK virtual threads", "25", null, w -> List.of("true"), true);
    static final Peer NODE = new Peer("node", "Node.js", "v20", null, w -> List.of("true"), false);

    /** A W1-like case: wall seconds with a goal of 2.0, and peak RSS. */
    static Workload w1() {
        return new Workload(
                "W1",
                "spawn-sleep",
                "W1 n=1000",
                "SpawnSleep",
                "w1_spawn_sleep",
                List.of("1000"),
                List.of("1000"),
                List.of(),
                List.of(Figure.lower("wall_s", "wall (s)").withGoal(2.0), Figure.lower("rss_mb", "peak RSS (MB)")),
                Duration.ofSeconds(10),
                List.of(),
                -1,
                Set.of(),
                null);
    }
}
