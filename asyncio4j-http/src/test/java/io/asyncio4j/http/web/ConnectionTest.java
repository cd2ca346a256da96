package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.http.internal.Corpus;
import io.asyncio4j.testing.AsyncioTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keep-alive, pipelining, limits and malformed input, over raw sockets. */
class ConnectionTest {
    private static Application app() {
        Application app = TestApps.echo();
        app.addRoutes(
                Web.get("/slow/{ms}", r -> {
                    Asyncio.sleep(Duration.ofMillis(Long.parseLong(r.matchInfo().get("ms"))));
                    return Response.text("slept " + r.matchInfo().get("ms"));
                }),
                Web.get("/fail", r -> {
                    throw new IllegalStateException("the handler failed on purpose");
                }),
                Web.get("/null", r -> null));
        return app;
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Served s = Served.start(app());
                RawClient c = RawClient.connect(s.port())) {
            // The first is the slowest: answers still come in request order.
            c.send("GET /slow/50 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /slow/1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            List<String> got = new ArrayList<>();
            got.add(c.next().body());
            got.add(c.next().body());
            got.add(c.next().body());
            RawClient.Resp head = c.next("HEAD");
            got.add(head.status() + " " + head.header("Content-Length") + " '" + head.body() + "'");
            RawClient.Resp last = c.next();
            got.add(last.body() + " " + last.header("Connection"));
            assertThat(got)
                    .containsExactly("slept 50", "POST bytes=5 hello", "slept 1", "200 13 ''", "Hello, World! close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void anAnswerGatheredBehindAPipelinedRequestGoesOutWhenThatRequestsHandlerWaits() throws Exception {
        io.asyncio4j.testing.Transcript log = new io.asyncio4j.testing.Transcript();
        Application app = TestApps.echo();
        app.addRoutes(Web.get("/wait", r -> {
            Asyncio.sleep(Duration.ofMillis(300));
            log.record("the second handler finished");
            return Response.text("waited");
        }));
        try (Served s = Served.start(app);
                RawClient c = RawClient.connect(s.port())) {
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
            log.record("first answer: " + c.next().body());
            log.record("second answer: " + c.next().body());
        }
        log.assertEquals("first answer: Hello, World!", "the second handler finished", "second answer: waited");
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void keepAliveByVersionAndConnectionField() throws Exception {
        try (Served s = Served.start(app())) {
            try (RawClient c = RawClient.connect(s.port())) {
                c.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                assertThat(c.next().header("Connection")).isEqualTo("keep-alive");
                c.send("GET /hello HTTP/1.0\r\n\r\n");
                RawClient.Resp r = c.next();
                assertThat(r.body()).isEqualTo("Hello, World!");
                assertThat(r.header("Connection")).isNull();
                assertThat(c.closedByServer())
                        .as("HTTP/1.0 without keep-alive closes")
                        .isTrue();
            }
            try (RawClient c = RawClient.connect(s.port())) {
                c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(c.next().header("Connection")).isNull();
                c.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertThat(c.next().header("Connection")).isEqualTo("close");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void bodiesBeyondClientMaxSizeAre413() throws Exception {
        Application app = app();
        app.clientMaxSize(1000);
        try (Served s = Served.start(app);
                RawClient c = RawClient.connect(s.port())) {
            // Declared too long: refused before reading; the small body is skipped, the connection kept.
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + "a".repeat(2000));
            RawClient.Resp r = c.next();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).isEqualTo("Maximum request body size 1000 exceeded, actual body size 2000");
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.next().body()).isEqualTo("Hello, World!");
            // Chunked, too long once read: 413; the rest of the body is not waited for.
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + "3e8\r\n" + "b".repeat(1000)
                    + "\r\n10\r\n" + "c".repeat(16) + "\r\n");
            RawClient.Resp chunked = c.next();
            assertThat(chunked.status()).isEqualTo(413);
            assertThat(chunked.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        try (Served s = Served.start(app());
                RawClient c = RawClient.connect(s.port())) {
            // A body too long to skip closes the connection after the answer.
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n" + "a".repeat(1000));
            RawClient.Resp r = c.next();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void handlerFailuresAre500AndReported(Loop loop) throws Exception {
        List<String> reported = new ArrayList<>();
        loop.setExceptionHandler(
                ctx -> reported.add(ctx.message() + " | " + ctx.exception().getMessage()));
        try (Served s = Served.start(app());
                RawClient c = RawClient.connect(s.port())) {
            c.send("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Resp r = c.next();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.body()).isEqualTo("500 Internal Server Error\n\nServer got itself in trouble");
            c.send("GET /null HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.next().status())
                    .as("the connection goes on after a 500")
                    .isEqualTo(500);
        }
        assertThat(reported)
                .containsExactly(
                        "Error handling request <Request GET /fail > from 127.0.0.1 | the handler failed on purpose",
                        "Error handling request <Request GET /null > from 127.0.0.1 | the handler of <Request GET"
                                + " /null > returned null; return a Response (or throw an HttpException)");
    }

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    /**
     * Every request of the layer's smuggling corpus, sent raw to the live server: a malformed one is
     * answered with the parser's status and the connection closed; a valid one is answered as many
     * times as it holds messages.
     */
    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void smugglingCorpusAgainstTheLiveServer() throws Exception {
        Application app = new Application();
        app.router().add(Router.ANY, "/{tail:.*}", r -> {
            r.bytes();
            return Response.text("ok");
        });
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (Served s = Served.start(app)) {
            for (Corpus.Case k : Corpus.load()) {
                if (!k.request()) {
                    continue;
                }
                checked++;
                String answer;
                try (RawClient c = RawClient.connect(s.port())) {
                    c.send(k.data());
                    c.sendEof();
                    answer = c.readToEnd();
                }
                Matcher m = STATUS_LINE.matcher(answer);
                List<Integer> statuses = new ArrayList<>();
                while (m.find()) {
                    statuses.add(Integer.parseInt(m.group(1)));
                }
                if (k.expectedStatus() != 0) {
                    int last = statuses.isEmpty() ? -1 : statuses.get(statuses.size() - 1);
                    if (last != k.expectedStatus() || !answer.contains("Connection: close")) {
                        wrong.add(k.name() + ": expected " + k.expect() + " and a close, got " + statuses);
                    }
                } else if (k.messages() >= 0 && statuses.size() != k.messages()) {
                    wrong.add(k.name() + ": expected " + k.messages() + " answers, got " + statuses);
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(wrong).isEmpty();
    }
}
