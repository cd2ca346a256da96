package io.asyncio4j.bench.workloads;

import io.asyncio4j.Asyncio;
import io.asyncio4j.LoopGroup;
import io.asyncio4j.net.ConnectionHandler;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.Streams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * W4 tcp-echo: an echo server on asyncio4j streams; a C epoll client ({@code
 * peers/c/w4_loadgen.c}) keeps 100 connections, each sending 100 bytes and waiting for the whole
 * echo, for 10 s. Figures: messages per second, p50/p99 round trip, and the server's CPU time per
 * message ({@code server_cpu_us_per_msg}, all threads of this JVM during the measured window).
 *
 * <p>Usage:
 *
 * <ul>
 *   <li>{@code TcpEcho serve [port=0] [loops=1]}: the server alone; prints {@code READY port=<n>}
 *       and serves until its standard input closes (for a harness that runs the load generator and
 *       measures CPU itself).
 *   <li>{@code TcpEcho run [connections=100] [seconds=10] [loops=1] [msg=100] [warmup=2]}: the server
 *       in this JVM and the load generator as a child process pinned to CPU 0 ({@code taskset -c
 *       0}); builds the generator with gcc into {@code asyncio4j-bench/target/} when needed. Pin this
 *       JVM to CPU 1 from outside: {@code taskset -c 1 java ... TcpEcho run}. With {@code loops > 1}
 *       the server accepts on one loop and serves the connections on a {@code LoopGroup}.
 * </ul>
 *
 * <p>The handler is the plain asyncio echo: {@code read(64 KiB)}, {@code write}, {@code drain}.
 */
public final class TcpEcho {
    private TcpEcho() {}

    /** asyncio's echo handler, line for line; a client that resets at the end is no error. */
    static final ConnectionHandler ECHO = (reader, writer) -> {
        try {
            byte[] data;
            while ((data = reader.read(65536)).length > 0) {
                writer.write(data);
                writer.drain();
            }
        } catch (UncheckedIOException gone) {
            // the load generator closes its sockets with echoes unread: a reset
        }
    };

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "run";
        String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        switch (mode) {
            case "serve" -> serve(Cli.intArg(rest, 0, 0), Cli.intArg(rest, 1, 1));
            case "run" ->
                run(
                        Cli.intArg(rest, 0, 100),
                        Cli.intArg(rest, 1, 10),
                        Cli.intArg(rest, 2, 1),
                        Cli.intArg(rest, 3, 100),
                        Cli.intArg(rest, 4, 2));
            default ->
                throw new IllegalArgumentException("usage: TcpEcho serve [port] [loops] | run [connections]"
                        + " [seconds] [loops] [msg] [warmup]");
        }
    }

    /** Serves until standard input closes. */
    private static void serve(int port, int loops) throws Exception {
        try (LoopGroup group = loops > 1 ? LoopGroup.open(loops) : null) {
            Asyncio.run(() -> {
                Server server = start(port, group);
                System.out.println(
                        "READY port=" + ((InetSocketAddress) server.addresses().get(0)).getPort());
                System.out.flush();
                Asyncio.toThread(() -> System.in.transferTo(java.io.OutputStream.nullOutputStream()));
                server.close();
                server.closeClients();
                return null;
            });
        }
    }

    private static Server start(int port, LoopGroup group) throws IOException {
        ServerOptions options = ServerOptions.defaults().backlog(1024);
        if (group != null) {
            options = options.loopGroup(group);
        }
        return Streams.startServer(ECHO, "127.0.0.1", port, options);
    }

    /** Runs the server here and the load generator beside it; prints the RESULT line. */
    private static void run(int connections, int seconds, int loops, int msg, int warmup) throws Exception {
        Path loadgen = loadgen();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (LoopGroup group = loops > 1 ? LoopGroup.open(loops) : null) {
            Map<String, String> result = Asyncio.run(() -> {
                Server server = start(0, group);
                int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
                List<String> cmd = new ArrayList<>();
                if (Files.isExecutable(Path.of("/usr/bin/taskset")) && !Boolean.getBoolean("w4.noPin")) {
                    cmd.addAll(List.of("taskset", "-c", System.getProperty("w4.genCpu", "0")));
                }
                cmd.addAll(List.of(
                        loadgen.toString(),
                        "127.0.0.1",
                        Integer.toString(port),
                        Integer.toString(connections),
                        Integer.toString(seconds),
                        Integer.toString(msg),
                        Integer.toString(warmup)));
                Map<String, String> figures = Asyncio.toThread(() -> drive(cmd, os));
                server.close();
                server.closeClients();
                return figures;
            });
            double msgs = Double.parseDouble(result.get("msgs"));
            double cpuUs = Double.parseDouble(result.get("cpu_ns")) / 1000.0;
            Cli.print(
                    "W4",
                    "msgs_per_s",
                    Double.parseDouble(result.get("msgs_per_s")),
                    "p50_us",
                    Double.parseDouble(result.get("p50_us")),
                    "p99_us",
                    Double.parseDouble(result.get("p99_us")),
                    "server_cpu_us_per_msg",
                    cpuUs / msgs,
                    "connections",
                    connections,
                    "loops",
                    loops);
        }
    }

    /** Runs the generator; samples this JVM's CPU time at its MEASURE line and at its RESULT line. */
    private static Map<String, String> drive(List<String> cmd, com.sun.management.OperatingSystemMXBean os)
            throws Exception {
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            long cpuStart = -1;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("MEASURE")) {
                    cpuStart = os.getProcessCpuTime();
                } else if (line.startsWith("RESULT W4 ")) {
                    long cpuEnd = os.getProcessCpuTime();
                    Map<String, String> figures = new LinkedHashMap<>();
                    for (String kv : line.substring("RESULT W4 ".length()).split(" ")) {
                        int eq = kv.indexOf('=');
                        figures.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    figures.put("cpu_ns", Long.toString(cpuEnd - cpuStart));
                    return figures;
                }
            }
            throw new IOException("the load generator ended without a RESULT line (exit "
                    + (p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1) + ")");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The load generator binary: {@code -Dw4.loadgen}, or built from peers/c with gcc. */
    static Path loadgen() throws Exception {
        String given = System.getProperty("w4.loadgen");
        if (given != null) {
            return Path.of(given);
        }
        Path root = root();
        Path source = root.resolve("asyncio4j-bench/peers/c/w4_loadgen.c");
        Path binary = root.resolve("asyncio4j-bench/target/w4_loadgen");
        if (!Files.isExecutable(binary)
                || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0) {
            Files.createDirectories(binary.getParent());
            Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString())
                    .inheritIO()
                    .start();
            if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                throw new IOException("gcc could not build " + source);
            }
        }
        return binary;
    }

    /** The repository root: {@code -Dasyncio4j.root}, or the first parent holding asyncio4j-bench. */
    private static Path root() {
        String given = System.getProperty("asyncio4j.root");
        if (given != null) {
            return Path.of(given);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("asyncio4j-bench/peers/c"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find asyncio4j-bench/peers/c above "
                + Path.of("").toAbsolutePath() + "; pass -Dasyncio4j.root=<repository> or -Dw4.loadgen=<binary>");
    }
}
