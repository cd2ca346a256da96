package io.asyncio4j.http.ws;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.http.client.JsonCodec;
import io.asyncio4j.http.internal.ws.FrameDecoder;
import io.asyncio4j.http.internal.ws.FrameEncoder;
import io.asyncio4j.http.internal.ws.MessageDeflater;
import io.asyncio4j.http.internal.ws.Opcodes;
import io.asyncio4j.http.internal.ws.PerMessageDeflate;
import io.asyncio4j.http.internal.ws.WsAccess;
import io.asyncio4j.http.internal.ws.WsTransport;
import io.asyncio4j.lowlevel.LoopBinding;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.lowlevel.TimerHandle;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.sync.Event;
import io.asyncio4j.sync.Lock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * An open WebSocket connection (RFC 6455), client or server side: aiohttp's {@code
 * ClientWebSocketResponse} and the message half of its {@code WebSocketResponse}. One task
 * receives, any task of the loop may send.
 *
 * {@snippet :
 * try (WebSocket ws = session.wsConnect("ws://127.0.0.1:8080/chat")) { // async with session.ws_connect(url) as ws:
 *     ws.sendText("hello");                                            //     await ws.send_str("hello")
 *     for (WsMessage msg : ws) {                                       //     async for msg in ws:
 *         if (msg instanceof WsMessage.Text t) {                       //         if msg.type == WSMsgType.TEXT:
 *             System.out.println(t.data());
 *             ws.close();                                              //             await ws.close()
 *         }
 *     }
 * }
 * }
 *
 * <p><b>Receiving.</b> {@link #receive()} returns the next message: text and binary messages
 * whole (reassembled from their fragments, inflated, UTF-8 checked), and what happens to the
 * connection as messages of their own ({@link WsMessage.Close}, {@link WsMessage.Closing}, {@link
 * WsMessage.Closed}, {@link WsMessage.Error}) rather than exceptions. Pings are answered by
 * themselves ({@code autoPing}), and the peer's close frame is answered as soon as it arrives
 * ({@code autoClose}). Iterating ({@code for (WsMessage m : ws)}) receives until the connection
 * closes.
 *
 * <p><b>Sending.</b> {@code sendText}, {@code sendBytes}, {@code sendJson}, {@code ping} write one
 * frame each and then wait while the connection's write buffer is above its high water mark (64
 * KiB), as {@code StreamWriter.drain()}: a peer that reads slowly slows its senders down instead of
 * making this side buffer without bound. Frames of several sending tasks never interleave.
 *
 * <p><b>Closing.</b> {@link #close(int, String)} sends a close frame and waits (at most {@code
 * closeTimeout}) for the peer's; then the connection is closed. A peer that breaks the protocol
 * gets a close frame with the code of its error (1002, 1007, 1009) and the receiver a {@link
 * WsMessage.Error} holding a {@link WebSocketError}.
 *
 * <p>A WebSocket belongs to the loop that opened it; its methods must be called from that loop's
 * tasks.
 */
public final class WebSocket implements Iterable<WsMessage>, AutoCloseable {
    /*
     * Implementation overview.
     *
     * Pull reading: the receiving task reads the socket itself (no reader task, no queue), so a
     * message costs no hand-off between tasks, and a task that stops receiving stops the peer (TCP
     * flow control). `reader` is the task reading: receive(), or close() waiting for the peer's
     * close frame when nobody receives.
     *
     * States, by the flags (loop thread only):
     *   open      -> closing   close() sent our close frame; the reader discards data until the
     *                          peer's close frame, then closes the transport
     *   open      -> closed    the peer's close frame answered (autoClose), an error, EOF
     *   closing   -> closed    the peer's close frame, the close timeout, an error
     * `closeCode` is set when it becomes known: ours when we close, the peer's when its frame
     * arrives, 1006 when the connection ended without one.
     *
     * Sending: a frame is compressed, masked and written in one step under `sendLock`, so frames of
     * several tasks never interleave and compressed messages reach the peer in the order their
     * deflate context saw them, even if something inside (SecureRandom, a monitor) parks.
     *
     * Heartbeat: `lastReceived` is stamped at each frame; the heartbeat timer re-arms itself until
     * `heartbeat` passed with nothing received, then sends a ping and arms `pongTimer`; any frame
     * cancels it. Only timers: nothing runs between beats.
     */
    private static final int READ_BUFFER = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final int EOF = -2;

