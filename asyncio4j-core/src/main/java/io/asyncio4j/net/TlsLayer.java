package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.internal.net.NetLoop;
import io.asyncio4j.lowlevel.IoWait;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS on a {@link SocketTransport}, through an {@link SSLEngine}: outgoing bytes are wrapped into
 * records before they enter the transport's buffer, incoming records are unwrapped when the reader
 * pulls. Loop thread only.
 */
final class TlsLayer {
    /*
     * Implementation overview.
     *
     * The handshake runs in the task that opens the connection (or calls startTls): NEED_WRAP wraps
     * and sends through the transport (flushed by its write callback), NEED_UNWRAP reads and parks on
     * the channel, NEED_TASK runs the engine's delegated tasks (certificate checks, key exchange) on
     * the loop's executor through Asyncio.toThread, so the loop never does that CPU work.
     *
     * `netIn` holds ciphertext read but not yet unwrapped (in write mode); it exists only while it
     * holds a partial record, so idle TLS connections keep no buffer. Decrypted bytes and outgoing
     * records land in buffers lent by NetLoop for the one call, and are copied out before they are
     * given back. SSLEngine calls can park the task (SecureRandom's JVM-wide monitor, for one), so
     * no buffer that another connection could use is ever passed to the engine.
     *
     * After the handshake, the engine asking for more handshaking is renegotiation, which we refuse
     * on TLS 1.2 and older. On TLS 1.3 it can only be a key update or a session ticket: handled.
     */
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    /** Results of {@link #step} other than a count of bytes delivered. */
    private static final int PROGRESS = 0;

    private static final int EOF = -1;
    private static final int WOULD_BLOCK = -2;

    final SSLEngine engine;
    private final SocketTransport transport;
    private ByteBuffer netIn;
    private boolean needMore;
    private boolean handshaken;
    /** The size of buffer to unwrap into: the session's, doubled after a BUFFER_OVERFLOW. */
    private int appSize;

    TlsLayer(SSLEngine engine, SocketTransport transport) {
        this.engine = engine;
        this.transport = transport;
    }

    boolean handshaken() {
        return handshaken;
    }

    /** Takes {@code ciphertext} received before TLS began (a STARTTLS upgrade) as the first input. */
    void preload(byte[] ciphertext) {
        if (ciphertext.length > 0) {
            ensureNetIn(ciphertext.length);
            netIn.put(ciphertext);
        }
    }

    // ---- handshake ----

