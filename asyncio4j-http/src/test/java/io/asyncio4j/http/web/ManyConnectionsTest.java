package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.testing.AsyncioTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * 10,000 keep-alive connections from CPython's asyncio, held open at once and each served twice by
 * one loop. The client runs in a process of its own (each side needs a file descriptor per
 * connection); the test is skipped when this JVM's open-files limit is too low.
 */
class ManyConnectionsTest {
    private static final int CONNECTIONS = 10_000;

    @AsyncioTest(realClock = true, timeout = 600, wallTimeoutSeconds = 600)
    void tenThousandKeepAliveConnectionsHeldAndServed() throws Exception {
        long limit = openFilesLimit();
        assumeTrue(
                limit >= CONNECTIONS + 1000,
                "the open-files limit is " + limit + ", below the " + (CONNECTIONS + 1000)
                        + " this test needs (raise it with ulimit -n)");
        assumeTrue(Files.isExecutable(Path.of(Peers.PYTHON)), "no " + Peers.PYTHON + ": install python3");
        Path dir = Files.createTempDirectory("many-connections");
        Path script = dir.resolve("many_connections.py");
        try (InputStream in = ManyConnectionsTest.class.getResourceAsStream("many_connections.py")) {
            Files.copy(in, script);
        }
        try (Served s = Served.start(
                TestApps.echo(),
                RunnerOptions.defaults().accessLog(false).backlog(4096).keepaliveTimeout(Duration.ofMinutes(10)))) {
            Process p = new ProcessBuilder(
                            "bash",
                            "-c",
                            "ulimit -n " + limit + " && exec \"$0\" \"$@\"",
                            Peers.PYTHON,
                            script.toString(),
                            String.valueOf(s.port()),
                            String.valueOf(CONNECTIONS))
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String held = Asyncio.timeout(Duration.ofSeconds(300), () -> Asyncio.toThread(out::readLine));
                assertThat(held).as(Files.readString(dir.resolve("stderr.txt"))).isEqualTo("HELD " + CONNECTIONS);
                assertThat(s.runner.connections())
                        .as("connections open at once")
                        .isEqualTo(CONNECTIONS);
                p.getOutputStream().write('\n');
                p.getOutputStream().flush();
                String result = Asyncio.timeout(Duration.ofSeconds(300), () -> Asyncio.toThread(out::readLine));
                assertThat(result).isEqualTo("{\"first\": " + CONNECTIONS + ", \"second\": " + CONNECTIONS + "}");
            } finally {
                p.destroyForcibly();
                Asyncio.toThread(p::waitFor);
            }
        }
    }

    /** This process's soft limit of open files (the JVM raises it to the hard one on Linux). */
    private static long openFilesLimit() throws java.io.IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.exists(limits)) {
            return Long.MAX_VALUE;
        }
        for (String line : Files.readAllLines(limits)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return Long.MAX_VALUE;
    }
}
