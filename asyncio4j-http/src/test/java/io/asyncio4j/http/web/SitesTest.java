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

    /** The names of the loops that served {@code connections} new connections, one GET each. */
    private static Set<String> servingLoops(Served s, int connections) throws Exception {
        Set<String> loops = new HashSet<>();
        for (int i = 0; i < connections; i++) {
            try (RawClient c = RawClient.connect(s.port())) {
                c.send("GET /loop HTTP/1.1\r\nHost: x\r\n\r\n");
                loops.add(c.next().body());
            }
        }
        return loops;
    }

    private static Application whichLoop() {
        Application app = new Application();
        app.addRoutes(Web.get("/loop", r -> Response.text(Asyncio.currentLoop().name())));
        return app;
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void workersServeConnectionsHandedOverByTheRunnersLoop(Loop loop) throws Exception {
        try (Served s = Served.start(
                whichLoop(),
                RunnerOptions.defaults().accessLog(false).workers(2).acceptOnEachWorker(false))) {
            // Handed over in turn: two connections reach both loops.
            assertThat(servingLoops(s, 2)).hasSize(2).doesNotContain(loop.name());
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void workersAcceptingTheirOwnConnectionsEachServeSome(Loop loop) throws Exception {
        assumeTrue(
                System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"),
                "SO_REUSEPORT spreads connections on Linux only");
        try (Served s = Served.start(
                whichLoop(),
                RunnerOptions.defaults().accessLog(false).workers(2).acceptOnEachWorker(true))) {
            assertThat(s.site.addresses()).hasSize(1);
            // The kernel picks a socket by a hash of each connection's addresses and ports: over
            // 64 connections from as many ports, both get some (all on one: odds of 2 in 2^64).
            assertThat(servingLoops(s, 64)).hasSize(2).doesNotContain(loop.name());
            // Each worker listens on a socket of its own: 2 listening sockets on the port.
            assertThat(listeningSockets(s.port())).isEqualTo(2);
        }
    }

    /** How many TCP sockets listen on 127.0.0.1:{@code port}, from /proc/net/tcp. */
    private static long listeningSockets(int port) throws Exception {
        String local = String.format("0100007F:%04X", port);
        return Asyncio.toThread(() -> Files.readAllLines(Path.of("/proc/net/tcp")).stream()
                .map(String::trim)
                .map(l -> l.split("\\s+"))
                .filter(f -> f.length > 3 && f[1].equals(local) && f[3].equals("0A"))
                .count());
    }
}
