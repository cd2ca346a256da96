package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static io.asyncio4j.net.NetTests.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.sync.Event;
import io.asyncio4j.sync.Semaphore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of concurrent loopback connections on one loop. Each connection costs a file descriptor
 * on each side: the tests need {@code ulimit -n} above twice their count (the JVM raises its soft
 * limit to the hard one by itself on Linux); with a lower limit they are skipped with a message.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ManyConnectionsTest {
    /**
     * Thousands of connections take seconds on an idle machine and ten times as long on a loaded
     * one; the bound is for a test that is stuck.
     */
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(240);

    @Test
    void fiveThousandConnectionsAtOnceOnOneLoop() throws Exception {
        int n = 5_000;
        long limit = openFilesLimit();
        assumeTrue(
                limit >= 2L * n + 1000,
                "the open-files limit is " + limit + ", below the " + (2 * n + 1000)
                        + " this test needs (raise it with ulimit -n)");
        List<String> log = NetTests.run(BODY_TIMEOUT, () -> {
            AtomicInteger serving = new AtomicInteger();
            AtomicInteger maxServing = new AtomicInteger();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        maxServing.accumulateAndGet(serving.incrementAndGet(), Math::max);
                        byte[] line;
                        while ((line = reader.readLine()).length > 0) {
                            writer.write(line);
                        }
                        serving.decrementAndGet();
                    },
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().backlog(4096));
            Semaphore connecting = new Semaphore(500);
            Event everyoneAnswered = new Event();
            AtomicInteger answered = new AtomicInteger();
            Asyncio.taskGroup(tg -> {
                for (int i = 0; i < n; i++) {
                    String hello = "hello " + i + "\n";
                    tg.createTask(() -> {
                        StreamPair c;
                        connecting.acquire();
                        try {
                            c = Streams.openConnection("127.0.0.1", port(server));
                        } finally {
                            connecting.release();
                        }
                        c.writer().write(ascii(hello));
                        assertThat(ascii(c.reader().readLine())).isEqualTo(hello);
                        if (answered.incrementAndGet() == n) {
                            everyoneAnswered.set();
                        }
                        everyoneAnswered.await(); // all n stay open together
                        c.writer().close();
                        c.writer().waitClosed();
                        return null;
                    });
                }
            });
            server.close();
            server.waitClosed();
            return List.of("answered " + answered.get(), "open at once " + maxServing.get());
        });
        assertThat(log).containsExactly("answered " + n, "open at once " + n);
    }

    @Test
    void tenThousandCpythonClientsOnOneLoop() throws Exception {
        int n = 10_000;
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: skipped");
        long limit = openFilesLimit();
        assumeTrue(
                limit >= n + 1000,
                "the open-files limit is " + limit + ", below the " + (n + 1000)
                        + " this test needs (raise it with ulimit -n)");
        List<String> printed = NetTests.run(BODY_TIMEOUT, () -> {
            AtomicInteger serving = new AtomicInteger();
            AtomicInteger maxServing = new AtomicInteger();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        maxServing.accumulateAndGet(serving.incrementAndGet(), Math::max);
                        try {
                            byte[] line;
                            while ((line = reader.readLine()).length > 0) {
                                writer.write(line);
                            }
                        } finally {
                            serving.decrementAndGet();
                        }
                    },
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().backlog(4096));
            List<String> out = Asyncio.toThread(() -> {
                try (NetTests.Peer py =
                        NetTests.Peer.python("many_clients.py", Integer.toString(port(server)), Integer.toString(n))) {
                    return py.rest();
                }
            });
            server.close();
            server.waitClosed();
            return List.of(String.join(", ", out), "open at once " + maxServing.get());
        });
        assertThat(printed).containsExactly("connected " + n + ", ok " + n, "open at once " + n);
    }

    /** The soft open-files limit of this process, from /proc (Linux); a large number elsewhere. */
    static long openFilesLimit() throws IOException {
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
