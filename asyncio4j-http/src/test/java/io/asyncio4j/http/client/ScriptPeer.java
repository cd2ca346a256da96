package io.asyncio4j.http.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.CpythonAiohttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket peer nobody here wrote, run as a script: Node's {@code ws} ({@code ws_peer.js}) or
 * CPython's aiohttp ({@code aiohttp_ws_peer.py}). It prints {@code PORT n} when listening, then
 * lines the test reads ({@link #line}); it stops when its stdin closes. A missing runtime or
 * package skips the test, naming what {@code scripts/install-test-peers.sh} installs.
 */
final class ScriptPeer implements AutoCloseable {
    /** Where install-test-peers.sh puts the npm packages. */
    static final Path NODE_PEERS = Path.of(System.getenv()
            .getOrDefault("ASYNCIO4J_NODE_PEERS", System.getProperty("user.home") + "/.cache/asyncio4j/node-peers"));

    private final Process process;
    private final Path dir;
    private final int port;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ScriptPeer(Process process, Path dir, BufferedReader out) throws Exception {
        this.process = process;
        this.dir = dir;
        String first = Asyncio.timeout(Duration.ofSeconds(30), () -> Asyncio.toThread(out::readLine));
        if (first == null || !first.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "the peer did not start: " + first + "; stderr: " + Files.readString(dir.resolve("stderr.txt")));
        }
        this.port = Integer.parseInt(first.substring(5).trim());
        Thread.ofPlatform().daemon().name("ws-peer-output").start(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    /** Node's ws server with {@code configJson} (see ws_peer.js). */
    static ScriptPeer nodeWs(String configJson) throws Exception {
        assumeTrue(onPath("node"), "node is not installed: the tests against Node's ws skip (install nodejs)");
        assumeTrue(
                Files.isRegularFile(NODE_PEERS.resolve("node_modules/ws/package.json")),
                "npm's ws is not in " + NODE_PEERS + ": run scripts/install-test-peers.sh");
        return start(List.of("node", "ws_peer.js", configJson), "ws_peer.js");
    }

    /** CPython's aiohttp WebSocket server (aiohttp_ws_peer.py). */
    static ScriptPeer aiohttpWs() throws Exception {
        CpythonAiohttp.assumeInstalled();
        return start(List.of(Peer.PYTHON, "aiohttp_ws_peer.py"), "aiohttp_ws_peer.py");
    }

    private static ScriptPeer start(List<String> command, String script) throws Exception {
        Path dir = Files.createTempDirectory("ws-peer");
        try (InputStream in = ScriptPeer.class.getResourceAsStream(script)) {
            Files.copy(in, dir.resolve(script));
        }
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                .directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().put("NODE_PATH", NODE_PEERS.resolve("node_modules").toString());
        Process p = pb.start();
        return new ScriptPeer(
                p, dir, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }

    private static boolean onPath(String program) throws Exception {
        return Asyncio.toThread(() -> {
            try {
                return new ProcessBuilder(program, "--version")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor()
                        == 0;
            } catch (IOException e) {
                return false;
            }
        });
    }

    int port() {
        return port;
    }

    String url(String scheme, String path) {
        return scheme + "://127.0.0.1:" + port + path;
    }

    /** The next line the peer printed, waiting at most 10 s of real time (null if none came). */
    String line() throws Exception {
        return Asyncio.toThread(() -> lines.poll(10, TimeUnit.SECONDS));
    }

    String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!Asyncio.toThread(() -> process.waitFor(5, TimeUnit.SECONDS))) {
            process.destroyForcibly();
        }
    }
}
