package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.NginxConfig;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.testing.AsyncioTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/deploying.md's set-up, run as written: nginx (Debian's nginx-light) with the page's {@code
 * nginx} block in front of two server processes ({@link ProxiedAppMain}). Requests reach both
 * processes over kept connections, the servers believe nginx's {@code X-Forwarded-*} and nobody
 * else's, WebSockets pass, and a process stopped with SIGTERM answers what it has while nginx sends
 * everything else to the other one.
 */
class NginxProxyTest {
    static final String NGINX = "/usr/sbin/nginx";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @AsyncioTest(realClock = true, timeout = 150, wallTimeoutSeconds = 180)
    void twoServersBehindNginxAsTheDeployingPageSays() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of(NGINX)),
                "no " + NGINX + ": install nginx-light (scripts/install-test-peers.sh)");
        Peers.assumeCurl();
        Lines lines = new Lines();
        try (Backend a = Backend.start("a", lines);
                Backend b = Backend.start("b", lines)) {
            a.port = lines.port("a");
            b.port = lines.port("b");
            try (Nginx nginx = Nginx.start(deployingPageConfig(), a.port, b.port);
                    ClientSession session = new ClientSession()) {
                // Round robin over both processes, each over one kept connection from nginx.
                Map<String, Set<String>> connections = new TreeMap<>();
                for (int i = 0; i < 10; i++) {
                    Map<String, String> w = whoami(session, nginx.url("/whoami"));
                    connections
                            .computeIfAbsent(w.get("backend"), k -> new TreeSet<>())
                            .add(w.get("conn"));
                }
                assertThat(connections.keySet()).containsExactly("a", "b");
                assertThat(connections.values())
                        .as("nginx's connections to each server (one each: kept alive)")
                        .allSatisfy(c -> assertThat(c).hasSize(1));

                // The client's address and host as nginx forwards them; what the client claims
                // itself (an X-Forwarded-For, an X-Forwarded-Proto) is not believed.
                Map<String, String> viaNginx = curlWhoami(nginx.url("/whoami"));
                assertThat(viaNginx).containsEntry("remote", "127.0.0.2");
                assertThat(viaNginx).containsEntry("scheme", "http");
                assertThat(viaNginx).containsEntry("host", "shop.example");
                // Straight to a server, from an address it does not trust: its own view only.
                Map<String, String> direct = curlWhoami("http://127.0.0.1:" + a.port + "/whoami");
                assertThat(direct)
                        .containsEntry("backend", "a")
                        .containsEntry("remote", "127.0.0.2")
                        .containsEntry("scheme", "http")
                        .containsEntry("host", "shop.example");

                // A WebSocket through nginx's upgrade headers.
                try (WebSocket ws = session.wsConnect(nginx.url("/ws"))) {
                    ws.sendText("hello through nginx");
                    assertThat(ws.receiveText()).matches("[ab]: hello through nginx");
                }

                // SIGTERM to the process with a request in flight: it answers that request,
                // nginx sends the others to the other process, then the stopped one exits 0.
                Task<String> slow = Asyncio.createTask("slow request", () -> {
                    try (ClientResponse r = session.get(nginx.url("/slow"))) {
                        return r.status() + " " + r.text();
                    }
                });
                String started = lines.await(l -> l.endsWith("| slow started"));
                Backend busy = started.startsWith("a|") ? a : b;
                Backend other = busy == a ? b : a;
                busy.terminate();
                lines.await(l -> l.equals(busy.name + "| on_shutdown"));
                assertThat(answeredBy(session, nginx, 10))
                        .as("requests while %s shuts down", busy.name)
                        .containsOnly(other.name)
                        .hasSize(10);
                busy.release();
                assertThat(slow.await()).isEqualTo("200 finished by " + busy.name);
                assertThat(busy.exitCode())
                        .as("%s's output: %s", busy.name, lines)
                        .isZero();
                assertThat(lines.of(busy.name)).endsWith("on_shutdown", "stopped");
                assertThat(answeredBy(session, nginx, 10))
                        .as("requests after %s stopped", busy.name)
                        .containsOnly(other.name)
                        .hasSize(10);
            }
            a.terminate();
            b.terminate();
            assertThat(a.exitCode()).as("a's output: %s", lines).isZero();
            assertThat(b.exitCode()).as("b's output: %s", lines).isZero();
        }
    }

    /** Which process answered each of {@code n} GET /whoami through nginx (each must be a 200). */
    private static List<String> answeredBy(ClientSession session, Nginx nginx, int n) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(whoami(session, nginx.url("/whoami")).get("backend"));
        }
        return names;
    }

    private static Map<String, String> whoami(ClientSession session, String url) throws Exception {
        try (ClientResponse r = session.get(url)) {
            String text = r.text();
            assertThat(r.status()).as(text).isEqualTo(200);
            return fields(text);
        }
    }

    /** GET {@code url} with curl from 127.0.0.2, claiming to be someone else and to have used TLS. */
    private static Map<String, String> curlWhoami(String url) throws Exception {
        Peers.Output out = Peers.curl(
                new byte[0],
                "--interface",
                "127.0.0.2",
                "-H",
                "Host: shop.example",
                "-H",
                "X-Forwarded-For: 203.0.113.7",
                "-H",
                "X-Forwarded-Proto: https",
                url);
        assertThat(out.exit()).as(out.stderr()).isZero();
        return fields(out.stdout());
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.trim().split(" ")) {
            int eq = part.indexOf('=');
            m.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return m;
    }

    // ---- docs/deploying.md ----

    /** The one {@code nginx} block of docs/deploying.md. */
    static String deployingPageConfig() throws IOException {
        Path doc = repositoryRoot().resolve("docs/deploying.md");
        Matcher m = Pattern.compile("(?ms)^```nginx\\n(.*?)^```$").matcher(Files.readString(doc));
        assertThat(m.find()).as("a ```nginx block in " + doc).isTrue();
        String block = m.group(1);
        assertThat(m.find()).as("only one ```nginx block in " + doc).isFalse();
        return block;
    }

    /**
     * The page's block with the test's ports: its {@code listen 80;} and its two {@code server
     * 127.0.0.1:808x;} lines, each there exactly once (else the page changed and the test says so).
     */
    static String withPorts(String block, int listen, int first, int second) {
        String s = replaceOnce(block, "listen 80;", "listen 127.0.0.1:" + listen + ";");
        s = replaceOnce(s, "server 127.0.0.1:8081;", "server 127.0.0.1:" + first + ";");
        return replaceOnce(s, "server 127.0.0.1:8082;", "server 127.0.0.1:" + second + ";");
    }

    private static String replaceOnce(String s, String what, String with) {
        int at = s.indexOf(what);
        assertThat(at >= 0 && s.indexOf(what, at + 1) < 0)
                .as("docs/deploying.md's nginx block has `%s` exactly once (the test puts its ports there)", what)
                .isTrue();
        return s.substring(0, at) + with + s.substring(at + what.length());
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/deploying.md"))) {
                return dir;
            }
        }
        throw new AssertionError("no docs/deploying.md above " + Path.of("").toAbsolutePath());
    }

    // ---- the processes ----

    /**
     * Every line the server processes print, as {@code "name| line"}, in arrival order; {@link
     * #await} waits for one.
     */
    static final class Lines {
        private final List<String> all = new ArrayList<>();

        synchronized void add(String line) {
            all.add(line);
            notifyAll();
        }

        /** The first line so far or to come that matches, within a minute. */
        String await(Predicate<String> match) throws Exception {
            return Asyncio.toThread(() -> {
                long deadline = System.nanoTime() + WAIT.toNanos();
                synchronized (this) {
                    while (true) {
                        for (String l : all) {
                            if (match.test(l)) {
                                return l;
                            }
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new AssertionError("no such line within " + WAIT + "; the processes printed: " + all);
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                }
            });
        }

        /** The port {@code name} says it serves on. */
        int port(String name) throws Exception {
            String running = await(l -> l.startsWith(name + "| ======== Running on http://127.0.0.1:"));
            Matcher m = Pattern.compile(":(\\d+) =").matcher(running);
            assertThat(m.find()).as(running).isTrue();
            return Integer.parseInt(m.group(1));
        }

        /** What {@code name} printed. */
        synchronized List<String> of(String name) {
            List<String> mine = new ArrayList<>();
            for (String l : all) {
                if (l.startsWith(name + "| ")) {
                    mine.add(l.substring(name.length() + 2));
                }
            }
            return mine;
        }

        @Override
        public synchronized String toString() {
            return String.join("\n", all);
        }
    }

    /** A {@link ProxiedAppMain} in a JVM of its own; its output goes to {@link Lines}. */
    static final class Backend implements AutoCloseable {
        final String name;
        final Process process;
        int port;

        private Backend(String name, Process process) {
            this.name = name;
            this.process = process;
        }

        static Backend start(String name, Lines lines) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp"));
            command.add(System.getProperty("java.class.path"));
            command.add(ProxiedAppMain.class.getName());
            command.add(name);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread.ofPlatform().daemon().name("output of " + name).start(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(name + "| " + line);
                    }
                } catch (IOException e) {
                    lines.add(name + "| (output failed: " + e + ")");
                }
            });
            return new Backend(name, p);
        }

        /** SIGTERM: {@code Web.runApp} shuts down gracefully. */
        void terminate() throws Exception {
            if (process.isAlive()) {
                Asyncio.toThread(() -> new ProcessBuilder("kill", "-TERM", Long.toString(process.pid()))
                        .start()
                        .waitFor());
            }
        }

        /** Lets the request in {@code /slow} finish. */
        void release() throws Exception {
            Asyncio.toThread(() -> {
                OutputStream in = process.getOutputStream();
                in.write("release\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                return null;
            });
        }

        int exitCode() throws Exception {
            boolean ended = Asyncio.toThread(() -> process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(ended).as("%s ended within %s", name, WAIT).isTrue();
            return process.exitValue();
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroyForcibly();
                Asyncio.toThread(() -> process.waitFor(10, TimeUnit.SECONDS));
            }
        }
    }

    /** nginx in a folder of its own, with the page's block inside its {@code http} block. */
    static final class Nginx implements AutoCloseable {
        private final Process process;
        private final int port;

        private Nginx(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        static Nginx start(String block, int first, int second) throws Exception {
            Path dir = Files.createTempDirectory("nginx-proxy");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Files.writeString(dir.resolve("asyncio4j.conf"), withPorts(block, port, first, second));
            Files.writeString(
                    dir.resolve("nginx.conf"),
                    NginxConfig.inFolder(dir, "include " + dir.resolve("asyncio4j.conf") + ";\n"));
            List<String> command = List.of(
                    NGINX, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString());
            Peers.Output check = Peers.run(
                    List.of(
                            NGINX,
                            "-t",
                            "-p",
                            dir.toString(),
                            "-c",
                            dir.resolve("nginx.conf").toString()),
                    new byte[0]);
            assertThat(check.exit()).as("nginx -t: %s", check.stderr()).isZero();
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .start();
            Nginx nginx = new Nginx(p, port);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Asyncio.toThread(() -> accepts(port))) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    nginx.close();
                    throw new IllegalStateException(
                            "nginx did not start: " + Files.readString(dir.resolve("error.log")));
                }
                Asyncio.sleep(Duration.ofMillis(20));
            }
            return nginx;
        }

        private static boolean accepts(int port) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!Asyncio.toThread(() -> process.waitFor(10, TimeUnit.SECONDS))) {
                process.destroyForcibly();
            }
        }
    }
}
