package io.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the peers on this machine and builds their commands. asyncio4j, the plain-JDK peer and the
 * Netty peer run on the JVM that runs the harness, with this module's class path (which holds
 * Netty); the Python and Node.js peers run the scripts under {@code asyncio4j-bench/peers/}. A
 * peer without a program for a workload (no class or script of that name) gets a null command.
 */
final class Peers {
    private Peers() {}

    /** Where this module's peer scripts are, relative to the repository root. */
    static final String PEERS_DIR = "asyncio4j-bench/peers";

    /** The JVM flag asyncio4j's scheduler needs (DESIGN.md §1). */
    static final String ADD_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    /**
     * Every peer, asyncio4j first; those that cannot run here carry their reason.
     *
     * @param root the repository root
     * @param java the {@code java} launcher to use
     * @param classPath this module's runtime class path
     * @param probe runs short version commands
     */
    static List<Peer> discover(Path root, String java, String classPath, Probe probe) {
        Path python = root.resolve(PEERS_DIR).resolve("python");
        Path node = root.resolve(PEERS_DIR).resolve("node");
        String jdk = Runtime.version().toString();
        List<Peer> peers = new ArrayList<>();
        peers.add(new Peer(
                Peer.ASYNCIO4J, "asyncio4j", jdk, null, w -> javaCommand(java, classPath, w, ASYNCIO4J_PACKAGE), true));
        peers.add(new Peer(
                "jdk", "JDK virtual threads", jdk, null, w -> javaCommand(java, classPath, w, JDK_PACKAGE), true));
        peers.add(new Peer(
                "netty",
                "Netty",
                nettyVersion() + " (NIO, one event loop)",
                null,
                w -> javaCommand(java, classPath, w, NETTY_PACKAGE),
                true));

        peers.add(new Peer(
                VERTX,
                "Vert.x",
                vertxVersion() + " (one event loop)",
                null,
                w -> javaCommand(java, classPath, w, VERTX_PACKAGE),
                true));

        String cpython = probe.firstLine("python3", "--version");
        // W6 is aiohttp's client; Debian's python3-aiohttp installs it for /usr/bin/python3, which may
        // not be the python3 on the PATH. Without it the Python peers have no W6 program.
        List<String> withAiohttp = new ArrayList<>();
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            String v = probe.firstLine(candidate, "-c", "import aiohttp; print('aiohttp', aiohttp.__version__)");
            if (v != null && v.startsWith("aiohttp ")) {
                withAiohttp.add(candidate);
            }
        }
        peers.add(new Peer(
                "asyncio",
                "CPython asyncio",
                cpython,
                cpython == null ? "python3 is not on the PATH" : null,
                w -> script(pythonFor(w, "python3", withAiohttp, true), python, w, ".py", List.of()),
                false));

