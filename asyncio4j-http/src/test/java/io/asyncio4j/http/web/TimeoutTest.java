package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.Transcript;
import java.time.Duration;

/**
 * The header and keep-alive timeouts, on the virtual clock: a client dripping a head a byte a
 * second (slowloris) is cut off at the header timeout, an idle keep-alive connection at the
 * keep-alive timeout. The threshold lets the loopback bytes arrive before virtual time jumps.
 */
class TimeoutTest {
    private static final RunnerOptions OPTIONS = RunnerOptions.defaults()
            .accessLog(false)
            .headerTimeout(Duration.ofMillis(4500))
            .keepaliveTimeout(Duration.ofSeconds(10));

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
}
