package io.asyncio4j.http.ws;

import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpParseException;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.MessageReader;
import io.asyncio4j.http.internal.RequestHead;
import io.asyncio4j.http.internal.ws.ServerHandshake;
import io.asyncio4j.http.internal.ws.WsAccess;
import io.asyncio4j.http.internal.ws.WsTransport;
import io.asyncio4j.net.StreamPair;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.net.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The server's opening handshake on a bare connection, for a WebSocket server without the web
 * framework: a {@code Streams.startServer} handler reads the client's request, answers it and
 * gets the {@link WebSocket}.
 *
 * {@snippet :
 * Server server = Streams.startServer((reader, writer) -> {
 *     try (WebSocket ws = WsServerHandshake.accept(reader, writer, WsOptions.defaults().compress(15))) {
 *         for (WsMessage msg : ws) {
 *             if (msg instanceof WsMessage.Text t) {
 *                 ws.sendText(t.data());
 *             }
 *         }
 *     }
 * }, "127.0.0.1", 8080);
 * }
 *
 * <p>The request is checked as RFC 6455 section 4.2.1 asks: a GET over HTTP/1.1 with {@code
 * Upgrade: websocket}, {@code Connection: Upgrade}, {@code Sec-WebSocket-Version: 13} and a valid
 * key; and the origin, when {@link WsOptions#originCheck} is set. The subprotocol is the first the
 * client offers among {@link WsOptions#protocols()}; permessage-deflate is agreed when {@link
 * WsOptions#compress()} is on and the client offers it.
 */
public final class WsServerHandshake {
    private WsServerHandshake() {}

    /**
     * Reads the client's opening handshake from {@code reader}, answers it with 101 and returns the
     * server's side of the WebSocket; or answers an invalid one with its error status and {@code
     * Connection: close}, closes the connection and throws.
     *
     * <p><b>Cancellation.</b> The connection is left as it is; close it. Bound the wait for a slow
     * client with {@code Asyncio.timeout}.
     *
     * @throws WsHandshakeRejected if the request is not a valid WebSocket handshake (or the origin is
     *     refused): the client was answered with its {@link WsHandshakeRejected#status()}
     * @throws IOException if the client closed the connection before a whole request head
     */
    public static WebSocket accept(StreamReader reader, StreamWriter writer, WsOptions options) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(options, "options");
        StreamPair conn = new StreamPair(reader, writer);
        MessageReader in = new MessageReader(conn.reader(), HttpParser.forRequests(HttpLimits.defaults()));
        RequestHead head;
        try {
            HttpParser.Event e = in.next();
            if (e != HttpParser.Event.HEAD) {
                conn.writer().close();
                throw new IOException("the client closed the connection before its WebSocket handshake");
            }
            head = in.parser().request();
        } catch (HttpParseException e) {
            throw reject(conn, e.status(), "a malformed request: " + e.reason(), new Headers());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        ServerHandshake.Outcome o = ServerHandshake.negotiate(head.method(), head.version(), head.headers(), options);
        if (!o.accepted()) {
            throw reject(conn, o.status(), o.problem(), o.headers());
        }
        HeadWriter w = new HeadWriter().response(HttpVersion.HTTP_1_1, 101, null, o.headers(), HeadWriter.NO_FRAMING);
        try {
            conn.writer().write(w.array(), 0, w.length());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        in.nextBuffered(); // UPGRADE: what follows the head is WebSocket frames
        return WsAccess.get()
                .open(
                        true,
                        conn.reader(),
                        WsTransport.of(conn.writer()),
                        in.takeRemaining(),
                        options,
                        o.deflate(),
                        o.protocol(),
                        options.jsonCodec(),
                        null);
    }

    private static WsHandshakeRejected reject(StreamPair conn, int status, String problem, Headers headers) {
        byte[] body = (problem + "\n").getBytes(StandardCharsets.UTF_8);
        headers.set(HeaderNames.CONNECTION, "close");
        headers.set(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HeadWriter w = new HeadWriter().response(HttpVersion.HTTP_1_1, status, null, headers, body.length);
        try {
            conn.writer().write(w.array(), 0, w.length());
            conn.writer().write(body);
            conn.writer().close();
        } catch (UncheckedIOException e) {
            // the client is gone: nothing to answer
        }
        return new WsHandshakeRejected(status, "WebSocket handshake refused with " + status + ": " + problem);
    }
}
