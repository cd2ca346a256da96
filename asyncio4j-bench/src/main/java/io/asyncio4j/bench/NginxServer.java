package io.asyncio4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W6's fixed server: nginx on a loopback port, one worker pinned to a CPU of its own, answering
 * {@code GET /} with {@code Hello, World!} over keep-alive. Its {@code stub_status} counts the
 * connections it accepted and the requests it served, so the harness measures every client's
 * keep-alive reuse the same way, from the server's side: {@code 1 - connections / requests}.
 */
final class NginxServer implements AutoCloseable {
    /** Where a workload's arguments take the server's URL. */
    static final String URL = "{url}";

    /** Debian's nginx (nginx-light). */
    static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;

    private NginxServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Why nginx cannot run here, or null when it can. */
    static String cannotRun() {
        return Files.isExecutable(NGINX)
                ? null
                : NGINX + " is missing (apt-get install nginx-light; bench/setup.sh does it when root)";
    }

    /** Starts nginx in {@code dir}, pinned to {@code cpu} when {@code taskset} (else unpinned). */
    static NginxServer start(Path dir, int cpu, boolean taskset) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // keepalive_requests: nginx closes a connection after 1000 requests by default, which would
        // put a reconnect into every client's figures; W6 measures keep-alive.
        String conf = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    keepalive_timeout 300s;
                    keepalive_requests 1000000;
                    server {
                        listen 127.0.0.1:%2$d backlog=4096;
                        location = / { default_type text/plain; return 200 "Hello, World!"; }
                        location = /stub_status { stub_status; }
                    }
                }
                """.formatted(dir, port);
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        List<String> command = new ArrayList<>();
        if (cpu >= 0 && taskset) {
            command.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        command.addAll(List.of(NGINX.toString(), "-p", dir.toString(), "-c", confFile.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        NginxServer server = new NginxServer(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                server.status();
                return server;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                            + (Files.exists(dir.resolve("error.log"))
                                    ? Files.readString(dir.resolve("error.log"))
                                    : ""));
                }
                Thread.sleep(20);
            }
        }
    }

    /** The URL the clients fetch. */
    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** What nginx has done so far: connections accepted and requests served (this query counted). */
    record Status(long accepts, long requests) {
        /**
         * The reuse ratio of what happened between {@code before} and this status, leaving out the
         * connection and request of this status query itself.
         */
        double reuseSince(Status before) {
            long connections = accepts - before.accepts - 1;
            long served = requests - before.requests - 1;
            return served <= 0 ? Double.NaN : 1.0 - (double) connections / served;
        }
    }

    private static final Pattern COUNTS = Pattern.compile("\\n\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\n");

    /** Reads {@code stub_status} over a connection of its own. */
    Status status() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET /stub_status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            // "server accepts handled requests\n 12 12 345 \n"
            Matcher m = COUNTS.matcher(answer.substring(Math.max(0, answer.indexOf("server accepts"))));
            if (!m.find()) {
                throw new IOException("nginx's stub_status said something else: " + answer);
            }
            return new Status(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)));
        }
    }

    /** Stops nginx; an interrupt while waiting for it is kept for the caller. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
