package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.Task;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.StreamPair;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.net.StreamWriter;
import io.asyncio4j.net.Streams;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layer as the server and the client will use it, over real loopback TCP: a server task reads
 * requests with {@link MessageReader} and answers with {@link HeadWriter} and {@link ChunkedWriter};
 * curl (a peer nobody here wrote) and a client built on the same layer talk to it.
 */
class LoopbackTest {

    /**
     * Runs {@code main} on a loop with the real clock and fails if the loop reported an error (an
     * exception nobody retrieved) or a task outlived main. (This module's tests do not use
     * asyncio4j-testing, whose API check covers this module.)
     */
    private static void run(Coroutine<Void> main) throws Exception {
        List<Loop.ErrorContext> errors = new ArrayList<>();
        List<String> leaked = new ArrayList<>();
        LoopOptions options = LoopOptions.defaults().exceptionHandler(e -> {
            synchronized (errors) {
                errors.add(e);
            }
        });
        try (Loop loop = Loop.open(options)) {
            loop.run(() -> {
                Asyncio.timeout(Duration.ofSeconds(60), main);
                for (Task<?> t : loop.allTasks()) {
                    if (t != Asyncio.currentTask()) {
                        leaked.add(t.toString());
                    }
                }
                return null;
            });
        }
        assertThat(errors).as("errors the loop reported").isEmpty();
        assertThat(leaked).as("tasks still running after the test").isEmpty();
    }

    /** Answers each request with its method, target and body length, chunked when asked, until close. */
    private static void serve(StreamReader reader, StreamWriter writer, List<String> log) {
        MessageReader in = new MessageReader(reader, HttpParser.forRequests(HttpLimits.defaults()));
        HeadWriter head = new HeadWriter();
        while (true) {
            HttpParser.Event e = in.next();
            if (e == HttpParser.Event.CLOSED) {
                log.add("server: connection done");
                return;
            }
            RequestHead req = in.parser().request();
            if (req.expectContinue()) {
                head.response(HttpVersion.HTTP_1_1, 100, null, Headers.of("Date", "x"), HeadWriter.NO_FRAMING);
                writer.write(head.array(), 0, head.length());
            }
            long bodyBytes = 0;
            while ((e = in.next()) == HttpParser.Event.BODY) {
                bodyBytes += in.parser().body().remaining();
            }
            log.add("server: " + req.method() + " " + req.target() + " body " + bodyBytes + " keep-alive "
                    + req.keepAlive());
            byte[] answer =
                    (req.method() + " " + req.target() + " " + bodyBytes + "\n").getBytes(StandardCharsets.US_ASCII);
            Headers h = Headers.of("Content-Type", "text/plain");
            if (!req.keepAlive()) {
                h.add("Connection", "close");
            }
            if (req.target().startsWith("/chunked")) {
                head.response(req.version(), 200, null, h, HeadWriter.CHUNKED);
                writer.write(head.array(), 0, head.length());
                ChunkedWriter chunks = new ChunkedWriter(writer);
                chunks.write(answer, 0, 4);
                chunks.write(ByteBuffer.wrap(new byte[2000]));
                chunks.write(answer, 4, answer.length - 4);
                chunks.finish(Headers.of("X-Trailer", "done"));
            } else {
                head.response(req.version(), 200, null, h, answer.length);
                writer.write(head.array(), 0, head.length());
                if (!req.method().equals("HEAD")) {
                    writer.write(answer);
                }
            }
            writer.drain();
            if (!req.keepAlive()) {
                writer.close();
                log.add("server: closed");
                return;
            }
        }
    }

