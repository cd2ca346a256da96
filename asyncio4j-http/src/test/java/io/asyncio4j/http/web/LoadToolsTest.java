package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.testing.AsyncioTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server under the load tools nobody here wrote, in HTTP/1.1: h2load (nghttp2-client) with
 * pipelining and wrk; every request must be answered 200, none fail.
 */
class LoadToolsTest {
    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void h2loadPipelinedOverHttp11() throws Exception {
        assumeTrue(
                Asyncio.toThread(() -> Files.isExecutable(Path.of("/usr/bin/h2load"))),
                "h2load is not installed: install nghttp2-client (scripts/install-test-peers.sh)");
        try (Served s = Served.start(TestApps.echo())) {
            Peers.Output o = Peers.run(
                    List.of("h2load", "--h1", "-n", "3000", "-c", "10", "-m", "8", s.url("/hello")), new byte[0]);
            assertThat(o.stdout())
                    .as(o.stderr())
                    .contains("requests: 3000 total, 3000 started, 3000 done, 3000 succeeded, 0 failed, 0 errored,"
                            + " 0 timeout")
                    .contains("status codes: 3000 2xx, 0 3xx, 0 4xx, 0 5xx");
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void wrkWithKeepAlive() throws Exception {
        assumeTrue(
                Asyncio.toThread(() -> Files.isExecutable(Path.of("/usr/bin/wrk"))),
                "wrk is not installed: install wrk (scripts/install-test-peers.sh)");
        try (Served s = Served.start(TestApps.echo())) {
            Peers.Output o = Peers.run(List.of("wrk", "-t1", "-c20", "-d1s", s.url("/hello")), new byte[0]);
            assertThat(o.exit()).as(o.stderr()).isZero();
            assertThat(o.stdout())
                    .contains("requests in")
                    .doesNotContain("Socket errors")
                    .doesNotContain("Non-2xx");
        }
    }
}
