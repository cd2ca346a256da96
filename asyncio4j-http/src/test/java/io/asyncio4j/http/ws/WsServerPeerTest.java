package io.asyncio4j.http.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.HttpException;
import io.asyncio4j.http.web.RunnerOptions;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.http.web.Web;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.Streams;
import io.asyncio4j.queue.Queue;
import io.asyncio4j.testing.AsyncioTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's side ({@link WsServerHandshake}) against WebSocket clients nobody here wrote: Node's
 * {@code ws} and CPython's aiohttp, each running one scripted conversation (text, binary, a
 * fragmented message, a large one, a ping, then a close from the server) with and without
 * permessage-deflate, and a handshake the server refuses.
 */
class WsServerPeerTest {
    static final Path NODE_PEERS = Path.of(System.getenv()
            .getOrDefault("ASYNCIO4J_NODE_PEERS", System.getProperty("user.home") + "/.cache/asyncio4j/node-peers"));
    static final String PYTHON = "/usr/bin/python3";

    /** What the server's handlers did, in order (they run on the test's loop). */
    private final Queue<String> serverLog = new Queue<>();

    /** A server on a loopback port that try-with-resources closes and waits for. */
    record Closing(int port, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    /**
     * An echo server: "close-me" makes it close with 4000 "bye". {@code web}: a route of an {@link
     * Application} answering with a {@link WebSocketResponse}; else a bare {@link WsServerHandshake}.
     */
    private Closing echoServer(WsOptions options, boolean web) throws Exception {
        if (web) {
            Application app = new Application();
            app.addRoutes(Web.get("/", request -> {
                WebSocketResponse ws = new WebSocketResponse(options);
                try {
                    ws.prepare(request);
                } catch (HttpException e) {
                    serverLog.putNowait("rejected " + e.status());
                    throw e;
                }
                echo(ws.webSocket());
                return ws;
            }));
            AppRunner runner = new AppRunner(app, RunnerOptions.defaults().accessLog(false));
            runner.setup();
            TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
            site.start();
            return new Closing(((InetSocketAddress) site.addresses().get(0)).getPort(), () -> {
                runner.cleanup();
            });
        }
        Server server = Streams.startServer(
                (reader, writer) -> {
                    WebSocket ws;
                    try {
                        ws = WsServerHandshake.accept(reader, writer, options);
                    } catch (WsHandshakeRejected e) {
                        serverLog.putNowait("rejected " + e.status());
                        return;
                    }
                    echo(ws);
                },
                "127.0.0.1",
                0);
        return new Closing(((InetSocketAddress) server.addresses().get(0)).getPort(), () -> {
            server.close();
            server.waitClosed();
        });
    }

    /** The server's side of the conversation, logged. */
    private void echo(WebSocket ws) throws IOException {
        serverLog.putNowait("protocol " + ws.protocol() + ", compress " + ws.compress());
        for (WsMessage m : ws) {
            switch (m) {
                case WsMessage.Text t when t.data().equals("close-me") -> ws.close(4000, "bye");
                case WsMessage.Text t -> ws.sendText(t.data());
                case WsMessage.Binary b -> ws.sendBytes(b.data());
                default -> serverLog.putNowait("unexpected " + m);
            }
        }
        serverLog.putNowait("closed " + ws.closeCode());
    }

    private static int port(Closing s) {
        return s.port();
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void nodeWsClient() throws Exception {
        for (boolean web : new boolean[] {false, true}) {
            nodeWsClientOn(web);
        }
    }

    private void nodeWsClientOn(boolean web) throws Exception {
        assumeNodeWs();
        WsOptions options = WsOptions.defaults().protocols("chat.v1", "chat.v2");
        try (Closing server = echoServer(options, web)) {
            String url = "ws://127.0.0.1:" + port(server) + "/";
            assertThat(runNode(url, "{\"protocols\": [\"chat.v2\", \"chat.v1\"]}"))
                    .containsExactly(
                            "OPEN protocol=chat.v2 extensions=",
                            "TEXT hello",
                            "BINARY 010203",
                            "TEXT fragment",
                            "TEXT 10000 bytes",
                            "PONG p1",
                            "CLOSE 4000 bye");
            assertThat(serverEvents(2)).containsExactly("protocol chat.v2, compress false", "closed 4000");
        }
        try (Closing server = echoServer(options.compress(15), web)) {
            String url = "ws://127.0.0.1:" + port(server) + "/";
            // ws offers client_max_window_bits and takes what the server answers
            assertThat(runNode(url, "{\"deflate\": {\"threshold\": 0, \"serverNoContextTakeover\": true}}"))
                    .containsExactly(
                            "OPEN protocol= extensions=permessage-deflate",
                            "TEXT hello",
                            "BINARY 010203",
                            "TEXT fragment",
                            "TEXT 10000 bytes",
                            "PONG p1",
                            "CLOSE 4000 bye");
            assertThat(serverEvents(2)).containsExactly("protocol null, compress true", "closed 4000");
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aRefusedOriginGets403() throws Exception {
        for (boolean web : new boolean[] {false, true}) {
            aRefusedOriginGets403On(web);
        }
    }

    private void aRefusedOriginGets403On(boolean web) throws Exception {
        assumeNodeWs();
        WsOptions options = WsOptions.defaults().originCheck(o -> "https://good.example".equals(o));
        try (Closing server = echoServer(options, web)) {
            String url = "ws://127.0.0.1:" + port(server) + "/";
            assertThat(runNode(url, "{\"origin\": \"https://evil.example\"}")).containsExactly("REFUSED 403");
            assertThat(runNode(url, "{\"origin\": \"https://good.example\"}"))
                    .last()
                    .isEqualTo("CLOSE 4000 bye");
            assertThat(serverEvents(3)).startsWith("rejected 403");
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aiohttpClient() throws Exception {
        for (boolean web : new boolean[] {false, true}) {
            aiohttpClientOn(web);
        }
    }

    private void aiohttpClientOn(boolean web) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + ": install python3-aiohttp");
        WsOptions options = WsOptions.defaults().protocols("chat.v2").compress(15);
        for (String compress : new String[] {"0", "15"}) {
            try (Closing server = echoServer(options, web)) {
                String url = "http://127.0.0.1:" + port(server) + "/";
                List<String> lines = run(
                        List.of(PYTHON, "aiohttp_ws_client.py", url, compress, "chat.v1", "chat.v2"),
                        "aiohttp_ws_client.py");
                assumeTrue(!lines.contains("NO AIOHTTP"), "CPython's aiohttp is missing: install python3-aiohttp");
                assertThat(lines)
                        .containsExactly(
                                "OPEN protocol=chat.v2 compress=" + (compress.equals("0") ? "0" : "15"),
                                "TEXT hello",
                                "BINARY 010203",
                                "TEXT 5000 chars",
                                "PONG p1",
                                "CLOSE 4000");
                // aiohttp answers a close with 1000 rather than echoing the code, and the close code is
                // the one of the first close frame received (RFC 6455 7.1.5)
                assertThat(serverEvents(2))
                        .containsExactly("protocol chat.v2, compress " + !compress.equals("0"), "closed 1000");
            }
        }
    }

    private static void assumeNodeWs() throws Exception {
        assumeTrue(
                Asyncio.toThread(() -> {
                    try {
                        return new ProcessBuilder("node", "--version").start().waitFor() == 0;
                    } catch (IOException e) {
                        return false;
                    }
                }),
                "node is not installed: the tests against Node's ws skip (install nodejs)");
        assumeTrue(
                Files.isRegularFile(NODE_PEERS.resolve("node_modules/ws/package.json")),
                "npm's ws is not in " + NODE_PEERS + ": run scripts/install-test-peers.sh");
    }

    private static List<String> runNode(String url, String config) throws Exception {
        return run(List.of("node", "ws_client.js", url, config), "ws_client.js");
    }

    /** Runs a client script to its end (at most 30 s) and returns what it printed. */
    private static List<String> run(List<String> command, String script) throws Exception {
        Path dir = Files.createTempDirectory("ws-client");
        try (InputStream in = WsServerPeerTest.class.getResourceAsStream(script)) {
            Files.copy(in, dir.resolve(script));
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().put("NODE_PATH", NODE_PEERS.resolve("node_modules").toString());
        Process p = pb.start();
        String out = Asyncio.toThread(() -> {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        });
        String err = Files.readString(dir.resolve("stderr.txt"));
        if (err.contains("No module named 'aiohttp'")) {
            return List.of("NO AIOHTTP");
        }
        assertThat(p.exitValue()).as("%s exited: %s", script, err).isZero();
        return out.lines().toList();
    }

    /** The next {@code n} things the server's handlers did (a handler ends after its client has gone). */
    private List<String> serverEvents(int n) throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(Asyncio.timeout(java.time.Duration.ofSeconds(10), () -> serverLog.get()));
        }
        return events;
    }
}
