package io.asyncio4j.http.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Clients nobody here wrote, run as processes against a test's server: curl and CPython's aiohttp
 * (Debian's python3-aiohttp). A missing one skips the test, naming the package; {@code
 * scripts/install-test-peers.sh} installs them.
 */
final class Peers {
    private Peers() {}

    static final String PYTHON = "/usr/bin/python3";

    /** What a process printed, and how it ended. */
    record Output(int exit, String stdout, String stderr) {}

    static void assumeCurl() throws Exception {
        assumeTrue(
                Asyncio.toThread(() -> {
                    try {
                        return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
                    } catch (java.io.IOException e) {
                        return false;
                    }
                }),
                "curl is not installed: install curl (scripts/install-test-peers.sh)");
    }

    static void assumeAiohttp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + ": install python3-aiohttp");
        assumeTrue(
                Asyncio.toThread(() -> new ProcessBuilder(PYTHON, "-c", "import aiohttp")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor())
                        == 0,
                "CPython's aiohttp is missing: install python3-aiohttp (scripts/install-test-peers.sh)");
    }

    /** Runs curl with {@code args} ({@code -sS} added), giving it {@code stdin}; at most 60 s. */
    static Output curl(byte[] stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS"));
        cmd.addAll(List.of(args));
        return run(cmd, stdin);
    }

    /** Runs the Python script resource {@code name} with {@code args}. */
    static Output python(String name, String... args) throws Exception {
        Path dir = Files.createTempDirectory("aiohttp-client");
        Path script = dir.resolve(name);
        try (InputStream in = Peers.class.getResourceAsStream(name)) {
            Files.copy(in, script);
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, new byte[0]);
    }

    static Output run(List<String> cmd, byte[] stdin) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        try {
            return Asyncio.timeout(
                    Duration.ofSeconds(60),
                    () -> Asyncio.toThread(() -> {
                        Thread feeder = Thread.ofPlatform().daemon().start(() -> {
                            try (var out = p.getOutputStream()) {
                                out.write(stdin);
                            } catch (java.io.IOException e) {
                                // the process does not read its input
                            }
                        });
                        ByteArrayOutputStream err = new ByteArrayOutputStream();
                        Thread errors = Thread.ofPlatform().daemon().start(() -> {
                            try {
                                p.getErrorStream().transferTo(err);
                            } catch (java.io.IOException e) {
                                // ended
                            }
                        });
                        byte[] out = p.getInputStream().readAllBytes();
                        int exit = p.waitFor();
                        feeder.join();
                        errors.join();
                        return new Output(
                                exit, new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
                    }));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
