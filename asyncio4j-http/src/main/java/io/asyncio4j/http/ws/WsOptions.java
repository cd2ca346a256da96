package io.asyncio4j.http.ws;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.client.JsonCodec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a {@link WebSocket} behaves: aiohttp's keyword arguments of {@code ws_connect(...)} and {@code
 * WebSocketResponse(...)}. Immutable; each method returns a changed copy.
 *
 * {@snippet :
 * WsOptions options = WsOptions.defaults()
 *         .heartbeat(Duration.ofSeconds(30))   // heartbeat=30
 *         .protocols("chat.v2", "chat.v1")     // protocols=("chat.v2", "chat.v1")
 *         .compress(15);                       // compress=15
 * }
 */
public final class WsOptions {
    private static final WsOptions DEFAULTS = new WsOptions();

    private Duration heartbeat;
    private boolean autoPing = true;
    private boolean autoClose = true;
    private long maxMessageSize = 4 * 1024 * 1024;
    private Duration closeTimeout = Duration.ofSeconds(10);
    private int compress;
    private boolean serverNoContextTakeover;
    private boolean clientNoContextTakeover;
    private List<String> protocols = List.of();
    private Headers headers = new Headers();
    private String origin;
    private JsonCodec jsonCodec;
    private Predicate<String> originCheck;

    private WsOptions() {}

    private WsOptions copy() {
        WsOptions c = new WsOptions();
        c.heartbeat = heartbeat;
        c.autoPing = autoPing;
        c.autoClose = autoClose;
        c.maxMessageSize = maxMessageSize;
        c.closeTimeout = closeTimeout;
        c.compress = compress;
        c.serverNoContextTakeover = serverNoContextTakeover;
        c.clientNoContextTakeover = clientNoContextTakeover;
        c.protocols = protocols;
        c.headers = headers;
        c.origin = origin;
        c.jsonCodec = jsonCodec;
        c.originCheck = originCheck;
        return c;
    }

