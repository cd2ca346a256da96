package io.asyncio4j.http.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.CpythonAiohttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A real server nobody here wrote, started by a test on a loopback port: nginx (Debian's
 * nginx-light) or CPython's aiohttp (python3-aiohttp). A test whose peer is missing is skipped with
 * the package to install; {@code scripts/install-test-peers.sh} installs both.
 */
final class Peer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;
    /** Whether it stops when its stdin closes (the aiohttp script) rather than on SIGTERM (nginx). */
    private final boolean stopsOnStdin;

    private Peer(Process process, int port, Path dir, boolean stopsOnStdin) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.stopsOnStdin = stopsOnStdin;
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String localhostUrl(String path) {
        return "http://localhost:" + port + path;
    }

    Path dir() {
        return dir;
    }

    static final String NGINX = "/usr/sbin/nginx";
    static final String TINYPROXY = "/usr/bin/tinyproxy";
    static final String PYTHON = CpythonAiohttp.PYTHON;

    /** CPython's aiohttp server of {@code aiohttp_peer.py}. */
    static Peer aiohttp() throws Exception {
        CpythonAiohttp.assumeInstalled();
        Path dir = Files.createTempDirectory("aiohttp-peer");
        Path script = dir.resolve("aiohttp_peer.py");
        try (InputStream in = Peer.class.getResourceAsStream("aiohttp_peer.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder(PYTHON, script.toString())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        String line = Asyncio.timeout(
                java.time.Duration.ofSeconds(30),
                () -> Asyncio.toThread(
                        () -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
                                .readLine()));
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IllegalStateException("the aiohttp peer did not start: " + line + "; stderr: "
                    + Files.readString(dir.resolve("stderr.txt")));
        }
        return new Peer(p, Integer.parseInt(line.substring(5).trim()), dir, true);
    }

    /**
     * nginx serving {@code dir()}/www with keep-alive, gzip for text, and files the test writes
     * there, on a free loopback port.
     */
    static Peer nginx(String extraServerConfig) throws Exception {
        return nginx("", extraServerConfig);
    }

    /**
     * nginx as {@link #nginx(String)}, speaking TLS (1.2 and 1.3) with {@code cert}: for {@code
     * https://localhost:port} URLs ({@link #httpsUrl}).
     */
    static Peer nginxTls(TestPki.ServerCert cert, String extraServerConfig) throws Exception {
        return nginx(
                " ssl",
                "ssl_certificate %s; ssl_certificate_key %s; ssl_protocols TLSv1.2 TLSv1.3;\n%s"
                        .formatted(cert.cert(), cert.key(), extraServerConfig));
    }

    String httpsUrl(String path) {
        return "https://localhost:" + port + path;
    }

    private static Peer nginx(String listenOptions, String extraServerConfig) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of(NGINX)),
                "no " + NGINX + ": install nginx-light (scripts/install-test-peers.sh)");
        Path dir = Files.createTempDirectory("nginx-peer");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path www = Files.createDirectories(dir.resolve("www"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String conf =
                io.asyncio4j.http.NginxConfig.inFolder(dir, """
                keepalive_timeout 60s;
                keepalive_requests 100000;
                gzip on;
                gzip_min_length 100;
                gzip_types text/plain application/json;
                types { text/plain txt; application/json json; application/octet-stream bin; }
                server {
                    listen 127.0.0.1:%2$d%4$s;
                    root %1$s/www;
                    %3$s
                }
                """.formatted(dir, port, extraServerConfig, listenOptions));
        Files.writeString(dir.resolve("nginx.conf"), conf);
        Process p = new ProcessBuilder(
                        NGINX,
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        Peer peer = started("nginx", p, port, dir, "error.log");
        return peer;
    }

    /**
     * openssl's {@code s_server -HTTP} with {@code cert}, one connection at a time: {@code GET
     * /name} sends the file {@code dir()/name} as it is, so the file holds a whole response, head
     * included. A peer whose TLS stack is OpenSSL's, not the JDK's.
     */
    static Peer opensslHttp(TestPki.ServerCert cert) throws Exception {
        Path dir = Files.createTempDirectory("openssl-peer");
        Process p = new ProcessBuilder(
                        TestPki.OPENSSL,
                        "s_server",
                        "-accept",
                        "127.0.0.1:0",
                        "-cert",
                        cert.cert().toString(),
                        "-key",
                        cert.key().toString(),
                        "-HTTP",
                        "-http_server_binmode")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        StringBuilder seen = new StringBuilder();
        String port = Asyncio.timeout(
                java.time.Duration.ofSeconds(30),
                () -> Asyncio.toThread(() -> {
                    String line;
                    while ((line = out.readLine()) != null) {
                        seen.append(line).append('\n');
                        if (line.startsWith("ACCEPT 127.0.0.1:")) {
                            return line.substring("ACCEPT 127.0.0.1:".length()).trim();
                        }
                    }
                    return null;
                }));
        if (port == null) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl s_server did not start: " + seen);
        }
        // s_server logs each connection; keep its pipe drained so it never blocks on a full one.
        Thread.ofPlatform().daemon().name("openssl-peer-output").start(() -> {
            try {
                while (out.readLine() != null) {
                    // dropped
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        return new Peer(p, Integer.parseInt(port), dir, false);
    }

    /**
     * tinyproxy (Debian's tinyproxy), an HTTP proxy that forwards absolute-form requests and opens
     * CONNECT tunnels to any port, on a free loopback port; {@code extraConfig} adds directives
     * ({@code BasicAuth user password}). Its log, at level Info, names each request: {@link #log()}.
     */
    static Peer tinyproxy(String extraConfig) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of(TINYPROXY)),
                "no " + TINYPROXY + ": install tinyproxy (scripts/install-test-peers.sh)");
        Path dir = Files.createTempDirectory("tinyproxy-peer");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String conf = """
                Port %2$d
                Listen 127.0.0.1
                Timeout 600
                LogFile "%1$s/tinyproxy.log"
                LogLevel Info
                MaxClients 100
                Allow 127.0.0.1
                PidFile "%1$s/tinyproxy.pid"
                %3$s
                """.formatted(dir, port, extraConfig);
        Files.writeString(dir.resolve("tinyproxy.conf"), conf);
        Process p = new ProcessBuilder(
                        TINYPROXY, "-d", "-c", dir.resolve("tinyproxy.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        Peer peer = started("tinyproxy", p, port, dir, "tinyproxy.log");
        return peer;
    }

    /** The log of a tinyproxy peer so far. */
    String log() throws IOException {
        return Files.readString(dir.resolve("tinyproxy.log"));
    }

    /**
     * The peer once {@code p} accepts connections on {@code port} (within 30 s); otherwise stops it
     * and fails with its output and {@code log}.
     */
    private static Peer started(String name, Process p, int port, Path dir, String log) throws Exception {
        Peer peer = new Peer(p, port, dir, false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Asyncio.toThread(() -> accepts(port))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                peer.close();
                Path logFile = dir.resolve(log);
                throw new IllegalStateException(name + " did not start: " + Files.readString(dir.resolve("stdout.txt"))
                        + (Files.exists(logFile) ? Files.readString(logFile) : ""));
            }
            Asyncio.sleep(java.time.Duration.ofMillis(20));
        }
        return peer;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!stopsOnStdin || !Asyncio.toThread(() -> process.waitFor(5, TimeUnit.SECONDS))) {
            process.destroy();
            if (!Asyncio.toThread(() -> process.waitFor(5, TimeUnit.SECONDS))) {
                process.destroyForcibly();
            }
        }
    }
}
