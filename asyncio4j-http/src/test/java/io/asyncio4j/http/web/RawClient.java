package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.MessageReader;
import io.asyncio4j.http.internal.ResponseHead;
import io.asyncio4j.net.StreamPair;
import io.asyncio4j.net.Streams;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that writes raw bytes and reads the responses with the layer's response parser: for
 * pipelining, malformed input and timing tests. Every read is bounded by a timeout of loop time.
 */
final class RawClient implements AutoCloseable {
    /** One response. */
    record Resp(int status, Headers headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final StreamPair conn;
    private final MessageReader in;

    private RawClient(StreamPair conn) {
        this.conn = conn;
        this.in = new MessageReader(conn.reader(), HttpParser.forResponses(HttpLimits.defaults()));
    }

    static RawClient connect(int port) throws Exception {
        return new RawClient(Streams.openConnection("127.0.0.1", port));
    }

    RawClient send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] data) {
        conn.writer().write(data);
        return this;
    }

    /** Half-closes: the server reads the end of the stream after what was sent. */
    void sendEof() {
        conn.writer().writeEof();
    }

    /** The next response, to a request of {@code method}; within 30 s of loop time. */
    Resp next(String method) throws Exception {
        return Asyncio.timeout(Duration.ofSeconds(30), () -> {
            in.parser().expectResponseTo(method);
            HttpParser.Event e = in.next();
            while (e == HttpParser.Event.HEAD && in.parser().response().status() < 200) {
                e = in.next(); // an interim 100 Continue
            }
            if (e != HttpParser.Event.HEAD) {
                throw new IllegalStateException("expected a response, got " + e);
            }
            ResponseHead h = in.parser().response();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while ((e = in.next()) == HttpParser.Event.BODY) {
                ByteBuffer b = in.parser().body();
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                body.writeBytes(chunk);
            }
            return new Resp(h.status(), h.headers(), body.toString(StandardCharsets.UTF_8));
        });
    }

    Resp next() throws Exception {
        return next("GET");
    }

    /** Whether the server closes the connection (end of stream, or a reset) within 30 s of loop time. */
    boolean closedByServer() throws Exception {
        return Asyncio.timeout(Duration.ofSeconds(30), () -> {
            try {
                return conn.reader().read().length >= 0;
            } catch (UncheckedIOException reset) {
                return true;
            }
        });
    }

    /** Everything the server sends until it closes, as ISO-8859-1 text; within 30 s of loop time. */
    String readToEnd() throws Exception {
        return Asyncio.timeout(Duration.ofSeconds(30), () -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(in.takeRemaining());
            try {
                all.writeBytes(conn.reader().read());
            } catch (UncheckedIOException reset) {
                // what arrived before the reset is kept
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        });
    }

    @Override
    public void close() {
        conn.writer().close();
    }
}
