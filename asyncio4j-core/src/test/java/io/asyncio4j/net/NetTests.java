package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a network test's main coroutine on a fresh loop with the real clock (sockets are real, so
 * virtual time cannot be used), bounded by a timeout, and fails when the loop reported an error or a
 * task outlived main. Also starts peer programs (python3, openssl) and reads what they print.
 */
final class NetTests {
    /** The bound of a test body that names none; each wait inside has its own smaller one. */
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(60);

    /** How long tasks that were told to end may take to finish after the body returned. */
    static final Duration LEFTOVER_TIMEOUT = Duration.ofSeconds(30);

    private NetTests() {}

    static <T> T run(Coroutine<T> main) throws Exception {
        return run(BODY_TIMEOUT, main);
    }

    /** Like {@link #run(Coroutine)}, for a body that may take up to {@code bodyTimeout}. */
    static <T> T run(Duration bodyTimeout, Coroutine<T> main) throws Exception {
        List<Loop.ErrorContext> errors = new ArrayList<>();
        T result = runCollecting(bodyTimeout, main, errors);
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError("the loop reported errors: "
                    + errors.stream().map(Loop.ErrorContext::message).toList());
            errors.forEach(e -> failure.addSuppressed(e.exception()));
            throw failure;
        }
        return result;
    }

    static <T> T runCollecting(Coroutine<T> main, List<Loop.ErrorContext> errors) throws Exception {
        return runCollecting(BODY_TIMEOUT, main, errors);
    }

    private static <T> T runCollecting(Duration bodyTimeout, Coroutine<T> main, List<Loop.ErrorContext> errors)
            throws Exception {
        LoopOptions options = LoopOptions.defaults().exceptionHandler(e -> {
            synchronized (errors) {
                errors.add(e);
            }
        });
        List<String> leaked = new ArrayList<>();
        T result;
        try (Loop loop = Loop.open(options)) {
            result = loop.run(() -> {
                T value = Asyncio.timeout(bodyTimeout, main);
                // Tasks that were told to end (closed streams, closed servers) finish in their own
                // time, which a loaded machine stretches; only one still running after the bound
                // is stuck.
                long deadline = loop.time() + LEFTOVER_TIMEOUT.toNanos();
                while (loop.allTasks().size() > 1 && loop.time() < deadline) {
                    Asyncio.sleep(Duration.ofMillis(10));
                }
                for (Task<?> t : loop.allTasks()) {
                    if (t != Asyncio.currentTask()) {
                        leaked.add(t.toString());
                    }
                }
                return value;
            });
        }
        if (!leaked.isEmpty()) {
            throw new AssertionError("tasks still running when main returned: " + leaked);
        }
        return result;
    }

    static int port(Server server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** A peer program whose stdout is read line by line (stderr is merged into it). */
    static final class Peer implements AutoCloseable {
        final Process process;
        final BufferedReader out;

        Peer(List<String> command) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            this.process = pb.start();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Starts {@code python3 -u <resource script> args...}. */
        static Peer python(String script, String... args) throws IOException {
            return pythonOf("python3", script, args);
        }

        /** Starts {@code <python> -u <resource script> args...}. */
        static Peer pythonOf(String python, String script, String... args) throws IOException {
            Path file = resource(script);
            List<String> cmd = new ArrayList<>(List.of(python, "-u", file.toString()));
            cmd.addAll(List.of(args));
            return new Peer(cmd);
        }

        /** The next line the peer prints (a blocking read: call it off the loop, or via toThread). */
        String readLine() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the peer exited without printing a line");
            }
            return line;
        }

        /** Reads lines until one starts with {@code prefix}; returns the rest of it. */
        String await(String prefix) throws IOException {
            List<String> seen = new ArrayList<>();
            while (true) {
                String line = out.readLine();
                if (line == null) {
                    throw new IOException("the peer exited before printing '" + prefix + "'; it printed " + seen);
                }
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
                seen.add(line);
            }
        }

        /** Everything the peer printed until it exits (bounded). */
        List<String> rest() throws Exception {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
            process.waitFor(10, TimeUnit.SECONDS);
            return lines;
        }

        InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A test resource as a file path. */
    static Path resource(String name) {
        try {
            var url = NetTests.class.getResource("/net/" + name);
            if (url == null) {
                throw new IllegalStateException("missing test resource net/" + name);
            }
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A CPython 3.13 or newer: {@code python3} when it is one, else {@code python3.13}/{@code 3.14}
     * on the PATH, else one installed by pyenv; null when there is none.
     */
    static String python313() {
        List<String> candidates = new ArrayList<>(List.of("python3", "python3.14", "python3.13"));
        Path pyenv = Path.of(System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv"));
        try (var versions = Files.list(pyenv.resolve("versions"))) {
            versions.map(v -> v.resolve("bin/python3").toString()).sorted().forEach(candidates::add);
        } catch (IOException e) {
            // no pyenv
        }
        for (String python : candidates) {
            try {
                Process p = new ProcessBuilder(
                                python, "-c", "import sys; sys.exit(0 if sys.version_info >= (3, 13) else 1)")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not this one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Whether {@code program} is on the PATH. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