    /**
     * aiohttp's defaults: no heartbeat, pings answered and closes completed by themselves, messages
     * up to 4 MiB, 10 seconds for the peer to answer a close, no compression, no subprotocol, every
     * origin accepted.
     */
    public static WsOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Sends a ping when nothing arrived for {@code interval}, and fails the connection ({@link
     * WsMessage.Error} with a {@link java.util.concurrent.TimeoutException}, close code 1006) when
     * nothing, not even the pong, arrives within half of it; null turns it off. The pong is seen by
     * the task that receives, so a heartbeat needs one.
     */
    public WsOptions heartbeat(Duration interval) {
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("heartbeat must be positive or null (off), got " + interval);
        }
        WsOptions c = copy();
        c.heartbeat = interval;
        return c;
    }

    /** Whether pings are answered by themselves and neither pings nor pongs are returned (default true). */
    public WsOptions autoPing(boolean on) {
        WsOptions c = copy();
        c.autoPing = on;
        return c;
    }

    /**
     * Whether the peer's close frame is answered as soon as it is received (default true); with
     * false, the application calls {@link WebSocket#close} after {@link WsMessage.Close}.
     */
    public WsOptions autoClose(boolean on) {
        WsOptions c = copy();
        c.autoClose = on;
        return c;
    }

    /**
     * The largest message accepted, in bytes after decompression (default 4 MiB, as aiohttp's {@code
     * max_msg_size}); 0 for no limit. A larger message fails the connection with 1009.
     */
    public WsOptions maxMessageSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxMessageSize must be >= 0 (0: no limit), got " + bytes);
        }
        WsOptions c = copy();
        c.maxMessageSize = bytes;
        return c;
    }

    /** How long {@link WebSocket#close} waits for the peer's close frame before it drops the connection (default 10 s). */
    public WsOptions closeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, got " + timeout);
        }
        WsOptions c = copy();
        c.closeTimeout = timeout;
        return c;
    }

    /**
     * permessage-deflate (RFC 7692), as aiohttp's {@code compress}: 0 turns it off (the default), 15
     * offers (client) or accepts (server) it; 9 to 14 also asks the server to compress with a window
     * of that many bits (less memory on the server).
     */
    public WsOptions compress(int windowBits) {
        if (windowBits != 0 && (windowBits < 9 || windowBits > 15)) {
            throw new IllegalArgumentException("compress must be 0 (off) or 9..15 (window bits), got " + windowBits);
        }
        WsOptions c = copy();
        c.compress = windowBits;
        return c;
    }

    /**
     * With compression: the server compresses each message alone ({@code server_no_context_takeover}):
     * a client asks for it, a server does it even when not asked. Less memory, less compression.
     */
    public WsOptions serverNoContextTakeover(boolean on) {
        WsOptions c = copy();
        c.serverNoContextTakeover = on;
        return c;
    }

    /**
     * With compression: the client compresses each message alone ({@code client_no_context_takeover}):
     * a client offers it, a server asks for it.
     */
    public WsOptions clientNoContextTakeover(boolean on) {
        WsOptions c = copy();
        c.clientNoContextTakeover = on;
        return c;
    }

    /**
     * The subprotocols ({@code Sec-WebSocket-Protocol}): those a client offers, in its order of
     * preference; those a server speaks (it picks the first that the client offered and it speaks,
     * as aiohttp does).
     */
    public WsOptions protocols(String... protocols) {
        for (String p : protocols) {
            if (p == null || p.isEmpty() || !isToken(p)) {
                throw new IllegalArgumentException(
                        "a subprotocol must be an HTTP token (RFC 6455 4.1), got '" + p + "'");
            }
        }
        WsOptions c = copy();
        c.protocols = List.of(protocols);
        return c;
    }

    /** Client: header fields added to the opening handshake (the request's own are kept). */
    public WsOptions headers(Headers headers) {
        Objects.requireNonNull(headers, "headers");
        WsOptions c = copy();
        c.headers = headers;
        return c;
    }

    /** Client: the {@code Origin} header field of the opening handshake. */
    public WsOptions origin(String origin) {
        WsOptions c = copy();
        c.origin = origin;
        return c;
    }

    /** The JSON codec of {@link WebSocket#sendJson} and {@link WebSocket#receiveJson}; null: the session's or the default. */
    public WsOptions jsonCodec(JsonCodec codec) {
        WsOptions c = copy();
        c.jsonCodec = codec;
        return c;
    }

    /**
     * Server: decides from the handshake's {@code Origin} (null when the client sent none, as
     * non-browser clients do) whether to accept it; a refused handshake is answered with 403. A
     * browser always sends {@code Origin}: checking it stops other sites' pages from opening
     * WebSockets with the user's cookies (RFC 6455 10.2). Null (the default) accepts every origin.
     */
    public WsOptions originCheck(Predicate<String> check) {
        WsOptions c = copy();
        c.originCheck = check;
        return c;
    }

    /** See {@link #originCheck(Predicate)}; null when none. */
    public Predicate<String> originCheck() {
        return originCheck;
    }

    /** See {@link #heartbeat(Duration)}; null when off. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** See {@link #autoPing(boolean)}. */
    public boolean autoPing() {
        return autoPing;
    }

    /** See {@link #autoClose(boolean)}. */
    public boolean autoClose() {
        return autoClose;
    }

    /** See {@link #maxMessageSize(long)}. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** See {@link #closeTimeout(Duration)}. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** See {@link #compress(int)}. */
    public int compress() {
        return compress;
    }

    /** See {@link #serverNoContextTakeover(boolean)}. */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** See {@link #clientNoContextTakeover(boolean)}. */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** See {@link #protocols(String...)}. */
    public List<String> protocols() {
        return protocols;
    }

    /** See {@link #headers(Headers)}. */
    public Headers headers() {
        return headers;
    }

    /** See {@link #origin(String)}; null when none. */
    public String origin() {
        return origin;
    }

    /** See {@link #jsonCodec(JsonCodec)}; null when not set. */
    public JsonCodec jsonCodec() {
        return jsonCodec;
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch <= 0x20 || ch >= 0x7F || "()<>@,;:\\\"/[]?={}".indexOf(ch) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "WsOptions[heartbeat=" + heartbeat + ", autoPing=" + autoPing + ", autoClose=" + autoClose
                + ", maxMessageSize=" + maxMessageSize + ", closeTimeout=" + closeTimeout + ", compress=" + compress
                + ", protocols=" + protocols + "]";
    }
}
