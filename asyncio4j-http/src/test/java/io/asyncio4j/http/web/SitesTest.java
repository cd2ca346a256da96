package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.testing.AsyncioTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** TLS and Unix-socket sites (against curl), and connections spread over worker loops. */
class SitesTest {
    private static Application app() {
        Application app = new Application();
        app.addRoutes(Web.get("/hello", r -> Response.text("Hello over " + r.scheme() + " from " + r.remote())));
        return app;
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void tlsSiteAgainstCurl() throws Exception {
        Peers.assumeCurl();
        Path dir = Files.createTempDirectory("tls-site");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Peers.Output made = Peers.run(
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:prime256v1",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString(),
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-days",
                        "2"),
                new byte[0]);
        assumeTrue(made.exit() == 0, "openssl could not make a certificate (is it installed?): " + made.stderr());
        AppRunner runner = new AppRunner(app(), RunnerOptions.defaults().accessLog(false));
        runner.setup();
        try {
            TcpSite site = new TcpSite(runner, "127.0.0.1", 0, TlsOptions.server(cert, key));
            site.start();
            assertThat(site.name()).startsWith("https://127.0.0.1:");
            Peers.Output o =
                    Peers.curl(new byte[0], "--cacert", cert.toString(), "https://localhost:" + site.port() + "/hello");
            assertThat(o.stdout()).as(o.stderr()).isEqualTo("Hello over https from 127.0.0.1");
        } finally {
            runner.cleanup();
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void unixSiteAgainstCurl() throws Exception {
        Peers.assumeCurl();
        Path socket = Files.createTempDirectory("unix-site").resolve("web.sock");
        AppRunner runner = new AppRunner(app(), RunnerOptions.defaults().accessLog(false));
        runner.setup();
        try {
            UnixSite site = new UnixSite(runner, socket);
            site.start();
            Peers.Output o = Peers.curl(new byte[0], "--unix-socket", socket.toString(), "http://localhost/hello");
            assertThat(o.stdout()).as(o.stderr()).isEqualTo("Hello over http from null");
        } finally {
            runner.cleanup();
        }
        assertThat(Files.exists(socket)).as("the socket file is removed").isFalse();
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void workersServeConnectionsOnTheirOwnLoops(Loop loop) throws Exception {
        Application app = new Application();
        app.addRoutes(Web.get("/loop", r -> Response.text(Asyncio.currentLoop().name())));
        try (Served s =
                Served.start(app, RunnerOptions.defaults().accessLog(false).workers(2))) {
            Set<String> loops = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                try (RawClient c = RawClient.connect(s.port())) {
                    c.send("GET /loop HTTP/1.1\r\nHost: x\r\n\r\n");
                    loops.add(c.next().body());
                }
            }
            assertThat(loops).hasSize(2).doesNotContain(loop.name());
        }
    }
}
