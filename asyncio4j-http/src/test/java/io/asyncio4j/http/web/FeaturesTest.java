package io.asyncio4j.http.web;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.ContextVar;
import io.asyncio4j.Loop;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.SessionOptions;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.Transcript;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Middlewares, state, hooks, context variables, proxies and limits, through the library's client. */
class FeaturesTest {
    private static final AppKey<String> USER = AppKey.of("user", String.class);
    private static final AppKey<String> GREETING = AppKey.of("greeting", String.class);
    private static final ContextVar<String> REQUEST_ID = ContextVar.of("request_id", "-");

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void middlewaresWrapInOrderShortCircuitAndCustomiseErrors() throws Exception {
        Transcript log = new Transcript();
        Application admin = new Application();
        admin.middleware((r, h) -> {
            log.record("admin in");
            StreamResponse resp = h.handle(r);
            log.record("admin out");
            return resp;
        });
        admin.router().addGet("/page", r -> {
            log.record("handler sees user " + r.get(USER) + " and " + r.config(GREETING));
            return Response.text("admin page");
        });
        Application app = new Application();
        app.set(GREETING, "hello");
        app.middleware((r, h) -> {
            log.record("errors in");
            try {
                return h.handle(r);
            } catch (HttpNotFound e) {
                log.record("errors turned a 404 into a page");
                return Response.text(404, "nothing at " + r.path());
            } finally {
                log.record("errors out");
            }
        });
        app.middleware((r, h) -> {
            String auth = r.headers().get("Authorization");
            if (auth == null) {
                log.record("auth refused");
                throw new HttpUnauthorized("who are you?");
            }
            r.set(USER, auth);
            return h.handle(r);
        });
        app.addSubapp("/admin", admin);
        try (Served s = Served.start(app);
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(s.url("/admin/page"), header("Authorization", "ann"))) {
                assertThat(r.text()).isEqualTo("admin page");
            }
            try (ClientResponse r = session.get(s.url("/admin/page"))) {
                assertThat(r.status() + " " + r.text()).isEqualTo("401 who are you?");
            }
            try (ClientResponse r = session.get(s.url("/missing"), header("Authorization", "ann"))) {
                assertThat(r.status() + " " + r.text()).isEqualTo("404 nothing at /missing");
            }
        }
        log.assertEquals(
                "errors in",
                "admin in",
                "handler sees user ann and hello",
                "admin out",
                "errors out",
                "errors in",
                "auth refused",
                "errors out",
                "errors in",
                "errors turned a 404 into a page",
                "errors out");
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void eachRequestRunsInACopyOfTheContextUnderItsOwnName() throws Exception {
        Application app = new Application();
        app.addRoutes(Web.get("/id/{id}", r -> {
            String before = REQUEST_ID.get();
            REQUEST_ID.set(r.matchInfo().get("id"));
            Asyncio.sleep(java.time.Duration.ofMillis(1));
            return Response.text(before + " " + REQUEST_ID.get() + " | "
                    + Asyncio.currentTask().getName());
        }));
        try (Served s = Served.start(app);
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().limit(1))) {
            List<String> seen = new ArrayList<>();
            for (String id : new String[] {"a", "b"}) {
                try (ClientResponse r = session.get(s.url("/id/" + id + "?x=1"))) {
                    seen.add(r.text().replaceAll("\\(conn /127.0.0.1:\\d+\\)", "(conn)"));
                }
            }
            assertThat(session.statistics().created())
                    .as("one keep-alive connection")
                    .isEqualTo(1);
            assertThat(seen).containsExactly("- a | GET /id/{id} (conn)", "- b | GET /id/{id} (conn)");
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void forwardedFieldsAreReadOnlyFromTrustedProxies() throws Exception {
        Application app = new Application();
        app.addRoutes(
                Web.get("/who", r -> Response.text(r.remote() + " " + r.scheme() + " " + r.host() + " " + r.url())));
        String forwarded = "X-Forwarded-For";
        try (Served s = Served.start(app);
                ClientSession session = new ClientSession()) {
            try (ClientResponse r =
                    session.get(s.url("/who"), header(forwarded, "6.6.6.6").header("X-Forwarded-Proto", "https"))) {
                assertThat(r.text())
                        .isEqualTo("127.0.0.1 http 127.0.0.1:" + s.port() + " http://127.0.0.1:" + s.port() + "/who");
            }
        }
        RunnerOptions trusting =
                RunnerOptions.defaults().accessLog(false).trustedProxies(List.of("127.0.0.1", "10.0.0.2"));
        try (Served s = Served.start(app, trusting);
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(
                    s.url("/who"),
                    header(forwarded, "1.2.3.4, 10.0.0.2")
                            .header("X-Forwarded-Proto", "https")
                            .header("X-Forwarded-Host", "example.com"))) {
                assertThat(r.text()).isEqualTo("1.2.3.4 https example.com https://example.com/who");
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void queryCookiesAndBodyHelpers() throws Exception {
        Application app = new Application();
        app.addRoutes(
                Web.get(
                        "/q",
                        r -> Response.text(
                                r.query().getAll("tag") + " " + r.query().get("q") + " "
                                        + r.query().get("empty") + " " + r.queryString() + " " + r.path())),
                Web.get("/c", r -> Response.text(r.cookies().toString())),
                Web.post("/lines", r -> {
                    List<String> lines = new ArrayList<>();
                    byte[] line;
                    while ((line = r.content().readLine()).length > 0) {
                        lines.add(new String(line).strip());
                    }
                    return Response.text(lines + " eof=" + r.content().atEof());
                }));
        try (Served s = Served.start(app);
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(s.url("/q?tag=a&tag=b&q=x+y%21&empty"))) {
                assertThat(r.text()).isEqualTo("[a, b] x y!  tag=a&tag=b&q=x+y%21&empty /q");
            }
            try (ClientResponse r = session.get(s.url("/c"), header("Cookie", "a=1; b=\"two\"; a=3"))) {
                assertThat(r.text()).isEqualTo("{a=1, b=two}");
            }
            try (ClientResponse r = session.post(s.url("/lines"), data("one\ntwo\nthree"))) {
                assertThat(r.text()).isEqualTo("[one, two, three] eof=true");
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void readLineFindsALineEndThatArrivesAfterTheStartOfItsLine() throws Exception {
        Event firstLineRead = new Event();
        Application app = new Application();
        app.addRoutes(Web.post("/lines", r -> {
            List<String> lines = new ArrayList<>();
            lines.add(new String(r.content().readLine(), StandardCharsets.ISO_8859_1));
            firstLineRead.set();
            byte[] line;
            while ((line = r.content().readLine()).length > 0) {
                lines.add(new String(line, StandardCharsets.ISO_8859_1));
            }
            return Response.text(String.join("|", lines));
        }));
        try (Served s = Served.start(app);
                RawClient c = RawClient.connect(s.port())) {
            c.send("POST /lines HTTP/1.1\r\nHost: x\r\nContent-Length: 14\r\n\r\none\ntw");
            firstLineRead.await();
            c.send("o\nthree\n");
            assertThat(c.next("POST").body()).isEqualTo("one\n|two\n|three\n");
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void aResponseShorterThanItsContentLengthClosesTheConnectionAndIsReported(Loop loop) throws Exception {
        List<String> reported = new ArrayList<>();
        loop.setExceptionHandler(ctx -> reported.add(ctx.exception().getMessage()));
        Application app = new Application();
        app.addRoutes(Web.get("/short", r -> {
            StreamResponse s = new StreamResponse().contentLength(10);
            s.prepare(r);
            s.write("12345");
            return s;
        }));
        try (Served s = Served.start(app);
                RawClient c = RawClient.connect(s.port())) {
            c.send("GET /short HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.readToEnd())
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("Content-Length: 10\r\n")
                    .endsWith("\r\n\r\n12345");
        }
        assertThat(reported)
                .containsExactly("the response to <Request GET /short > declared Content-Length 10 but its body ended"
                        + " after 5 bytes; the connection was closed");
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void connectionsBeyondTheLimitAreAnswered503() throws Exception {
        try (Served s = Served.start(
                        TestApps.echo(),
                        RunnerOptions.defaults().accessLog(false).maxConnections(1));
                RawClient first = RawClient.connect(s.port())) {
            first.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(first.next().status()).isEqualTo(200);
            try (RawClient second = RawClient.connect(s.port())) {
                String answer = second.readToEnd();
                assertThat(answer)
                        .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                        .endsWith("503: too many connections, try again later\n");
            }
            first.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(first.next().body()).isEqualTo("Hello, World!");
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void aFailingStartUpCleansUpWhatStarted() throws Exception {
        Transcript log = new Transcript();
        Application app = new Application();
        app.cleanupCtx((a, serve) -> {
            log.record("first context up");
            serve.run();
            log.record("first context down");
        });
        app.cleanupCtx((a, serve) -> {
            log.record("second context fails");
            throw new IllegalStateException("no database");
        });
        app.onStartup(a -> log.record("never runs"));
        AppRunner runner = new AppRunner(app);
        assertThatThrownBy(runner::setup)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no database");
        log.assertEquals("first context up", "second context fails", "first context down");
    }
}
