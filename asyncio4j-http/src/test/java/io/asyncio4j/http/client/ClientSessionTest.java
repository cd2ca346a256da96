package io.asyncio4j.http.client;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.Headers;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/** The session against a scripted server on loopback: the API, the pool, redirects, cookies, decoding. */
class ClientSessionTest {

    record Payload(String name, int count) {}

    @AsyncioTest(realClock = true)
    void getReadsStatusHeadersAndTextAndReusesTheConnection() throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "hello " + ex.path()));
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(server.url("/a"))) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.reason()).isEqualTo("OK");
                assertThat(r.ok()).isTrue();
                assertThat(r.headers().get("content-type")).isEqualTo("text/plain; charset=utf-8");
                assertThat(r.text()).isEqualTo("hello /a");
                assertThat(r.url().toString()).isEqualTo(server.url("/a"));
                assertThat(r.history()).isEmpty();
            }
            try (ClientResponse r = session.get(server.url("/b"))) {
                assertThat(r.text()).isEqualTo("hello /b");
            }
            assertThat(server.log).containsExactly("conn 1 GET /a", "conn 1 GET /b");
            assertThat(session.statistics()).isEqualTo(new ClientSession.Statistics(0, 1, 0, 1, 1));
        }
    }

    @AsyncioTest(realClock = true)
    void paramsAreEncodedAndJsonGoesBothWays() throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(
                        200,
                        Headers.of("Content-Type", "application/json"),
                        ("{\"name\":\"" + ex.request.target() + " "
                                        + new String(ex.body, StandardCharsets.UTF_8).replace("\"", "'")
                                        + "\",\"count\":" + ex.body.length + ",\"extra\":1}")
                                .getBytes(StandardCharsets.UTF_8)));
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.post(
                    server.url("/p?x=1"),
                    params("q", "a b&c", "q", "é").json(new Payload("n", 2)).header("X-Test", "yes"))) {
                Payload p = r.json(Payload.class);
                assertThat(p.name()).isEqualTo("/p?x=1&q=a+b%26c&q=%C3%A9 {'name':'n','count':2}");
                assertThat(p.count()).isEqualTo(22);
            }
        }
    }

    @AsyncioTest(realClock = true)
    void sessionDefaultsBaseUrlAndHeadersApply() throws Exception {
        List<String> seen = new ArrayList<>();
        try (TestServer server = TestServer.start(ex -> {
                    seen.add(ex.header("X-A") + " " + ex.header("X-B") + " " + ex.header("User-Agent") + " "
                            + ex.header("Accept-Encoding"));
                    ex.respond(200, "ok");
                });
                ClientSession session = new ClientSession(SessionOptions.defaults()
                        .baseUrl(server.url("/api/"))
                        .header("X-A", "session")
                        .header("X-B", "session"))) {
            session.get("users", header("X-B", "request")).close();
            assertThat(server.log).containsExactly("conn 1 GET /api/users");
            assertThat(seen).containsExactly("session request asyncio4j-http/0.1 gzip, deflate");
        }
    }

    @AsyncioTest(realClock = true)
    void redirectsFollowAiohttpsRules() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (TestServer other = TestServer.start(ex -> {
                    bodies.add("other saw Authorization=" + ex.header("Authorization"));
                    ex.respond(200, "landed");
                });
                TestServer server = TestServer.start(ex -> {
                    bodies.add(ex.request.method() + " " + ex.path() + " body=" + ex.body.length);
                    switch (ex.path()) {
                        case "/302" -> ex.respond(302, Headers.of("Location", "/target"), new byte[0]);
                        case "/307" -> ex.respond(307, Headers.of("Location", "/target"), new byte[0]);
                        case "/away" ->
                            ex.respond(301, Headers.of("Location", other.url("/there")), "moved".getBytes());
                        default -> ex.respond(200, "target");
                    }
                });
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.post(server.url("/302"), data("abc"))) {
                assertThat(r.text()).isEqualTo("target");
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.url().getPath()).isEqualTo("/target");
                assertThat(r.history()).extracting(ClientResponse::status).containsExactly(302);
            }
            try (ClientResponse r = session.post(server.url("/307"), data("abc"))) {
                assertThat(r.method()).isEqualTo("POST");
            }
            try (ClientResponse r = session.get(server.url("/away"), auth(new BasicAuth("u", "p")))) {
                assertThat(r.text()).isEqualTo("landed");
            }
            try (ClientResponse r = session.get(server.url("/302"), allowRedirects(false))) {
                assertThat(r.status()).isEqualTo(302);
            }
            assertThat(bodies)
                    .containsExactly(
                            "POST /302 body=3",
                            "GET /target body=0",
                            "POST /307 body=3",
                            "POST /target body=3",
                            "GET /away body=0",
                            "other saw Authorization=null",
                            "GET /302 body=0");
        }
    }

    @AsyncioTest(realClock = true)
    void tooManyRedirectsCarriesTheChain() throws Exception {
        try (TestServer server = TestServer.start(ex -> {
                    int n = Integer.parseInt(ex.path().substring(1));
                    ex.respond(302, Headers.of("Location", "/" + (n + 1)), new byte[0]);
                });
                ClientSession session = new ClientSession()) {
            assertThatThrownBy(() -> session.get(server.url("/0"), maxRedirects(2)))
                    .isInstanceOfSatisfying(TooManyRedirects.class, e -> {
                        assertThat(e.history())
                                .extracting(r -> r.url().getPath())
                                .containsExactly("/0", "/1", "/2");
                        assertThat(e.getMessage())
                                .startsWith("more than 2 redirects for GET " + server.url("/0"))
                                .contains("/1 (302) -> ");
                    });
            assertThat(session.statistics().inUse()).isZero();
        }
    }

    @AsyncioTest(realClock = true)
    void cookiesAreKeptAndSentBackByDomainAndPath() throws Exception {
        List<String> seen = new ArrayList<>();
        try (TestServer server = TestServer.start(ex -> {
                    seen.add(ex.path() + " Cookie=" + ex.header("Cookie"));
                    Headers h = Headers.of("Content-Type", "text/plain");
                    if (ex.path().equals("/login")) {
                        h.add("Set-Cookie", "session=abc; Path=/")
                                .add("Set-Cookie", "admin=1; Path=/admin")
                                .add("Set-Cookie", "tls=1; Secure")
                                .add("Set-Cookie", "gone=1; Max-Age=0");
                    }
                    ex.respond(200, h, new byte[0]);
                });
                ClientSession session = new ClientSession()) {
            session.get(server.localhostUrl("/login")).close();
            session.get(server.localhostUrl("/home")).close();
            session.get(server.localhostUrl("/admin/x")).close();
            session.get(server.url("/home")).close(); // an IP host: another host, no cookie
            assertThat(seen)
                    .containsExactly(
                            "/login Cookie=null",
                            "/home Cookie=session=abc",
                            "/admin/x Cookie=admin=1; session=abc",
                            "/home Cookie=null");
            assertThat(session.cookieJar().size()).isEqualTo(3);
        }
    }

    @AsyncioTest(realClock = true)
    void cookiesFromIpHostsNeedAnUnsafeJar() throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(200, Headers.of("Set-Cookie", "a=1"), new byte[0]));
                ClientSession safe = new ClientSession();
                ClientSession unsafe =
                        new ClientSession(SessionOptions.defaults().cookieJar(CookieJar.unsafe()))) {
            safe.get(server.url("/")).close();
            unsafe.get(server.url("/")).close();
            assertThat(safe.cookieJar().size()).isZero();
            assertThat(unsafe.cookieJar().filterCookies(java.net.URI.create(server.url("/x"))))
                    .isEqualTo(Map.of("a", "1"));
        }
    }

    @AsyncioTest(realClock = true)
    void gzipBodiesAreDecoded() throws Exception {
        byte[] text = "compressed ".repeat(2000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text);
        }
        try (TestServer server = TestServer.start(ex -> ex.respond(
                        200, Headers.of("Content-Encoding", "gzip", "Content-Type", "text/plain"), gz.toByteArray()));
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(server.url("/"))) {
                assertThat(r.bytes()).isEqualTo(text);
            }
            try (ClientResponse r = session.get(server.url("/"))) {
                List<Integer> sizes = new ArrayList<>();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (byte[] chunk : r.content().iterChunked(1000)) {
                    sizes.add(chunk.length);
                    all.writeBytes(chunk);
                }
                assertThat(all.toByteArray()).isEqualTo(text);
                assertThat(sizes).allMatch(n -> n > 0 && n <= 1000);
            }
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @AsyncioTest(realClock = true)
    void aStaleKeepAliveConnectionIsRetriedForGetButNeverForPost() throws Exception {
        try (TestServer server = TestServer.start(ex -> {
                    ex.respond(200, "ok");
                    ex.closeAfter(); // the server drops the idle connection without saying so
                });
                ClientSession session = new ClientSession()) {
            // The server closed conn 1 in the same step as it answered, before the client reads the answer.
            session.get(server.url("/first")).close();
            try (ClientResponse r = session.get(server.url("/second"))) {
                assertThat(r.text()).isEqualTo("ok");
            }
            assertThatThrownBy(() -> session.post(server.url("/third"), data("once")))
                    .isInstanceOf(ServerDisconnectedError.class)
                    .hasMessageContaining("POST " + server.url("/third"));
            assertThat(server.log).containsExactly("conn 1 GET /first", "conn 2 GET /second");
            assertThat(session.statistics().inUse()).isZero();
        }
    }

    @AsyncioTest(realClock = true)
    void raiseForStatusThrowsWithStatusAndUrl() throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(404, "nope"));
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().raiseForStatus(true))) {
            assertThatThrownBy(() -> session.get(server.url("/missing")))
                    .isInstanceOfSatisfying(ClientResponseError.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.url().toString()).isEqualTo(server.url("/missing"));
                        assertThat(e.getMessage()).isEqualTo("404 Not Found for GET " + server.url("/missing"));
                    });
            try (ClientResponse r = session.get(server.url("/missing"), raiseForStatus(false))) {
                assertThat(r.status()).isEqualTo(404);
            }
            assertThat(session.statistics().inUse()).isZero();
        }
    }

    @AsyncioTest(realClock = true)
    void theLimitQueuesRequestsFirstComeFirstServed() throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(200, ex.path()));
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().limit(1))) {
            List<String> order = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                tasks.add(Asyncio.createTask(() -> {
                    try (ClientResponse r = session.get(server.url("/" + name))) {
                        order.add(r.text());
                    }
                }));
            }
            Asyncio.gather(tasks);
            assertThat(order).containsExactly("/a", "/b", "/c", "/d");
            assertThat(server.log).containsExactly("conn 1 GET /a", "conn 1 GET /b", "conn 1 GET /c", "conn 1 GET /d");
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void sockReadNamesItselfAndTheUrl() throws Exception {
        try (TestServer server = TestServer.start(ex -> Asyncio.sleep(Duration.ofHours(1)));
                ClientSession session = new ClientSession(SessionOptions.defaults()
                        .timeout(ClientTimeout.defaults().sockRead(Duration.ofSeconds(2))))) {
            assertThatThrownBy(() -> session.get(server.url("/slow")))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessage("ClientTimeout.sockRead (2 s) expired while waiting for the response for GET "
                            + server.url("/slow"));
            assertThatThrownBy(() -> session.get(
                            server.url("/slow"),
                            timeout(ClientTimeout.defaults().total(Duration.ofSeconds(1)))))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageStartingWith("ClientTimeout.total (1 s) expired");
            assertThat(session.statistics().inUse()).isZero();
            assertThat(session.statistics().idle()).isZero();
        }
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void connectTimeoutCoversTheWaitForAPooledConnection() throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "x"));
                ClientSession session = new ClientSession(SessionOptions.defaults()
                        .limit(1)
                        .timeout(ClientTimeout.defaults().connect(Duration.ofSeconds(3))))) {
            try (ClientResponse held = session.get(server.url("/held"))) {
                assertThatThrownBy(() -> session.get(server.url("/waits")))
                        .isInstanceOf(TimeoutException.class)
                        .hasMessage("ClientTimeout.connect (3 s) expired while getting a connection for GET "
                                + server.url("/waits"));
                assertThat(session.statistics().waiting()).isZero();
                assertThat(held.text()).isEqualTo("x");
            }
        }
    }

    @AsyncioTest(realClock = true)
    void aResponseNeverReadIsReleasedOnClose() throws Exception {
        byte[] big = new byte[4 << 20];
        try (TestServer server = TestServer.start(
                        ex -> ex.respond(200, Headers.of(), ex.path().equals("/big") ? big : "small".getBytes()));
                ClientSession session = new ClientSession()) {
            session.get(server.url("/small")).close();
            assertThat(session.statistics()).isEqualTo(new ClientSession.Statistics(0, 1, 0, 1, 0));
            session.get(server.url("/big")).close(); // most of it still on the wire: the connection goes
            assertThat(session.statistics().inUse()).isZero();
            assertThat(session.statistics().idle()).isZero();
            try (ClientResponse r = session.get(server.url("/small"))) {
                assertThat(r.text()).isEqualTo("small");
            }
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @AsyncioTest(realClock = true)
    void contentStreamsLinesAndChunks() throws Exception {
        try (TestServer server = TestServer.start(ex -> ex.respond(200, "one\ntwo\nthree"));
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(server.url("/"))) {
                ResponseContent c = r.content();
                assertThat(new String(c.readLine())).isEqualTo("one\n");
                assertThat(new String(c.readExactly(2))).isEqualTo("tw");
                assertThat(new String(c.readLine())).isEqualTo("o\n");
                assertThat(new String(c.readLine())).isEqualTo("three");
                assertThat(c.readLine()).isEmpty();
                assertThat(c.atEof()).isTrue();
            }
        }
    }

    @AsyncioTest(realClock = true)
    void readLineFindsALineEndThatArrivesAfterTheStartOfItsLine() throws Exception {
        Event firstLineRead = new Event();
        try (TestServer server = TestServer.start(ex -> {
                    ex.writer.write("HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\none\ntw"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    firstLineRead.await();
                    ex.writer.write("o\nthree\n".getBytes(StandardCharsets.ISO_8859_1));
                });
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(server.url("/"))) {
                ResponseContent c = r.content();
                List<String> lines = new ArrayList<>();
                lines.add(new String(c.readLine(), StandardCharsets.ISO_8859_1));
                firstLineRead.set();
                byte[] line;
                while ((line = c.readLine()).length > 0) {
                    lines.add(new String(line, StandardCharsets.ISO_8859_1));
                }
                assertThat(lines).containsExactly("one\n", "two\n", "three\n");
            }
        }
    }

    @AsyncioTest(realClock = true)
    void textIsDecodedInTheCharsetOfContentTypeElseUtf8() throws Exception {
        byte[] cafe = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        try (TestServer server = TestServer.start(ex -> {
                    switch (ex.path()) {
                        case "/latin1" ->
                            ex.respond(200, Headers.of("Content-Type", "Text/Plain; CHARSET=\"ISO-8859-1\""), cafe);
                        case "/json" ->
                            ex.respond(
                                    200,
                                    Headers.of("Content-Type", "application/json"),
                                    "\"\u00e9\"".getBytes(StandardCharsets.UTF_8));
                        case "/none" -> ex.respond(200, Headers.of(), "\u00e9".getBytes(StandardCharsets.UTF_8));
                        default ->
                            ex.respond(200, Headers.of("Content-Type", "text/plain; charset=no-such-charset"), cafe);
                    }
                });
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(server.url("/latin1"))) {
                assertThat(r.contentType() + " " + r.charset() + " " + r.text())
                        .isEqualTo("text/plain ISO-8859-1 caf\u00e9");
            }
            try (ClientResponse r = session.get(server.url("/json"))) {
                assertThat(r.contentType() + " " + r.charset() + " " + r.text())
                        .isEqualTo("application/json null \"\u00e9\"");
            }
            try (ClientResponse r = session.get(server.url("/none"))) {
                assertThat(r.contentType() + " " + r.charset() + " " + r.text())
                        .isEqualTo("application/octet-stream null \u00e9");
            }
            try (ClientResponse r = session.get(server.url("/unknown"))) {
                assertThatThrownBy(r::text)
                        .isInstanceOf(ClientPayloadError.class)
                        .hasMessage("the charset 'no-such-charset' of GET " + server.url("/unknown")
                                + " is unknown; read bytes() instead");
                assertThat(r.bytes()).isEqualTo(cafe);
            }
        }
    }

    @AsyncioTest(realClock = true)
    void credentialsInTheUrlArePercentDecodedWithPlusKeptAsItIs() throws Exception {
        List<String> seen = new ArrayList<>();
        try (TestServer server = TestServer.start(ex -> {
                    seen.add(ex.header("Authorization"));
                    ex.respond(200, "ok");
                });
                ClientSession session = new ClientSession()) {
            session.get("http://ann%20b:pa+ss%40x%2B@127.0.0.1:" + server.port() + "/")
                    .close();
        }
        assertThat(seen).containsExactly(new BasicAuth("ann b", "pa+ss@x+").encode());
        assertThat(HttpProxy.parse("http://ann:a+b%25@127.0.0.1:3128", null).auth())
                .isEqualTo(new BasicAuth("ann", "a+b%"));
    }

    @AsyncioTest(realClock = true)
    void errorsNameTheUrl() throws Exception {
        try (ClientSession session = new ClientSession()) {
            assertThatThrownBy(() -> session.get("ftp://example.com/x"))
                    .isInstanceOf(InvalidUrl.class)
                    .hasMessage("invalid URL 'ftp://example.com/x': the scheme must be http or https, not ftp");
            assertThatThrownBy(() -> session.get("/relative"))
                    .isInstanceOf(InvalidUrl.class)
                    .hasMessageContaining("SessionOptions.baseUrl");
            TestServer server = TestServer.start(ex -> ex.respond(200, ""));
            String url = server.url("/gone");
            server.close();
            assertThatThrownBy(() -> session.get(url))
                    .isInstanceOf(ClientConnectorError.class)
                    .hasMessageStartingWith("cannot connect to http://127.0.0.1:" + server.port() + " for GET " + url);
        }
    }
}
