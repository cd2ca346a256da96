package io.asyncio4j.http.client;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.internal.Corpus;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.Streams;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeoutException;

/**
 * What goes wrong on the wire: a reset in the middle of a body, malformed responses, a connect that
 * never completes, a server that drips its answer; and nginx's answers to Range requests. Each
 * failure is a clear error naming the URL, never a hang, and the connection it broke on is closed,
 * never pooled.
 */
class FailureCasesTest {

    @AsyncioTest(realClock = true)
    void aServerThatResetsOrClosesMidBodyFailsThePayloadAndTheConnectionIsDropped() throws Exception {
        Event headRead = new Event();
        byte[] part = "p".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        try (TestServer server = TestServer.start(ex -> {
                    if (ex.path().equals("/ok")) {
                        ex.respond(200, "fine");
                        return;
                    }
                    ex.writer.write(
                            "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    ex.writer.write(part);
                    ex.writer.drain();
                    headRead.await(); // the client holds the response: the cut hits its body
                    headRead.clear();
                    if (ex.path().equals("/reset")) {
                        ex.writer.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST
                        ex.writer.abort();
                    } else {
                        ex.writer.close();
                    }
                });
                ClientSession session = new ClientSession()) {
            for (String path : List.of("/reset", "/fin")) {
                String url = server.url(path);
                try (ClientResponse r = session.get(url)) {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.content().readExactly(100)).hasSize(100);
                    headRead.set();
                    Throwable e = catchThrowable(r::bytes);
                    assertThat(e)
                            .as(path)
                            .isInstanceOf(ClientPayloadError.class)
                            .hasMessageStartingWith("response payload of GET " + url + " is not complete: ");
                    assertThat(((ClientPayloadError) e).url().toString()).isEqualTo(url);
                    // every later read says the same
                    assertThatThrownBy(r::bytes).isSameAs(e);
                }
                assertThat(session.statistics().inUse()).isZero();
                assertThat(session.statistics().idle())
                        .as("a cut connection is never pooled")
                        .isZero();
            }
            try (ClientResponse r = session.get(server.url("/ok"))) {
                assertThat(r.text()).isEqualTo("fine");
            }
            assertThat(server.log).containsExactly("conn 1 GET /reset", "conn 2 GET /fin", "conn 3 GET /ok");
        }
    }

