package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.MessageReader;
import io.asyncio4j.http.internal.RequestHead;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.StreamWriter;
import io.asyncio4j.net.Streams;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A scriptable HTTP/1.1 server on the test's loop, built on the protocol layer: each request goes
 * to a handler that answers it (or misbehaves: closes, stalls). It records "conn N METHOD target"
 * for each request, so tests can assert which connection carried what.
 */
final class TestServer implements AutoCloseable {
    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange ex) throws Exception;
    }

    /** One request and the means to answer it. */
    static final class Exchange {
        final RequestHead request;
        final byte[] body;
        final StreamWriter writer;
        final int connection;
        boolean closeAfter;
        private final HeadWriter head = new HeadWriter();

        Exchange(RequestHead request, byte[] body, StreamWriter writer, int connection) {
            this.request = request;
            this.body = body;
            this.writer = writer;
            this.connection = connection;
        }

        String path() {
            String t = request.target();
            int q = t.indexOf('?');
            return q < 0 ? t : t.substring(0, q);
        }

        String header(String name) {
            return request.headers().get(name);
        }

        void respond(int status, Headers headers, byte[] body) {
            head.response(HttpVersion.HTTP_1_1, status, null, headers, body.length);
            writer.write(head.array(), 0, head.length());
            if (!request.method().equals("HEAD")) {
                writer.write(body);
            }
        }

        void respond(int status, String text) {
            respond(
                    status,
                    Headers.of("Content-Type", "text/plain; charset=utf-8"),
                    text.getBytes(StandardCharsets.UTF_8));
        }

        /** Closes the connection after this answer, without saying so in the head (an idle close). */
        void closeAfter() {
            closeAfter = true;
        }
    }

    private final Server server;
    final List<String> log = new ArrayList<>();
    private int connections;

    private TestServer(Handler handler) throws Exception {
        server = Streams.startServer((reader, writer) -> serve(reader, writer, handler), "127.0.0.1", 0);
    }

    static TestServer start(Handler handler) throws Exception {
        return new TestServer(handler);
    }

    int port() {
        return ((InetSocketAddress) server.addresses().get(0)).getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    String localhostUrl(String path) {
        return "http://localhost:" + port() + path;
    }

    int connections() {
        return connections;
    }

    private void serve(io.asyncio4j.net.StreamReader reader, StreamWriter writer, Handler handler) throws Exception {
        int id = ++connections;
        MessageReader in = new MessageReader(reader, HttpParser.forRequests(HttpLimits.defaults()));
        try {
            while (true) {
                HttpParser.Event e = in.next();
                if (e != HttpParser.Event.HEAD) {
                    writer.close();
                    return;
                }
                RequestHead req = in.parser().request();
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                while ((e = in.next()) == HttpParser.Event.BODY) {
                    ByteBuffer b = in.parser().body();
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    body.writeBytes(bytes);
                }
                log.add("conn " + id + " " + req.method() + " " + req.target());
                Exchange ex = new Exchange(req, body.toByteArray(), writer, id);
                handler.handle(ex);
                writer.drain();
                if (ex.closeAfter || !req.keepAlive()) {
                    writer.close();
                    return;
                }
            }
        } catch (UncheckedIOException | io.asyncio4j.http.HttpParseException e) {
            // the client went away, or cut its request short
        }
    }

    /** A server on a loop of its own thread, for tests whose own loop must hold only the client. */
    static final class OnOwnLoop implements AutoCloseable {
        private final io.asyncio4j.Loop loop;
        private final TestServer server;

        private OnOwnLoop(io.asyncio4j.Loop loop, TestServer server) {
            this.loop = loop;
            this.server = server;
        }

        String url(String path) {
            return server.url(path);
        }

        @Override
        public void close() throws Exception {
            io.asyncio4j.Asyncio.await(loop.submit(() -> {
                server.close();
                return null;
            }));
            loop.close();
        }
    }

    static OnOwnLoop startOnOwnLoop(Handler handler) throws Exception {
        io.asyncio4j.Loop loop = io.asyncio4j.Loop.open();
        return new OnOwnLoop(loop, io.asyncio4j.Asyncio.await(loop.submit(() -> start(handler))));
    }

    /** Stops listening, ends every connection and waits for their handlers. */
    @Override
    public void close() {
        server.close();
        server.closeClients();
        server.waitClosed();
    }
}
