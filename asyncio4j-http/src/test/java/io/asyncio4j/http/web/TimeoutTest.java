package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.Transcript;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The header, keep-alive and body read timeouts, on the virtual clock: a client dripping a head a
 * byte a second (slowloris) is cut off at the header timeout, an idle keep-alive connection at the
 * keep-alive timeout, a body that stops coming at the body read timeout. The threshold lets the
 * loopback bytes arrive before virtual time jumps.
 */
class TimeoutTest {
    private static final RunnerOptions OPTIONS = RunnerOptions.defaults()
            .accessLog(false)
            .headerTimeout(Duration.ofMillis(4500))
            .keepaliveTimeout(Duration.ofSeconds(10))
            .bodyReadTimeout(Duration.ofSeconds(3));

    private static String seconds(Loop loop) {
        return String.format("%.1f s", loop.time() / 1e9);
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void slowlorisIsCutOffAtTheHeaderTimeout(Loop loop) throws Exception {
        Transcript log = new Transcript();
        try (Served s = Served.start(TestApps.echo(), OPTIONS);
                RawClient c = RawClient.connect(s.port())) {
            Task<RawClient.Resp> answer = Asyncio.createTask(() -> {
                RawClient.Resp r = c.next();
                log.record("answered " + r.status() + " " + r.header("Connection") + " at " + seconds(loop));
                return r;
            });
            String head = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(20) + "\r\n\r\n";
            for (int i = 0; i < head.length() && !answer.isDone(); i++) {
                c.send(head.substring(i, i + 1));
                Asyncio.sleep(Duration.ofSeconds(1));
            }
            answer.await();
            assertThat(c.closedByServer()).isTrue();
            log.record("closed");
        }
        log.assertEquals("answered 408 close at 4.5 s", "closed");
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void aHeadDrippedOnAKeptConnectionIsCutOffAtTheHeaderTimeoutToo(Loop loop) throws Exception {
        Transcript log = new Transcript();
        try (Served s = Served.start(TestApps.echo(), OPTIONS);
                RawClient c = RawClient.connect(s.port())) {
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            log.record("answered " + c.next().status() + " at " + seconds(loop));
            // After the first head's timeout would have passed, while the keep-alive timeout runs
            Asyncio.sleep(Duration.ofSeconds(5));
            Task<RawClient.Resp> answer = Asyncio.createTask(() -> {
                RawClient.Resp r = c.next();
                log.record("answered " + r.status() + " " + r.header("Connection") + " at " + seconds(loop));
                return r;
            });
            String head = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(20) + "\r\n\r\n";
            for (int i = 0; i < head.length() && !answer.isDone(); i++) {
                c.send(head.substring(i, i + 1));
                Asyncio.sleep(Duration.ofSeconds(1));
            }
            answer.await();
        }
        log.assertEquals("answered 200 at 0.0 s", "answered 408 close at 9.5 s");
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void aSlowHeadWithinTheTimeoutIsServed(Loop loop) throws Exception {
        try (Served s = Served.start(TestApps.echo(), OPTIONS);
                RawClient c = RawClient.connect(s.port())) {
            for (String piece : new String[] {"GET /hello HT", "TP/1.1\r\nHo", "st: x\r\n", "\r\n"}) {
                c.send(piece);
                Asyncio.sleep(Duration.ofSeconds(1));
            }
            assertThat(c.next().body()).isEqualTo("Hello, World!");
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void anIdleKeepAliveConnectionClosesAtTheKeepAliveTimeout(Loop loop) throws Exception {
        Transcript log = new Transcript();
        try (Served s = Served.start(TestApps.echo(), OPTIONS);
                RawClient c = RawClient.connect(s.port())) {
            Asyncio.sleep(Duration.ofSeconds(2));
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            c.next();
            log.record("answered at " + seconds(loop));
            assertThat(c.closedByServer()).isTrue();
            log.record("closed at " + seconds(loop));
        }
        log.assertEquals("answered at 2.0 s", "closed at 12.0 s");
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void aConnectionThatSendsNothingClosesAtTheHeaderTimeout(Loop loop) throws Exception {
        try (Served s = Served.start(TestApps.echo(), OPTIONS);
                RawClient c = RawClient.connect(s.port())) {
            assertThat(c.closedByServer()).isTrue();
            assertThat(seconds(loop)).isEqualTo("4.5 s");
        }
    }

    /**
     * {@code POST /read}: reads the body in chunks as they come, recording each and the read's
     * failure (then reads once more, which must fail the same way, not end the body quietly).
     */
    private static Application reader(Transcript log, Loop loop) {
        Application app = new Application();
        app.addRoutes(Web.post("/read", r -> {
            long n = 0;
            try {
                for (byte[] chunk : r.content().iterAny()) {
                    n += chunk.length;
                    log.record("handler got " + chunk.length + " bytes at " + seconds(loop));
                }
            } catch (UncheckedIOException e) {
                log.record("handler's read failed at " + seconds(loop) + ": "
                        + e.getCause().getClass().getSimpleName());
                try {
                    r.content().readChunk();
                    log.record("a second read returned");
                } catch (UncheckedIOException again) {
                    log.record("a second read failed: " + (again == e));
                }
                throw e;
            }
            return Response.text("read " + n);
        }));
        return app;
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void aBodyThatNeverComesIsAnswered408AtTheBodyReadTimeout(Loop loop) throws Exception {
        Transcript log = new Transcript();
        try (Served s = Served.start(reader(log, loop), OPTIONS);
                RawClient c = RawClient.connect(s.port())) {
            // A first request on the connection, then a second one after the header timeout of
            // the first would have passed: the body read timeout counts from the second's read.
            c.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
            log.record("answered " + c.next("POST").body());
            Asyncio.sleep(Duration.ofSeconds(5));
            c.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n");
            RawClient.Resp r = c.next("POST");
            log.record("answered " + r.status() + " " + r.header("Connection") + " at " + seconds(loop));
            assertThat(c.closedByServer()).isTrue();
        }
        log.assertEquals(
                "handler got 2 bytes at 0.0 s",
                "answered read 2",
                "handler's read failed at 8.0 s: SocketTimeoutException",
                "a second read failed: true",
                "answered 408 close at 8.0 s");
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void aBodyTimeoutAnswered408IsLoggedWithItsStatus(Loop loop) throws Exception {
        List<String> lines = new ArrayList<>();
        Logger jul = Logger.getLogger("io.asyncio4j.http.web.access");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(capture);
        jul.setUseParentHandlers(false);
        try (Served s = Served.start(
                        reader(new Transcript(), loop), OPTIONS.accessLog(true).accessLogFormat("%r %s"));
                RawClient c = RawClient.connect(s.port())) {
            c.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n");
            assertThat(c.next("POST").status()).isEqualTo(408);
        } finally {
            jul.removeHandler(capture);
            jul.setUseParentHandlers(true);
        }
        assertThat(lines).containsExactly("POST /read HTTP/1.1 408");
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void aBodyThatStopsHalfwayFailsTheHandlersReadAndClosesTheConnection(Loop loop) throws Exception {
        Transcript log = new Transcript();
        try (Served s = Served.start(reader(log, loop), OPTIONS);
                RawClient c = RawClient.connect(s.port())) {
            c.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhalf");
            Asyncio.sleep(Duration.ofSeconds(1));
            c.send("f");
            String rest = c.readToEnd();
            log.record("the client got " + rest.length() + " bytes, then the end, at " + seconds(loop));
        }
        log.assertEquals(
                "handler got 4 bytes at 0.0 s",
                "handler got 1 bytes at 1.0 s",
                "handler's read failed at 4.0 s: SocketTimeoutException",
                "a second read failed: true",
                "the client got 0 bytes, then the end, at 4.0 s");
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void aBodyDrippedFasterThanTheTimeoutIsReadWhateverItTakesInAll(Loop loop) throws Exception {
        Transcript log = new Transcript();
        try (Served s = Served.start(reader(log, loop), OPTIONS);
                RawClient c = RawClient.connect(s.port())) {
            c.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n");
            for (int i = 0; i < 5; i++) {
                Asyncio.sleep(Duration.ofSeconds(2));
                c.send("x");
            }
            log.record("answered " + c.next("POST").body() + " at " + seconds(loop));
        }
        log.assertEquals(
                "handler got 1 bytes at 2.0 s",
                "handler got 1 bytes at 4.0 s",
                "handler got 1 bytes at 6.0 s",
                "handler got 1 bytes at 8.0 s",
                "handler got 1 bytes at 10.0 s",
                "answered read 5 at 10.0 s");
    }

    @Test
    void theBodyReadTimeoutMustBePositive() {
        assertThatThrownBy(() -> RunnerOptions.defaults().bodyReadTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bodyReadTimeout");
        assertThat(RunnerOptions.defaults().bodyReadTimeout()).isEqualTo(Duration.ofSeconds(60));
    }
}