    /** Performs the handshake; decrypted bytes that arrive with it go to {@code reader}. */
    void handshake(StreamReader reader) throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(NOTHING);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    int s = step(reader::append);
                    if (s == WOULD_BLOCK) {
                        IoWait.readable(transport.channel);
                    } else if (s == EOF) {
                        throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
                    }
                }
                case NEED_TASK -> runDelegatedTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    handshaken = true;
                    return;
                }
            }
        }
    }

    private void runDelegatedTasks() throws IOException {
        try {
            Asyncio.toThread(() -> {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SSLException("a TLS handshake task failed", e);
        }
    }

    // ---- writing ----

    /** Wraps all of {@code src} into records and sends them through the transport. */
    void wrap(ByteBuffer src) throws IOException {
        NetLoop net = transport.net;
        int size = engine.getSession().getPacketBufferSize();
        do {
            SSLEngineResult r;
            ByteBuffer out = net.takeTlsBuffer(size);
            try {
                r = engine.wrap(src, out);
                switch (r.getStatus()) {
                    case OK -> {
                        out.flip();
                        if (out.hasRemaining()) {
                            transport.sendRaw(out);
                        }
                    }
                    case BUFFER_OVERFLOW -> size = out.capacity() * 2;
                    case CLOSED -> throw new SSLException("the TLS session is closed for writing");
                    case BUFFER_UNDERFLOW -> throw new SSLException("unexpected BUFFER_UNDERFLOW from SSLEngine.wrap");
                }
            } finally {
                net.giveBack(out);
            }
            if (handshaken) {
                afterHandshake(r.getHandshakeStatus());
            }
        } while (src.hasRemaining());
    }

    /** Queues close_notify (close() sends it before closing the socket). */
    void closeOutbound() throws IOException {
        engine.closeOutbound();
        NetLoop net = transport.net;
        int size = engine.getSession().getPacketBufferSize();
        while (!engine.isOutboundDone()) {
            SSLEngineResult r;
            ByteBuffer out = net.takeTlsBuffer(size);
            try {
                r = engine.wrap(NOTHING, out);
                out.flip();
                if (out.hasRemaining()) {
                    transport.sendRaw(out);
                }
            } finally {
                net.giveBack(out);
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                size = out.capacity() * 2;
            } else if (r.bytesProduced() == 0) {
                break;
            }
        }
    }

    // ---- reading ----

    /**
     * Hands the decrypted bytes available now to {@code sink}; returns how many, 0 when none, -1 at
     * the end of the stream (close_notify, or the socket closed).
     */
    int readNow(Consumer<ByteBuffer> sink) throws IOException {
        while (true) {
            int s = step(sink);
            if (s > 0) {
                return s;
            } else if (s == WOULD_BLOCK) {
                return 0;
            } else if (s == EOF) {
                return -1;
            }
            // PROGRESS: a record without application data (a ticket, a key update): go on
        }
    }

    /**
     * One unwrap, or one read when the engine needs more ciphertext. Decrypted bytes go to {@code
     * sink} and their count is returned; otherwise PROGRESS, EOF or WOULD_BLOCK.
     */
    private int step(Consumer<ByteBuffer> sink) throws IOException {
        if (netIn != null && netIn.position() > 0 && !needMore) {
            return unwrap(sink);
        }
        ensureNetIn(engine.getSession().getPacketBufferSize());
        int n = transport.channel.read(netIn);
        if (n < 0) {
            if (!handshaken) {
                return EOF;
            }
            try {
                engine.closeInbound();
            } catch (SSLException truncated) {
                // The peer closed without close_notify. Like asyncio, report the end of the stream.
            }
            return EOF;
        }
        if (n == 0) {
            if (netIn.position() == 0) {
                netIn = null;
            }
            return WOULD_BLOCK;
        }
        needMore = false;
        return PROGRESS;
    }

    private int unwrap(Consumer<ByteBuffer> sink) throws IOException {
        NetLoop net = transport.net;
        int size = Math.max(appSize, engine.getSession().getApplicationBufferSize());
        SSLEngineResult r;
        ByteBuffer out = net.takeTlsBuffer(size);
        try {
            netIn.flip();
            try {
                r = engine.unwrap(netIn, out);
            } finally {
                netIn.compact();
            }
            if (r.getStatus() == SSLEngineResult.Status.OK && r.bytesProduced() > 0) {
                sink.accept(out.flip());
            } else if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                appSize = out.capacity() * 2;
            }
        } finally {
            net.giveBack(out);
        }
        switch (r.getStatus()) {
            case OK -> {
                if (handshaken) {
                    afterHandshake(r.getHandshakeStatus());
                }
                return r.bytesProduced() > 0 ? r.bytesProduced() : PROGRESS;
            }
            case BUFFER_UNDERFLOW -> {
                needMore = true;
                return PROGRESS;
            }
            case BUFFER_OVERFLOW -> {
                return PROGRESS;
            }
            default -> {
                // CLOSED, close_notify: answer it if the engine wants to (TLS 1.2), then report the end.
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                    closeOutbound();
                }
                return EOF;
            }
        }
    }

    private void ensureNetIn(int size) {
        if (netIn == null) {
            netIn = ByteBuffer.allocate(Math.max(size, 1024));
        } else if (netIn.remaining() < Math.min(size, 1024)) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, netIn.position() + size));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
    }

    /** Handles the engine's wish after the handshake: key updates on TLS 1.3, refusal otherwise. */
    private void afterHandshake(HandshakeStatus status) throws IOException {
        switch (status) {
            case NOT_HANDSHAKING, FINISHED -> {}
            case NEED_WRAP -> {
                if (engine.isInboundDone()) {
                    return; // close_notify to answer: the reader does that
                }
                refuseUnlessTls13();
                wrap(NOTHING);
            }
            case NEED_TASK -> {
                refuseUnlessTls13();
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run(); // post-handshake messages of TLS 1.3 only: small
                }
            }
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> refuseUnlessTls13();
        }
    }

    private void refuseUnlessTls13() throws SSLException {
        if (!"TLSv1.3".equals(engine.getSession().getProtocol())) {
            throw new SSLException("the peer asked to renegotiate the TLS session; renegotiation is refused");
        }
    }
}