    static {
        WsAccess.install(new WsAccess() {
            @Override
            public WebSocket open(
                    boolean server,
                    StreamReader in,
                    WsTransport out,
                    byte[] initial,
                    WsOptions options,
                    PerMessageDeflate deflate,
                    String protocol,
                    JsonCodec json,
                    Runnable onClosed) {
                return new WebSocket(server, in, out, initial, options, deflate, protocol, json, onClosed);
            }
        });
    }

    private final boolean server;
    private final StreamReader in;
    private final WsTransport out;
    private final WsOptions options;
    private final FrameDecoder decoder;
    private final MessageDeflater deflater;
    private final boolean compressed;
    private final String protocol;
    private final JsonCodec json;
    private final Runnable onClosed;
    private final Loop loop;
    private final LoopBinding binding = new LoopBinding("WebSocket");
    private final Lock sendLock = new Lock();
    /** Whether a task holds {@code sendLock} (Lock's own state is for tasks only; timers read this). */
    private boolean sending;
    /** Read mode: the received bytes not yet decoded are [position, limit). */
    private ByteBuffer buf;

    private boolean closing;
    private boolean closed;
    private boolean peerClosed;
    private int closeCode = -1;
    private Throwable exception;
    /** The error a receiver must still be told about (heartbeat, an error while nobody received). */
    private Throwable unreported;
    /** The task reading frames, or null. */
    private Task<?> reader;
    /** Set when the peer's close frame (or the end) arrived while close() waits for a receiver to see it. */
    private Event peerCloseSeen;

    private final long heartbeatNanos;
    private long lastReceived;
    private TimerHandle heartbeatTimer;
    private TimerHandle pongTimer;

    private byte[] masks;
    private int maskPos;