        // Debian's python3-uvloop installs for /usr/bin/python3, which may not be the python3 on the PATH.
        String uvloopPython = null;
        String uvloop = null;
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            String v = probe.firstLine(
                    candidate,
                    "-c",
                    "import sys, uvloop; print(f'uvloop {uvloop.__version__}, Python {sys.version.split()[0]}')");
            if (v != null && v.startsWith("uvloop ")) {
                uvloopPython = candidate;
                uvloop = v;
                break;
            }
        }
        String uvPython = uvloopPython;
        peers.add(new Peer(
                "uvloop",
                "uvloop",
                uvloop,
                uvloop == null
                        ? "uvloop is not installed (apt-get install python3-uvloop; bench/setup.sh does it when root)"
                        : null,
                w -> script(pythonFor(w, uvPython, withAiohttp, false), python, w, ".py", List.of("--loop=uvloop")),
                false));

        String nodeVersion = probe.firstLine("node", "--version");
        peers.add(new Peer(
                "node",
                "Node.js",
                nodeVersion,
                nodeVersion == null ? "node is not on the PATH" : null,
                w -> script(List.of("node"), node, w, ".js", List.of()),
                false));

        // Not a contender: one read and one write per message in C, the kernel's own cost of W4.
        peers.add(new Peer(
                FLOOR,
                "C epoll (floor)",
                "gcc -O2, one thread",
                null,
                w -> w.id().equals("W4")
                        ? Bench.inRoot(
                                root,
                                List.of(LoadGenerator.FLOOR_BINARY, w.args().getFirst()))
                        : null,
                false));
        return peers;
    }

    /** The name of the W4 floor server, a reference rather than a peer. */
    static final String FLOOR = "floor";

    private static final String ASYNCIO4J_PACKAGE = "io.asyncio4j.bench.workloads";
    private static final String JDK_PACKAGE = "io.asyncio4j.bench.peers.jdk";
    private static final String NETTY_PACKAGE = "io.asyncio4j.bench.peers.netty";
    private static final String VERTX_PACKAGE = "io.asyncio4j.bench.peers.vertx";

    /** The name of the Vert.x peer (W5). */
    static final String VERTX = "vertx";

    /** The command that runs {@code w}'s class of {@code pkg}, or null when there is no such class. */
    private static List<String> javaCommand(String java, String classPath, Workload w, String pkg) {
        String main = pkg + "." + w.javaClass();
        if (Peers.class.getClassLoader().getResource(main.replace('.', '/') + ".class") == null) {
            return null;
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(w.jvmFlags());
        if (pkg.equals(ASYNCIO4J_PACKAGE)) {
            command.add(ADD_OPENS);
        }
        command.add("-cp");
        command.add(w.wholeProcess() ? startUpClassPath(classPath, pkg.equals(ASYNCIO4J_PACKAGE)) : classPath);
        command.add(main);
        command.addAll(w.javaArgs());
        return command;
    }

    /**
     * The class path of a start-up run: this module's classes (its first entry) and, for asyncio4j,
     * the core's JAR, as a user's program has; not the dozens of JARs of the other peers, which a
     * class or resource lookup that misses would open one by one.
     */
    static String startUpClassPath(String classPath, boolean withCore) {
        String[] entries = classPath.split(java.io.File.pathSeparator);
        StringBuilder path = new StringBuilder(entries[0]);
        for (int i = 1; i < entries.length && withCore; i++) {
            if (entries[i].contains("asyncio4j-core")) {
                path.append(java.io.File.pathSeparatorChar).append(entries[i]);
            }
        }
        return path.toString();
    }

    /** The version of Netty on the class path, such as {@code 4.2.18.Final}. */
    private static String nettyVersion() {
        io.netty.util.Version v = io.netty.util.Version.identify().get("netty-transport");
        return v == null ? "(version unknown)" : v.artifactVersion();
    }

    /** The version of Vert.x on the class path, such as {@code 5.0.7}. */
    private static String vertxVersion() {
        String v = io.vertx.core.Vertx.class.getPackage().getImplementationVersion();
        return v == null ? "5" : v;
    }

    /**
     * The interpreter for {@code w}: {@code preferred}, but for W5, W6 and W7 (aiohttp) only if it has
     * aiohttp, else ({@code mayFallBack}) another one that has it; null when none fits (no program
     * for W6 or W7). uvloop's peer may not fall back: its loop and aiohttp must be in one interpreter.
     */
    static List<String> pythonFor(Workload w, String preferred, List<String> withAiohttp, boolean mayFallBack) {
        if (!needsAiohttp(w) || withAiohttp.contains(preferred)) {
            return List.of(preferred);
        }
        return mayFallBack && !withAiohttp.isEmpty() ? List.of(withAiohttp.getFirst()) : null;
    }

    /** W5 is aiohttp's server, W6 its client, W7 its WebSocket server. */
    private static boolean needsAiohttp(Workload w) {
        return w.id().equals("W5") || w.id().equals("W6") || w.id().equals("W7");
    }

    private static List<String> script(
            List<String> interpreter, Path dir, Workload w, String suffix, List<String> extra) {
        Path file = dir.resolve(w.script() + suffix);
        if (interpreter == null || !Files.exists(file)) {
            return null;
        }
        List<String> command = new ArrayList<>(interpreter);
        command.add(file.toString());
        command.addAll(w.args());
        command.addAll(extra);
        return command;
    }

    /** Runs a short command and returns its first line of output, or null when it fails. */
    interface Probe {
        String firstLine(String... command);

        /** The real probe: runs the command (not wrapped in time or taskset) with a 20 s limit. */
        static Probe of(Path scratch, Path dir) {
            ProcessRunner runner = new ProcessRunner(scratch, false, false);
            return command -> {
                try {
                    ProcessRunner.Outcome o = runner.run(List.of(command), dir, -1, Duration.ofSeconds(20));
                    if (!o.ok()) {
                        return null;
                    }
                    List<String> lines = new ArrayList<>(o.stdout());
                    lines.addAll(o.stderr());
                    return lines.stream()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty())
                            .findFirst()
                            .orElse(null);
                } catch (IOException e) {
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            };
        }
    }
}
