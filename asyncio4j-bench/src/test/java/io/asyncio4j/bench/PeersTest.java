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