    private WebSocket(
            boolean server,
            StreamReader in,
            WsTransport out,
            byte[] initial,
            WsOptions options,
            PerMessageDeflate deflate,
            String protocol,
            JsonCodec json,
            Runnable onClosed) {
        this.server = server;
        this.in = in;
        this.out = out;
        this.options = options;
        this.protocol = protocol;
        this.json = json != null ? json : JsonCodec.defaultCodec();
        this.onClosed = onClosed;
        this.compressed = deflate != null;
        PerMessageDeflate.Sides sides = deflate == null ? null : server ? deflate.forServer() : deflate.forClient();
        this.decoder = new FrameDecoder(
                server, options.maxMessageSize(), deflate != null, sides != null && sides.resetInflaterPerMessage());
        this.deflater = sides == null ? null : sides.deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION);
        this.buf = ByteBuffer.allocate(Math.max(READ_BUFFER, initial.length));
        buf.put(initial).flip();
        this.loop = Asyncio.currentLoop();
        binding.check("open");
        Duration hb = options.heartbeat();
        this.heartbeatNanos = hb == null ? 0 : hb.toNanos();
        if (heartbeatNanos > 0) {
            lastReceived = loop.time();
            heartbeatTimer = loop.callLater(hb, this::heartbeatDue);
        }
    }

    // ---- what was agreed ----

    /** The subprotocol agreed in the handshake, or null. */
    public String protocol() {
        return protocol;
    }

    /** Whether permessage-deflate was agreed. */
    public boolean compress() {
        return compressed;
    }

    /** Whether this is the server's side of the connection. */
    public boolean isServer() {
        return server;
    }

    /** The options in force. */
    public WsOptions options() {
        return options;
    }

    /** Whether the connection is closed (the close handshake is over, or the connection failed). */
    public boolean isClosed() {
        return closed;
    }

    /** Whether this side sent or answered a close frame, or the connection failed: nothing more can be sent. */
    public boolean isClosing() {
        return closing || closed;
    }

    /**
     * The close code once known: the peer's (1005 when its close frame had none), this side's when
     * it closed first and the peer has not answered, 1006 when the connection ended without a close
     * frame; -1 while open.
     */
    public int closeCode() {
        return closeCode;
    }

    /** The error that failed the connection, or null. */
    public Throwable exception() {
        return exception;
    }

    // ---- receiving ----

    /**
     * Waits for the next message. Text and binary messages come whole; so do pings and pongs when
     * {@code autoPing} is off. The peer's close frame comes as {@link WsMessage.Close} (answered first
     * when {@code autoClose} is on); after that, and once this side is closing, {@link
     * WsMessage.Closing} or {@link WsMessage.Closed}; a broken protocol or connection as {@link
     * WsMessage.Error}.
     *
     * <p><b>Cancellation.</b> Nothing is lost: bytes already read stay buffered, and a message half
     * received is completed by the next call.
     *
     * @throws IllegalStateException if another task is receiving
     */
    public WsMessage receive() {
        binding.check("receive");
        if (unreported != null) {
            Throwable e = unreported;
            unreported = null;
            return new WsMessage.Error(e);
        }
        if (closed) {
            return new WsMessage.Closed();
        }
        if (closing) {
            return new WsMessage.Closing();
        }
        if (reader != null) {
            throw new IllegalStateException("another task ('" + reader.getName()
                    + "') is receiving from this WebSocket; one task receives, any task may send");
        }
        reader = Parking.currentTask("WebSocket.receive");
        try {
            return receiveFrames();
        } finally {
            reader = null;
        }
    }

    /**
     * {@link #receive()} within {@code timeout}: aiohttp's {@code receive(timeout)}. The connection
     * stays usable after a timeout.
     *
     * <p><b>Cancellation.</b> As {@link #receive()}: nothing is lost.
     *
     * @throws TimeoutException if no message arrived in time
     */
    public WsMessage receive(Duration timeout) throws TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return Asyncio.timeout(timeout, () -> receive());
        } catch (TimeoutException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next message's text: aiohttp's {@code receive_str()}.
     *
     * <p><b>Cancellation.</b> As {@link #receive()}: nothing is lost.
     *
     * @throws IOException the error of a {@link WsMessage.Error}, or when the connection closes
     * @throws IllegalStateException if the next message is binary
     */
    public String receiveText() throws IOException {
        return switch (expectData()) {
            case WsMessage.Text t -> t.data();
            case WsMessage m -> throw new IllegalStateException("a text message was expected, not " + m);
        };
    }

    /**
     * The next message's bytes: aiohttp's {@code receive_bytes()}.
     *
     * <p><b>Cancellation.</b> As {@link #receive()}: nothing is lost.
     *
     * @throws IOException the error of a {@link WsMessage.Error}, or when the connection closes
     * @throws IllegalStateException if the next message is text
     */
    public byte[] receiveBytes() throws IOException {
        return switch (expectData()) {
            case WsMessage.Binary b -> b.data();
            case WsMessage m -> throw new IllegalStateException("a binary message was expected, not " + m);
        };
    }

    /**
     * The next text message decoded as JSON into {@code type}: aiohttp's {@code receive_json()}.
     *
     * <p><b>Cancellation.</b> As {@link #receive()}: nothing is lost.
     *
     * @throws IOException as {@link #receiveText()}, or when the text is not JSON of that type
     */
    public <T> T receiveJson(Class<T> type) throws IOException {
        return json.decode(receiveText().getBytes(StandardCharsets.UTF_8), type);
    }

    private WsMessage expectData() throws IOException {
        WsMessage m = receive();
        return switch (m) {
            case WsMessage.Text t -> t;
            case WsMessage.Binary b -> b;
            case WsMessage.Error e when e.error() instanceof IOException io -> throw io;
            case WsMessage.Error e -> throw new IOException("the WebSocket failed: " + e.error(), e.error());
            default ->
                throw new IOException(
                        "the WebSocket is closing (" + m + ", close code " + closeCode + "): no more messages");
        };
    }

    /** Receives until the connection closes: {@code hasNext} is false after a close, closing or closed. */
    @Override
    public Iterator<WsMessage> iterator() {
        return new Iterator<>() {
            private WsMessage next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next == null && !ended) {
                    WsMessage m = receive();
                    if (m instanceof WsMessage.Close
                            || m instanceof WsMessage.Closing
                            || m instanceof WsMessage.Closed) {
                        ended = true;
                    } else {
                        next = m;
                    }
                }
                return next != null;
            }

            @Override
            public WsMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the WebSocket is closed");
                }
                WsMessage m = next;
                next = null;
                return m;
            }
        };
    }

    private WsMessage receiveFrames() {
        while (true) {
            int op;
            try {
                op = readFrame();
            } catch (WebSocketError e) {
                return failProtocol(e);
            } catch (UncheckedIOException e) {
                return lost(e.getCause() != null ? e.getCause() : e);
            }
            if (op == EOF) {
                return ended();
            }
            if (closing) {
                // our close frame went out: data is discarded until the peer's close frame
                if (op == Opcodes.CLOSE) {
                    peerClosed = true;
                    closeCode = decoder.closeCode();
                    closeTransport(true);
                    return new WsMessage.Closing();
                }
                continue;
            }
            switch (op) {
                case Opcodes.TEXT:
                    return new WsMessage.Text(decoder.payloadText());
                case Opcodes.BINARY:
                    return new WsMessage.Binary(decoder.payloadCopy());
                case Opcodes.PING:
                    if (options.autoPing()) {
                        answerPing();
                        continue;
                    }
                    return new WsMessage.Ping(decoder.payloadCopy());
                case Opcodes.PONG:
                    if (options.autoPing()) {
                        continue;
                    }
                    return new WsMessage.Pong(decoder.payloadCopy());
                case Opcodes.CLOSE:
                    return peerClose(decoder.closeCode(), decoder.closeReason());
                default:
                    throw new IllegalStateException("unexpected opcode " + op);
            }
        }
    }

    /** Reads until the next message or control frame; returns its opcode, or EOF. */
    private int readFrame() throws WebSocketError {
        int op = decoder.next(buf);
        while (op == FrameDecoder.NEED_DATA) {
            // nothing changes before the read returns: a receive cancelled there loses nothing
            byte[] data = in.read(buf.capacity() - buf.remaining());
            if (data.length == 0) {
                return EOF;
            }
            if (buf.hasRemaining()) {
                buf.compact().put(data).flip();
                op = decoder.next(buf);
            } else {
                // the common case, nothing left over: decode the read where it is, keep its rest
                ByteBuffer read = ByteBuffer.wrap(data);
                op = decoder.next(read);
                buf.clear().put(read).flip();
            }
        }
        received();
        return op;
    }

    private void answerPing() {
        byte[] payload = decoder.payloadCopy();
        try {
            sendFrame(Opcodes.PONG, payload, false, false);
        } catch (IOException e) {
            // the connection broke: the next read says so
        }
    }

    private WsMessage peerClose(int code, String reason) {
        peerClosed = true;
        closeCode = code;
        if (options.autoClose()) {
            closing = true;
            try {
                sendClose(code == WsCloseCode.NO_STATUS_RECEIVED ? -1 : code, EMPTY);
            } catch (IOException e) {
                // the peer is gone already; nothing to answer
            }
            closeTransport(true);
        }
        return new WsMessage.Close(code, reason);
    }

    private WsMessage failProtocol(WebSocketError e) {
        exception = e;
        closeCode = e.code();
        if (!closing) {
            closing = true;
            try {
                sendClose(e.code(), EMPTY);
            } catch (IOException ignored) {
                // already broken
            }
        }
        closeTransport(true);
        return new WsMessage.Error(e);
    }

    private WsMessage lost(Throwable cause) {
        if (!peerClosed) {
            closeCode = WsCloseCode.ABNORMAL_CLOSURE;
        }
        closeTransport(false);
        if (unreported != null) {
            Throwable e = unreported;
            unreported = null;
            return new WsMessage.Error(e);
        }
        if (closing) {
            return new WsMessage.Closing();
        }
        exception = cause;
        return new WsMessage.Error(cause);
    }

    private WsMessage ended() {
        closeCode = WsCloseCode.ABNORMAL_CLOSURE;
        boolean wasClosing = closing;
        closeTransport(false);
        if (unreported != null) {
            Throwable e = unreported;
            unreported = null;
            return new WsMessage.Error(e);
        }
        return wasClosing ? new WsMessage.Closing() : new WsMessage.Closed();
    }

    // ---- sending ----

    /**
     * Sends a text message: aiohttp's {@code send_str}. Waits while the write buffer is above its
     * high water mark.
     *
     * <p><b>Cancellation.</b> Cancelled while waiting for the buffer to drain, the message is sent
     * all the same; cancelled before, nothing is sent.
     *
     * @throws IOException if the WebSocket is closing or the connection broke
     */
    public void sendText(String text) throws IOException {
        Objects.requireNonNull(text, "text");
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        sendFrame(Opcodes.TEXT, b, true, true);
    }

    /**
     * Sends a binary message: aiohttp's {@code send_bytes}; see {@link #sendText(String)}.
     *
     * <p><b>Cancellation.</b> As {@link #sendText(String)}.
     */
    public void sendBytes(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        sendFrame(Opcodes.BINARY, data, true, true);
    }

    /**
     * Sends {@code value} as a JSON text message: aiohttp's {@code send_json}; see {@link
     * #sendText(String)}.
     *
     * <p><b>Cancellation.</b> As {@link #sendText(String)}.
     */
    public void sendJson(Object value) throws IOException {
        sendFrame(Opcodes.TEXT, json.encode(value), true, true);
    }

    /**
     * Sends a ping with {@code data} (at most 125 bytes); the peer answers with a pong.
     *
     * <p><b>Cancellation.</b> As {@link #sendText(String)}.
     *
     * @throws IllegalArgumentException if {@code data} is longer than 125 bytes (RFC 6455 5.5)
     */
    public void ping(byte[] data) throws IOException {
        sendFrame(Opcodes.PING, control(data), false, true);
    }

    /** Sends an empty ping. */
    public void ping() throws IOException {
        ping(EMPTY);
    }

    /** Sends an unsolicited pong with {@code data} (at most 125 bytes), a one-way heartbeat (RFC 6455 5.5.3). */
    public void pong(byte[] data) throws IOException {
        sendFrame(Opcodes.PONG, control(data), false, true);
    }

    private static byte[] control(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length > 125) {
            throw new IllegalArgumentException(
                    "a control frame carries at most 125 bytes (RFC 6455 5.5), got " + data.length);
        }
        return data;
    }

    private void sendFrame(int opcode, byte[] payload, boolean compressible, boolean drain) throws IOException {
        binding.check("send");
        if (closing || closed) {
            throw notOpen();
        }
        sendLock.acquire();
        sending = true;
        try {
            if (closing || closed) {
                throw notOpen();
            }
            writeFrame(opcode, payload, compressible);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            sending = false;
            sendLock.release();
            if (closed && deflater != null) {
                deflater.release(); // closed while this frame was written
            }
        }
        if (drain) {
            try {
                out.drain();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** Encodes and writes one whole frame: the caller holds {@code sendLock}, or runs in a callback. */
    private void writeFrame(int opcode, byte[] payload, boolean compressible) {
        byte[] p = payload;
        int len = payload.length;
        boolean rsv1 = false;
        if (compressible && deflater != null && deflater.compress(payload, 0, payload.length)) {
            p = deflater.output();
            len = deflater.outputLength();
            rsv1 = true;
        }
        out.write(FrameEncoder.frame(opcode, true, rsv1, p, 0, len, !server, server ? 0 : nextMask()));
    }

    private IOException notOpen() {
        return new IOException(
                "the WebSocket is " + (closed ? "closed" : "closing") + " (close code " + closeCode
                        + "): nothing more can be sent",
                exception);
    }

    private static final class Masks {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** A fresh masking key (RFC 6455 5.3: unpredictable), from a per-connection pool of random bytes. */
    private int nextMask() {
        if (masks == null || maskPos == masks.length) {
            if (masks == null) {
                masks = new byte[256];
            }
            Masks.RANDOM.nextBytes(masks);
            maskPos = 0;
        }
        int k = ((masks[maskPos] & 0xFF) << 24)
                | ((masks[maskPos + 1] & 0xFF) << 16)
                | ((masks[maskPos + 2] & 0xFF) << 8)
                | (masks[maskPos + 3] & 0xFF);
        maskPos += 4;
        return k;
    }

    // ---- closing ----

    /** {@link #close(int, String)} with 1000 and no reason; what try-with-resources calls. */
    @Override
    public void close() {
        close(WsCloseCode.OK, "");
    }

    /**
     * Starts or completes the close handshake (RFC 6455 section 7): sends a close frame with {@code
     * code} and {@code reason}, waits for the peer's close frame (at most {@code closeTimeout};
     * data arriving meanwhile is dropped), then closes the connection. When another task is
     * receiving, that task reads the peer's answer and gets {@link WsMessage.Closing}. After the
     * peer's close frame with {@code autoClose} off, it answers it and closes.
     *
     * <p><b>Cancellation.</b> The connection is dropped at once (no close frame awaited).
     *
     * @return false if the WebSocket was already closed or closing, true otherwise
     * @throws IllegalArgumentException if {@code code} may not be sent (1000-1003, 1007-1014,
     *     3000-4999 may) or the reason is longer than 123 bytes in UTF-8
     */
    public boolean close(int code, String reason) {
        binding.check("close");
        Objects.requireNonNull(reason, "reason");
        if (!WsCloseCode.isSendable(code)) {
            throw new IllegalArgumentException("the close code " + code
                    + " may not be sent (RFC 6455 7.4: use 1000-1003, 1007-1014 or 3000-4999)");
        }
        byte[] why = reason.getBytes(StandardCharsets.UTF_8);
        if (why.length > 123) {
            throw new IllegalArgumentException(
                    "a close reason is at most 123 bytes in UTF-8 (RFC 6455 5.5), got " + why.length);
        }
        if (closed || closing) {
            return false;
        }
        closing = true;
        cancelHeartbeat();
        try {
            sendClose(code, why);
        } catch (IOException e) {
            exception = e;
            closeCode = WsCloseCode.ABNORMAL_CLOSURE;
            closeTransport(false);
            return true;
        }
        if (peerClosed) {
            closeTransport(true); // autoClose off: this answered the peer's close
            return true;
        }
        closeCode = code;
        boolean done = false;
        try {
            if (reader != null) {
                peerCloseSeen = new Event();
                Event seen = peerCloseSeen;
                done = Asyncio.timeoutOrNull(options.closeTimeout(), () -> {
                    while (!closed) {
                        seen.await();
                    }
                });
            } else {
                reader = Parking.currentTask("WebSocket.close");
                try {
                    done = Asyncio.timeoutOrNull(options.closeTimeout(), this::awaitPeerClose);
                } finally {
                    reader = null;
                }
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (!closed) {
                if (!done) {
                    closeCode = WsCloseCode.ABNORMAL_CLOSURE;
                }
                closeTransport(false);
            }
        }
        return true;
    }

    /** Reads until the peer's close frame, dropping data; close() does this when nobody receives. */
    private void awaitPeerClose() {
        while (!closed) {
            int op;
            try {
                op = readFrame();
            } catch (WebSocketError e) {
                exception = e;
                closeCode = e.code();
                closeTransport(false);
                return;
            } catch (UncheckedIOException e) {
                closeCode = WsCloseCode.ABNORMAL_CLOSURE;
                closeTransport(false);
                return;
            }
            if (op == EOF) {
                closeCode = WsCloseCode.ABNORMAL_CLOSURE;
                closeTransport(false);
                return;
            }
            if (op == Opcodes.CLOSE) {
                peerClosed = true;
                closeCode = decoder.closeCode();
                closeTransport(true);
            }
        }
    }

    /** Sends a close frame: {@code code < 0} for one without payload. */
    private void sendClose(int code, byte[] reason) throws IOException {
        byte[] payload = code < 0 ? EMPTY : FrameEncoder.closePayload(code, reason);
        sendLock.acquire();
        sending = true;
        try {
            writeFrame(Opcodes.CLOSE, payload, false);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            sending = false;
            sendLock.release();
        }
    }

    /** Closes the transport once (gracefully: after the buffered frames, else at once). */
    private void closeTransport(boolean graceful) {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        cancelHeartbeat();
        if (graceful) {
            out.close();
        } else {
            out.abort();
        }
        // native memory back now rather than at garbage collection, when nobody is using it
        if (deflater != null && !sending) {
            deflater.release();
        }
        if (reader == null || reader == Parking.currentTaskOrNull()) {
            decoder.release();
        }
        if (peerCloseSeen != null) {
            peerCloseSeen.set();
        }
        if (onClosed != null) {
            onClosed.run();
        }
    }

    // ---- heartbeat ----

    private void received() {
        if (heartbeatNanos > 0) {
            lastReceived = loop.time();
            if (pongTimer != null) {
                pongTimer.cancel();
                pongTimer = null;
                heartbeatTimer = loop.callAt(lastReceived + heartbeatNanos, this::heartbeatDue);
            }
        }
    }

    private void heartbeatDue() {
        heartbeatTimer = null;
        if (closing || closed) {
            return;
        }
        long due = lastReceived + heartbeatNanos;
        if (loop.time() < due) {
            heartbeatTimer = loop.callAt(due, this::heartbeatDue);
            return;
        }
        if (sending) {
            loop.createTask("WebSocket heartbeat ping", () -> {
                try {
                    sendFrame(Opcodes.PING, EMPTY, false, false);
                } catch (IOException e) {
                    // broken: the pong timer or the reader reports it
                }
            });
        } else {
            try {
                writeFrame(Opcodes.PING, EMPTY, false);
            } catch (UncheckedIOException e) {
                // broken: the pong timer or the reader reports it
            }
        }
        pongTimer = loop.callLater(Duration.ofNanos(heartbeatNanos / 2), this::pongMissed);
    }

    private void pongMissed() {
        pongTimer = null;
        if (closed) {
            return;
        }
        TimeoutException e = new TimeoutException("no pong (nor anything else) from the peer within "
                + Duration.ofNanos(heartbeatNanos / 2).toMillis() + " ms of a heartbeat ping (heartbeat "
                + Duration.ofNanos(heartbeatNanos).toMillis() + " ms): the connection is taken as dead");
        exception = e;
        unreported = e;
        closeCode = WsCloseCode.ABNORMAL_CLOSURE;
        closeTransport(false);
    }

    private void cancelHeartbeat() {
        if (heartbeatTimer != null) {
            heartbeatTimer.cancel();
            heartbeatTimer = null;
        }
        if (pongTimer != null) {
            pongTimer.cancel();
            pongTimer = null;
        }
    }

    @Override
    public String toString() {
        return "WebSocket[" + (server ? "server" : "client")
                + (closed ? ", closed " + closeCode : closing ? ", closing" : ", open")
                + (protocol != null ? ", protocol " + protocol : "") + (compressed ? ", deflate" : "") + ", " + out
                + "]";
    }
}
