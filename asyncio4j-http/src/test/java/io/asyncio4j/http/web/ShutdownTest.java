package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.net.Streams;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.Transcript;
import java.net.ConnectException;
import java.time.Duration;

/**
 * Graceful shutdown, on the virtual clock: the sites stop accepting, idle connections close, the
 * requests in flight (and those already received behind them) are answered, then the hooks run;
 * past the shutdown timeout the handlers are cancelled and answered 503.
 */
class ShutdownTest {
    private static String seconds(Loop loop) {
        return String.format("%.1f s", loop.time() / 1e9);
    }

    private static Application app(Transcript log, Loop loop) {
        Application app = new Application();
        app.cleanupCtx((a, serve) -> {
            log.record("cleanup_ctx up");
            try {
                serve.run();
            } finally {
                log.record("cleanup_ctx down");
            }
        });
        app.onStartup(a -> log.record("on_startup"));
        app.onShutdown(a -> log.record("on_shutdown at " + seconds(loop)));
        app.onCleanup(a -> log.record("on_cleanup"));
        app.addRoutes(
                Web.get("/hello", r -> Response.text("Hello, World!")),
                Web.get("/slow/{s}", r -> {
                    log.record("handler " + r.matchInfo().get("s") + " started at " + seconds(loop));
                    try {
                        Asyncio.sleep(
                                Duration.ofSeconds(Long.parseLong(r.matchInfo().get("s"))));
                    } catch (CancelledError e) {
                        log.record("handler " + r.matchInfo().get("s") + " cancelled at " + seconds(loop));
                        throw e;
                    }
                    log.record("handler " + r.matchInfo().get("s") + " finished at " + seconds(loop));
                    return Response.text("slept");
                }),
                Web.get("/ticks", r -> {
                    StreamResponse s = new StreamResponse();
                    s.prepare(r);
                    while (true) {
                        s.write("tick\n");
                        Asyncio.sleep(Duration.ofSeconds(1));
                    }
                }));
        return app;
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void inFlightRequestsFinishThenTheHooksRun(Loop loop) throws Exception {
        Transcript log = new Transcript();
        Served s = Served.start(
                app(log, loop), RunnerOptions.defaults().accessLog(false).shutdownTimeout(Duration.ofSeconds(10)));
        int port = s.port();
        try (RawClient idle = RawClient.connect(port);
                RawClient busy = RawClient.connect(port)) {
            idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(idle.next().header("Connection")).isNull();
            // One request in flight, a second already received behind it (pipelined).
            busy.send("GET /slow/2 HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            Asyncio.sleep(Duration.ofMillis(100));
            Task<Void> stopping = Asyncio.createTask(s::close);
            assertThat(idle.closedByServer())
                    .as("an idle connection closes at once")
                    .isTrue();
            assertThat(seconds(loop)).isEqualTo("0.1 s");
            RawClient.Resp first = busy.next();
            assertThat(first.body() + " " + first.header("Connection")).isEqualTo("slept null");
            RawClient.Resp second = busy.next();
            assertThat(second.body() + " " + second.header("Connection")).isEqualTo("Hello, World! close");
            assertThat(busy.closedByServer()).isTrue();
            stopping.await();
            log.record("cleanup returned at " + seconds(loop));
        }
        assertThatThrownBy(() -> Streams.openConnection("127.0.0.1", port)).isInstanceOf(ConnectException.class);
        log.assertEquals(
                "cleanup_ctx up",
                "on_startup",
                "handler 2 started at 0.0 s",
                "on_shutdown at 0.1 s",
                "handler 2 finished at 2.0 s",
                "cleanup_ctx down",
                "on_cleanup",
                "cleanup returned at 2.0 s");
    }

    @AsyncioTest(autojumpThresholdMillis = 50, wallTimeoutSeconds = 60)
    void pastTheShutdownTimeoutHandlersAreCancelledAndAnswered503(Loop loop) throws Exception {
        Transcript log = new Transcript();
        Served s = Served.start(
                app(log, loop), RunnerOptions.defaults().accessLog(false).shutdownTimeout(Duration.ofSeconds(3)));
        try (RawClient slow = RawClient.connect(s.port());
                RawClient streaming = RawClient.connect(s.port())) {
            slow.send("GET /slow/60 HTTP/1.1\r\nHost: x\r\n\r\n");
            streaming.send("GET /ticks HTTP/1.1\r\nHost: x\r\n\r\n");
            Asyncio.sleep(Duration.ofMillis(500));
            Task<Void> stopping = Asyncio.createTask(s::close);
            RawClient.Resp r = slow.next();
            log.record("slow answered " + r.status() + " " + r.header("Connection") + ": " + r.body() + " at "
                    + seconds(loop));
            assertThat(slow.closedByServer()).isTrue();
            // The streamed response had started: its connection is cut, the body left unfinished.
            String cut = streaming.readToEnd();
            assertThat(cut).startsWith("HTTP/1.1 200 OK\r\n").contains("tick\n").doesNotEndWith("0\r\n\r\n");
            stopping.await();
            log.record("cleanup returned at " + seconds(loop));
        }
        log.assertEquals(
                "cleanup_ctx up",
                "on_startup",
                "handler 60 started at 0.0 s",
                "on_shutdown at 0.5 s",
                "handler 60 cancelled at 3.5 s",
                "slow answered 503 close: the server is shutting down at 3.5 s",
                "cleanup_ctx down",
                "on_cleanup",
                "cleanup returned at 3.5 s");
    }
}
