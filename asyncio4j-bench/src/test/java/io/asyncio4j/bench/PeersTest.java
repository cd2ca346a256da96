package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeersTest {
    private static final Path ROOT = Path.of("/repo");

    private static Peer peer(String name) {
        // A probe that finds nothing: Python, uvloop and Node.js are then skipped, with reasons.
        List<Peer> peers = Peers.discover(ROOT, "java", "cp", command -> null);
        return peers.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theFloorServerRunsOnlyTheTcpEcho() {
        Peer floor = peer(Peers.FLOOR);

        assertThat(floor.available()).isTrue();
        assertThat(floor.command().apply(Workloads.cases("w4", false).getFirst()))
                .containsExactly("/repo/" + LoadGenerator.FLOOR_BINARY, "0");
        assertThat(floor.command().apply(Workloads.cases("w1", false).getFirst()))
                .isNull();
    }

    @Test
    void aStartUpRunHasNoJvmFlagsAndOnlyItsOwnClassesAndTheCoreOnItsClassPath() {
        String classPath = String.join(
                java.io.File.pathSeparator,
                "/repo/asyncio4j-bench/target/classes",
                "/repo/asyncio4j-core/target/asyncio4j-core-0.1.0.jar",
                "/m2/io/netty/netty-transport.jar");
        List<Peer> peers = Peers.discover(ROOT, "java", classPath, command -> null);
        Workload w0 = Workloads.cases("w0", false).getFirst();
        Peer own = peers.getFirst();
        Peer jdk =
                peers.stream().filter(p -> p.name().equals("jdk")).findFirst().orElseThrow();

        assertThat(own.command().apply(w0))
                .containsExactly(
                        "java",
                        Peers.ADD_OPENS,
                        "-cp",
                        "/repo/asyncio4j-bench/target/classes" + java.io.File.pathSeparator
                                + "/repo/asyncio4j-core/target/asyncio4j-core-0.1.0.jar",
                        "io.asyncio4j.bench.workloads.Hello");
        assertThat(jdk.command().apply(w0))
                .containsExactly(
                        "java", "-cp", "/repo/asyncio4j-bench/target/classes", "io.asyncio4j.bench.peers.jdk.Hello");
        assertThat(own.jvm()).isTrue();
        assertThat(jdk.jvm()).isTrue();
        assertThat(peer("node").jvm()).isFalse();
        // other workloads keep the whole class path
        assertThat(jdk.command().apply(Workloads.cases("w2", false).get(1)))
                .containsExactly("java", "-cp", classPath, "io.asyncio4j.bench.peers.jdk.PingPong", "1000000");
    }

    @Test
    void aMissingRuntimeIsSkippedWithItsReason() {
        assertThat(peer("node").skipReason()).isEqualTo("node is not on the PATH");
        assertThat(peer("asyncio").skipReason()).isEqualTo("python3 is not on the PATH");
    }

    @Test
    void w6RunsPythonWhereAiohttpIsAndUvloopOnlyWithBoth() {
        Workload w6 = Workloads.cases("w6", false).getFirst();
        // python3 on the PATH has uvloop but no aiohttp; /usr/bin/python3 has aiohttp
        List<Peer> peers = Peers.discover(ROOT, "java", "cp", command -> {
            String line = String.join(" ", command);
            if (line.equals("python3 --version")) {
                return "Python 3.12.0";
            }
            if (line.startsWith("python3 -c import sys, uvloop")) {
                return "uvloop 0.19.0, Python 3.12.0";
            }
            if (line.startsWith("/usr/bin/python3 -c import aiohttp")) {
                return "aiohttp 3.8.4";
            }
            return null;
        });
        Peer asyncio = peers.stream()
                .filter(p -> p.name().equals("asyncio"))
                .findFirst()
                .orElseThrow();
        Peer uvloop = peers.stream()
                .filter(p -> p.name().equals("uvloop"))
                .findFirst()
                .orElseThrow();

        assertThat(asyncio.command().apply(w6)).isNull(); // no such script under /repo
        assertThat(uvloop.command().apply(w6)).isNull();
        // the interpreter is chosen before the script is looked for: checked through pythonFor's rule
        assertThat(Peers.pythonFor(w6, "python3", List.of("/usr/bin/python3"), true))
                .containsExactly("/usr/bin/python3");
        assertThat(Peers.pythonFor(w6, "python3", List.of("/usr/bin/python3"), false))
                .isNull();
        assertThat(Peers.pythonFor(Workloads.cases("w2", false).getFirst(), "python3", List.of(), false))
                .containsExactly("python3");
    }
}
