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
}