    private static int port(Server server) {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    @Test
    void aClientOnTheLayerTalksToAServerOnTheLayer() throws Exception {
        run(() -> {
            clientAndServer();
            return null;
        });
    }

    private static void clientAndServer() throws Exception {
        List<String> log = new ArrayList<>();
        Server server = Streams.startServer((r, w) -> serve(r, w, log), "127.0.0.1", 0);
        StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
        MessageReader in = new MessageReader(conn.reader(), HttpParser.forResponses(HttpLimits.defaults()));
        HeadWriter head = new HeadWriter();
        List<String> got = new ArrayList<>();
        String[][] requests = {{"GET", "/plain"}, {"POST", "/chunked"}, {"HEAD", "/plain"}, {"PUT", "/last"}};
        for (String[] r : requests) {
            boolean last = r[1].equals("/last");
            Headers h = Headers.of("Host", "localhost");
            if (last) {
                h.add("Connection", "close").add("Expect", "100-continue");
            }
            byte[] body = r[0].equals("GET") || r[0].equals("HEAD") ? new byte[0] : new byte[300];
            head.request(r[0], r[1], HttpVersion.HTTP_1_1, h, body.length == 0 ? HeadWriter.NO_FRAMING : body.length);
            conn.writer().write(head.array(), 0, head.length());
            conn.writer().write(body);
            in.parser().expectResponseTo(r[0]);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            HttpParser.Event e;
            while ((e = in.next()) != HttpParser.Event.END) {
                if (e == HttpParser.Event.HEAD) {
                    ResponseHead resp = in.parser().response();
                    got.add(resp.status() + " " + resp.bodyKind() + " keep-alive " + resp.keepAlive());
                } else if (e == HttpParser.Event.BODY) {
                    ByteBuffer b = in.parser().body();
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    received.writeBytes(bytes);
                }
            }
            String text = received.toString(StandardCharsets.ISO_8859_1).replace("\0", "");
            got.add("body '" + text.strip() + "' (" + received.size() + " bytes) trailers "
                    + in.parser().trailers());
        }
        assertThat(in.next()).isEqualTo(HttpParser.Event.CLOSED);
        assertThat(got)
                .containsExactly(
                        "200 LENGTH keep-alive true",
                        "body 'GET /plain 0' (13 bytes) trailers <Headers()>",
                        "200 CHUNKED keep-alive true",
                        "body 'POST /chunked 300' (2018 bytes) trailers <Headers('X-Trailer': 'done')>",
                        "200 NONE keep-alive true",
                        "body '' (0 bytes) trailers <Headers()>",
                        "100 NONE keep-alive true",
                        "200 LENGTH keep-alive false",
                        "body 'PUT /last 300' (14 bytes) trailers <Headers()>");
        server.close();
        server.waitClosed();
        assertThat(log)
                .containsExactly(
                        "server: GET /plain body 0 keep-alive true",
                        "server: POST /chunked body 300 keep-alive true",
                        "server: HEAD /plain body 0 keep-alive true",
                        "server: PUT /last body 300 keep-alive false",
                        "server: closed");
    }

    @Test
    void curlUnderstandsTheServer() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed: the curl interop test is skipped");
        run(() -> {
            curlAgainstServer();
            return null;
        });
    }

    private static void curlAgainstServer() throws Exception {
        List<String> log = new ArrayList<>();
        Server server = Streams.startServer((r, w) -> serve(r, w, log), "127.0.0.1", 0);
        String base = "http://127.0.0.1:" + port(server);
        String out = Asyncio.toThread(() -> {
            Process p = new ProcessBuilder(
                            "curl", "-sS", "--raw", "-d", "hello", base + "/chunked", "--next", "-sS", base + "/plain")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            p.waitFor();
            return text;
        });
        assertThat(out.replace("\0", ""))
                .isEqualTo("4\r\nPOST\r\n7d0\r\n\r\nc\r\n /chunked 5\n\r\n0\r\nX-Trailer: done\r\n\r\nGET /plain 0\n");
        server.close();
        server.waitClosed();
        assertThat(log)
                .containsExactly(
                        "server: POST /chunked body 5 keep-alive true",
                        "server: GET /plain body 0 keep-alive true",
                        "server: connection done");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
