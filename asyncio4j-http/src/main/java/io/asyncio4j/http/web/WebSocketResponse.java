package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.ws.ServerHandshake;
import io.asyncio4j.http.internal.ws.WsAccess;
import io.asyncio4j.http.internal.ws.WsTransport;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.http.ws.WsMessage;
import io.asyncio4j.http.ws.WsOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket as a route handler's response: aiohttp's {@code web.WebSocketResponse}. {@link
 * #prepare} answers the opening handshake with {@code 101 Switching Protocols}; from then on it is a
 * {@link WebSocket} (the same message API as the client's), and the handler returns it when done.
 *
 * {@snippet :
 * Handler echo = request -> {
 *     WebSocketResponse ws = new WebSocketResponse();      // ws = web.WebSocketResponse()
 *     ws.prepare(request);                                 // await ws.prepare(request)
 *     for (WsMessage msg : ws) {                           // async for msg in ws:
 *         if (msg instanceof WsMessage.Text t) {           //     if msg.type == WSMsgType.TEXT:
 *             if (t.data().equals("close")) {
 *                 ws.close();                              //         await ws.close()
 *             } else {
 *                 ws.sendText(t.data() + "/answer");       //         await ws.send_str(msg.data + "/answer")
 *             }
 *         }
 *     }
 *     return ws;
 * };
 * }
 *
 * <p>The handshake is checked as RFC 6455 section 4.2.1 asks; a request that is not a valid one is
 * answered with an {@link HttpException}: 400 (no {@code Upgrade: websocket} or {@code Connection:
 * Upgrade}, a bad key, not HTTP/1.1), 405 (not a GET), 426 with {@code Sec-WebSocket-Version: 13}
 * (another version), 403 (refused by {@link WsOptions#originCheck}). The subprotocol is the first
 * the client offers among {@link WsOptions#protocols()}.
 *
 * <p>{@code new WebSocketResponse()} compresses (permessage-deflate, when the client offers it), as
 * aiohttp's does; pass {@code WsOptions.defaults()} for none. When the handler returns, the server
 * closes the connection: close the WebSocket first ({@link #close()}) for a clean close handshake.
 */
public final class WebSocketResponse extends StreamResponse implements Iterable<WsMessage> {
    private final WsOptions options;
    private WebSocket ws;

    /** A WebSocket response with aiohttp's defaults: {@code WsOptions.defaults().compress(15)}. */
    public WebSocketResponse() {
        this(WsOptions.defaults().compress(15));
    }

    /** A WebSocket response with {@code options} (heartbeat, subprotocols, limits, compression, origin check). */
    public WebSocketResponse(WsOptions options) {
        super(101);
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Whether {@code request} is a WebSocket handshake this response would accept: aiohttp's {@code
     * can_prepare}, for a handler that serves both WebSockets and plain HTTP on one route.
     */
    public boolean canPrepare(Request request) {
        return ServerHandshake.negotiate(request.method(), request.version(), request.headers(), options)
                .accepted();
    }

    /**
     * Answers the opening handshake with 101 and takes the connection over; aiohttp's {@code
     * prepare}. Calling it again does nothing.
     *
     * @throws HttpException if the request is not a valid WebSocket handshake (400, 403, 405, 426:
     *     the client gets that answer)
     */
    @Override
    public void prepare(Request request) throws IOException {
        Objects.requireNonNull(request, "request");
        if (ws != null) {
            return;
        }
        ServerHandshake.Outcome o =
                ServerHandshake.negotiate(request.method(), request.version(), request.headers(), options);
        if (!o.accepted()) {
            HttpException e = switch (o.status()) {
                case 403 -> new HttpForbidden(o.problem());
                case 405 -> new HttpMethodNotAllowed(request.method(), List.of("GET"), o.problem());
                case 426 -> new HttpUpgradeRequired(o.problem());
                default -> new HttpBadRequest(o.problem());
            };
            for (int i = 0; i < o.headers().size(); i++) {
                e.headers().add(o.headers().name(i), o.headers().value(i));
            }
            throw e;
        }
        for (int i = 0; i < o.headers().size(); i++) {
            headers().set(o.headers().name(i), o.headers().value(i));
        }
        super.prepare(request);
        Detached d = detach();
        ws = WsAccess.get()
                .open(
                        true,
                        d.reader(),
                        WsTransport.of(d.writer()),
                        d.buffered(),
                        options,
                        o.deflate(),
                        o.protocol(),
                        options.jsonCodec(),
                        null);
    }

    /** The WebSocket, after {@link #prepare}. */
    public WebSocket webSocket() {
        return ws();
    }

    private WebSocket ws() {
        if (ws == null) {
            throw new IllegalStateException("the WebSocket is not open: call prepare(request) first");
        }
        return ws;
    }

    /** See {@link WebSocket#protocol()}. */
    public String protocol() {
        return ws().protocol();
    }

    /** See {@link WebSocket#compress()}. */
    public boolean compress() {
        return ws().compress();
    }

    /** See {@link WebSocket#isClosed()}. */
    public boolean isClosed() {
        return ws().isClosed();
    }

    /** See {@link WebSocket#closeCode()}. */
    public int closeCode() {
        return ws().closeCode();
    }

    /** See {@link WebSocket#exception()}. */
    public Throwable exception() {
        return ws().exception();
    }

    /** See {@link WebSocket#receive()}. */
    public WsMessage receive() {
        return ws().receive();
    }

    /** See {@link WebSocket#receive(Duration)}. */
    public WsMessage receive(Duration timeout) throws TimeoutException {
        return ws().receive(timeout);
    }

    /** See {@link WebSocket#receiveText()}. */
    public String receiveText() throws IOException {
        return ws().receiveText();
    }

    /** See {@link WebSocket#receiveBytes()}. */
    public byte[] receiveBytes() throws IOException {
        return ws().receiveBytes();
    }

    /** See {@link WebSocket#receiveJson(Class)}. */
    public <T> T receiveJson(Class<T> type) throws IOException {
        return ws().receiveJson(type);
    }

    /** See {@link WebSocket#iterator()}. */
    @Override
    public Iterator<WsMessage> iterator() {
        return ws().iterator();
    }

    /** See {@link WebSocket#sendText(String)}. */
    public void sendText(String text) throws IOException {
        ws().sendText(text);
    }

    /** See {@link WebSocket#sendBytes(byte[])}. */
    public void sendBytes(byte[] data) throws IOException {
        ws().sendBytes(data);
    }

    /** See {@link WebSocket#sendJson(Object)}. */
    public void sendJson(Object value) throws IOException {
        ws().sendJson(value);
    }

    /** See {@link WebSocket#ping(byte[])}. */
    public void ping(byte[] data) throws IOException {
        ws().ping(data);
    }

    /** See {@link WebSocket#ping()}. */
    public void ping() throws IOException {
        ws().ping();
    }

    /** See {@link WebSocket#pong(byte[])}. */
    public void pong(byte[] data) throws IOException {
        ws().pong(data);
    }

    /** See {@link WebSocket#close()}. */
    public void close() {
        ws().close();
    }

    /** See {@link WebSocket#close(int, String)}. */
    public boolean close(int code, String reason) {
        return ws().close(code, reason);
    }
}
