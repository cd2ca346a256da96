package io.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.Transcript;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** TraceConfig's hooks in the order a request meets them, and the JFR event of each request. */
class TraceTest {
    /** A config that records every event it is sent, with what the context holds. */
    static TraceConfig recording(Transcript log) {
        return new TraceConfig()
                .onRequestStart((ctx, e) -> {
                    ctx.put("n", 0);
                    log.record("request start " + e.method() + " " + e.url().getPath() + " ctx "
                            + ctx.get("traceRequestCtx"));
                })
                .onConnectionQueuedStart((ctx, e) -> log.record("queued start"))
                .onConnectionQueuedEnd((ctx, e) -> log.record("queued end"))
                .onConnectionCreateStart((ctx, e) -> log.record("create start"))
                .onConnectionCreateEnd((ctx, e) -> log.record("create end"))
                .onConnectionReuseconn((ctx, e) -> log.record("reuse"))
                .onDnsCacheMiss((ctx, e) -> log.record("dns miss " + e.host()))
                .onDnsCacheHit((ctx, e) -> log.record("dns hit " + e.host()))
                .onDnsResolveHostStart((ctx, e) -> log.record("dns start " + e.host()))
                .onDnsResolveHostEnd((ctx, e) -> log.record("dns end " + e.host()))
                .onRequestHeadersSent((ctx, e) -> log.record("headers sent " + e.method() + " "
                        + e.url().getPath() + " Host " + e.headers().get("Host").replaceAll(":\\d+", ":port")))
                .onRequestRedirect((ctx, e) -> log.record(
                        "redirect " + e.response().status() + " from " + e.url().getPath()))
                .onRequestEnd((ctx, e) -> log.record(
                        "request end " + e.response().status() + " " + e.url().getPath()))
                .onRequestException((ctx, e) -> log.record(
                        "request exception " + e.exception().getClass().getSimpleName()));
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void hooksFollowARequestThroughDnsTheConnectionRedirectsAndItsEnd() throws Exception {
        Transcript log = new Transcript();
        TraceConfig trace = recording(log);
        try (Peer peer = Peer.aiohttp();
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().trace(trace))) {
            try (ClientResponse r = session.get(peer.localhostUrl("/redirect/1"))) {
                r.text(); // read to its end: the connection is then surely kept for the next request
            }
            log.record("-");
            session.get(peer.localhostUrl("/count"), RequestOptions.none().traceRequestCtx("mine"))
                    .close();
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            log.record("-");
            assertThatThrownBy(() -> session.get("http://127.0.0.1:" + closed + "/x"))
                    .isInstanceOf(ClientConnectorError.class);
        }
        log.assertEquals(
                "request start GET /redirect/1 ctx null",
                "create start",
                "dns miss localhost",
                "dns start localhost",
                "dns end localhost",
                "create end",
                "headers sent GET /redirect/1 Host localhost:port",
                "redirect 302 from /redirect/1",
                "reuse",
                "headers sent GET /redirect/0 Host localhost:port",
                "request end 200 /redirect/0",
                "-",
                "request start GET /count ctx mine",
                "reuse",
                "headers sent GET /count Host localhost:port",
                "request end 200 /count",
                "-",
                "request start GET /x ctx null",
                "create start",
                "request exception ClientConnectorError");
        assertThatThrownBy(() -> trace.onRequestEnd((ctx, e) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("this TraceConfig is given to a session already");
    }

    @AsyncioTest(realClock = true)
    void aRequestThatWaitsForTheLimitIsQueued() throws Exception {
        Transcript log = new Transcript();
        Event release = new Event();
        try (TestServer server = TestServer.start(ex -> {
                    release.await();
                    ex.respond(200, "ok");
                });
                ClientSession session = new ClientSession(SessionOptions.defaults()
                        .limit(1)
                        .trace(new TraceConfig()
                                .onConnectionQueuedStart((ctx, e) -> log.record("queued start"))
                                .onConnectionQueuedEnd((ctx, e) -> log.record("queued end"))
                                .onRequestEnd(
                                        (ctx, e) -> log.record("end " + e.url().getPath()))))) {
            Task<Void> first =
                    Asyncio.createTask(() -> session.get(server.url("/1")).close());
            Task<Void> second =
                    Asyncio.createTask(() -> session.get(server.url("/2")).close());
            while (session.statistics().waiting() == 0) {
                Asyncio.yieldNow();
            }
            log.record("released");
            release.set();
            Asyncio.gather(first, second);
        }
        log.assertEquals("queued start", "released", "end /1", "queued end", "end /2");
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void eachRequestIsAJfrEventWhileRecording() throws Exception {
        Path file = Files.createTempFile("client", ".jfr");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String failing = "http://127.0.0.1:" + closed + "/nothing";
        String url;
        try (Recording recording = new Recording()) {
            recording.enable("io.asyncio4j.http.ClientRequest");
            recording.start();
            try (Peer peer = Peer.aiohttp();
                    ClientSession session = new ClientSession()) {
                url = peer.url("/redirect/2");
                session.get(url).close();
                assertThatThrownBy(() -> session.get(failing)).isInstanceOf(ClientConnectorError.class);
                Asyncio.yieldNow(); // the events are committed by the loop's own thread
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("io.asyncio4j.http.ClientRequest"))
                .toList();
        Files.delete(file);
        assertThat(events)
                .extracting(
                        e -> e.getString("method"),
                        e -> e.getString("url"),
                        e -> e.getInt("status"),
                        e -> e.getInt("redirects"),
                        e -> e.getString("outcome").replaceAll(":.*", ""))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", url.replace("/2", "/0"), 200, 2, "response"),
                        org.assertj.core.groups.Tuple.tuple(
                                "GET", failing, 0, 0, "io.asyncio4j.http.client.ClientConnectorError"));
    }
}