    /**
     * The responses of the protocol layer's smuggling corpus, each sent by a raw server that then
     * keeps the connection open: a malformed one must fail at once (on the virtual clock, a client
     * that waited instead would meet the total timeout), and the client must close the connection.
     */
    @AsyncioTest(autojumpThresholdMillis = 200)
    void theCorpusResponsesFailClearlyAndCloseTheConnectionOrReadAsTheyShould() throws Exception {
        List<Corpus.Case> cases =
                Corpus.load().stream().filter(c -> !c.request()).toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(9);
        List<String> log = new ArrayList<>();
        for (Corpus.Case c : cases) {
            Event clientClosed = new Event();
            // until-close has no framing: its body ends when the server closes.
            boolean serverCloses = c.name().equals("response-until-close");
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        reader.readUntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        writer.write(c.data());
                        writer.drain();
                        if (serverCloses) {
                            writer.close();
                            return;
                        }
                        try {
                            while (reader.read(4096).length > 0) {
                                // whatever the client sends next
                            }
                        } catch (java.io.UncheckedIOException e) {
                            // a reset is a close too
                        }
                        clientClosed.set();
                    },
                    "127.0.0.1",
                    0);
            String url = "http://127.0.0.1:"
                    + ((InetSocketAddress) server.addresses().getFirst()).getPort() + "/" + c.name();
            try (ClientSession session = new ClientSession(
                    SessionOptions.defaults().timeout(ClientTimeout.defaults().total(Duration.ofMinutes(1))))) {
                Throwable error = null;
                byte[] body = null;
                int status = 0;
                try (ClientResponse r = session.get(url)) {
                    status = r.status();
                    body = r.bytes();
                } catch (IOException | TimeoutException e) {
                    error = e;
                }
                if (c.expect().equals("ok")) {
                    assertThat(error).as(c.name()).isNull();
                    assertThat(status).as(c.name()).isBetween(200, 299);
                    assertThat(body).as(c.name()).isEqualTo(c.body() == null ? new byte[0] : c.body());
                    log.add(c.name() + ": " + status + " " + body.length + " bytes");
                } else {
                    assertThat(error)
                            .as(c.name())
                            .isInstanceOf(ClientPayloadError.class)
                            .hasMessageContaining("GET " + url);
                    log.add(c.name() + ": " + error.getClass().getSimpleName());
                }
                assertThat(session.statistics().inUse()).as(c.name()).isZero();
                session.close();
                if (!serverCloses) {
                    // the connection was closed: by the client after a broken response, by the pool's close otherwise
                    Asyncio.timeout(Duration.ofSeconds(10), () -> {
                        clientClosed.await();
                        return null;
                    });
                }
            } finally {
                server.close();
                server.closeClients();
                server.waitClosed();
            }
        }
        assertThat(log)
                .contains(
                        "response-cl-te: ClientPayloadError",
                        "response-cl-duplicate: ClientPayloadError",
                        "response-status-letters: ClientPayloadError",
                        "response-header-nul: ClientPayloadError",
                        "response-chunked-overflow: ClientPayloadError",
                        "response-until-close: 200 9 bytes",
                        "response-interim: 200 1 bytes");
    }

    /**
     * A listening socket whose accept queue is full and never drained: the kernel drops further SYNs,
     * so a connect to it never completes, on loopback and without any routing trick.
     */
    @AsyncioTest(autojumpThresholdMillis = 200)
    void aConnectThatNeverCompletesMeetsSockConnectOrConnectNamingTheUrl() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = Asyncio.toThread(() -> fillAcceptQueue(listener));
            try {
                String url = "http://127.0.0.1:" + listener.getLocalPort() + "/never";
                try (ClientSession session = new ClientSession()) {
                    assertThatThrownBy(() -> session.get(url))
                            .isInstanceOf(TimeoutException.class)
                            .hasMessage("ClientTimeout.sockConnect (30 s) expired while connecting to http://127.0.0.1:"
                                    + listener.getLocalPort() + " for GET " + url);
                    assertThatThrownBy(() -> session.get(
                                    url, timeout(ClientTimeout.defaults().connect(Duration.ofSeconds(5)))))
                            .isInstanceOf(TimeoutException.class)
                            .hasMessage(
                                    "ClientTimeout.connect (5 s) expired while getting a connection for GET " + url);
                    assertThat(session.statistics()).isEqualTo(new ClientSession.Statistics(0, 0, 0, 0, 0));
                }
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    /** Connects until a connect times out: then the queue is full. The connected sockets must stay open. */
    static List<Socket> fillAcceptQueue(ServerSocket listener) throws IOException {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            try {
                s.connect(listener.getLocalSocketAddress(), 500);
                queued.add(s);
            } catch (SocketTimeoutException e) {
                s.close();
                return queued;
            }
        }
        for (Socket s : queued) {
            s.close();
        }
        throw new IllegalStateException("64 connects to a listener that never accepts all completed: the kernel"
                + " does not drop SYNs on a full accept queue here");
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void aSlowDripIsFineWithinSockReadAndAStallMeetsIt() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestServer server = TestServer.start(ex -> {
                    ex.writer.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    ex.writer.drain();
                    Duration gap = Duration.ofSeconds(ex.path().equals("/drip") ? 1 : 3);
                    for (char ch : "abcde".toCharArray()) {
                        Asyncio.sleep(gap);
                        ex.writer.write(new byte[] {(byte) ch});
                        ex.writer.drain();
                    }
                });
                ClientSession session = new ClientSession(SessionOptions.defaults()
                        .timeout(ClientTimeout.defaults().sockRead(Duration.ofSeconds(2))))) {
            long start = Asyncio.currentLoop().time();
            try (ClientResponse r = session.get(server.url("/drip"))) {
                for (byte[] piece : r.content().iterAny()) {
                    events.add(new String(piece, StandardCharsets.US_ASCII) + " at "
                            + Duration.ofNanos(Asyncio.currentLoop().time() - start)
                                    .toSeconds() + " s");
                }
            }
            // sockRead bounds each wait, not the whole body: 5 s of dripping pass
            assertThat(events).containsExactly("a at 1 s", "b at 2 s", "c at 3 s", "d at 4 s", "e at 5 s");
            assertThat(session.statistics().idle()).isEqualTo(1);

            String url = server.url("/stall");
            try (ClientResponse r = session.get(url)) {
                assertThatThrownBy(r::text)
                        .isInstanceOf(TimeoutException.class)
                        .hasMessage("ClientTimeout.sockRead (2 s) expired while reading the body for GET " + url);
            }
            assertThat(session.statistics().inUse()).isZero();
            assertThat(session.statistics().idle())
                    .as("a connection cut by a timeout is closed")
                    .isZero();
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void nginxAnswersRangeRequestsWithTheRightBytes() throws Exception {
        try (Peer nginx = Peer.nginx("")) {
            byte[] file = new byte[100 * 1024];
            new Random(5).nextBytes(file);
            Files.write(nginx.dir().resolve("www/data.bin"), file);
            String url = nginx.url("/data.bin");
            try (ClientSession session = new ClientSession()) {
                try (ClientResponse r = session.get(url, header("Range", "bytes=100-199"))) {
                    assertThat(r.status()).isEqualTo(206);
                    assertThat(r.headers().get("Content-Range")).isEqualTo("bytes 100-199/102400");
                    assertThat(r.bytes()).isEqualTo(Arrays.copyOfRange(file, 100, 200));
                }
                try (ClientResponse r = session.get(url, header("Range", "bytes=-50"))) {
                    assertThat(r.status()).isEqualTo(206);
                    assertThat(r.bytes()).isEqualTo(Arrays.copyOfRange(file, file.length - 50, file.length));
                }
                try (ClientResponse r = session.get(url, header("Range", "bytes=102000-"))) {
                    assertThat(r.status()).isEqualTo(206);
                    assertThat(r.headers().get("Content-Range")).isEqualTo("bytes 102000-102399/102400");
                    assertThat(r.bytes()).isEqualTo(Arrays.copyOfRange(file, 102000, file.length));
                }
                // Resuming a download: the ranges put together are the file.
                byte[] joined = new byte[file.length];
                for (int from = 0; from < file.length; from += 30_000) {
                    int to = Math.min(file.length, from + 30_000) - 1;
                    try (ClientResponse r = session.get(url, header("Range", "bytes=" + from + "-" + to))) {
                        byte[] b = r.bytes();
                        System.arraycopy(b, 0, joined, from, b.length);
                    }
                }
                assertThat(joined).isEqualTo(file);
                try (ClientResponse r = session.get(url, header("Range", "bytes=0-9,20-29"))) {
                    assertThat(r.status()).isEqualTo(206);
                    assertThat(r.contentType()).isEqualTo("multipart/byteranges");
                    String body = new String(r.bytes(), StandardCharsets.ISO_8859_1);
                    assertThat(body)
                            .contains("Content-Range: bytes 0-9/102400")
                            .contains(new String(Arrays.copyOfRange(file, 0, 10), StandardCharsets.ISO_8859_1))
                            .contains("Content-Range: bytes 20-29/102400")
                            .contains(new String(Arrays.copyOfRange(file, 20, 30), StandardCharsets.ISO_8859_1));
                }
                try (ClientResponse r = session.get(url, header("Range", "bytes=200000-"))) {
                    assertThat(r.status()).isEqualTo(416);
                    assertThat(r.headers().get("Content-Range")).isEqualTo("bytes */102400");
                }
                ClientSession.Statistics s = session.statistics();
                assertThat(s.created()).as("every answer kept the connection").isEqualTo(1);
                assertThat(s.inUse()).isZero();
            }
        }
    }
}
