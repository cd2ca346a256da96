package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.internal.TaskAccess;
import io.asyncio4j.internal.net.ByteSource;
import io.asyncio4j.internal.net.NetLoop;
import io.asyncio4j.internal.net.Transport;
import io.asyncio4j.lowlevel.IoWait;
import io.asyncio4j.lowlevel.TimerHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLSession;

/**
 * A connected non-blocking {@link SocketChannel} (TCP or Unix domain) on its loop's selector: the
 * transport under one StreamWriter and the source of one StreamReader, with optional TLS. Loop
 * thread only.
 */
final class SocketTransport extends Transport implements ByteSource {
    /*
     * Implementation overview.
     *
     * Writing: the writes of one loop turn go out together. A small write is copied into `out` and
     * the transport asks the loop to flush at the end of the turn (Cycle.atTurnEnd), after every
     * task that was ready has run: a handler writing a header, a body and a trailer, or a turn that
     * answers on a connection several times, costs one gathering write instead of one per call
     * (Netty's flush(), without a call for the user to forget). A large write is not copied: it
     * goes out at once, gathered behind what is queued, and only what the socket does not take is
     * copied. What the socket does not take at the end of the turn is flushed by a write-readiness
     * callback on the loop's selector (asyncio's add_writer), removed as soon as `out` runs empty,
     * so no task is needed for background sending.
     *
     * The queued bytes count as buffered: drain() pauses above the high water mark whether they
     * wait for the turn's end or for the peer, close() and writeEof() wait for them, and an error of
     * the deferred write breaks the transport, so the next write, drain or read reports it (as
     * asyncio's transport reports a failed background send). A task that writes and then computes
     * without parking delays its bytes until it parks: the turn ends only then.
     *
     * Reading: the reader's task reads into a direct buffer lent by NetLoop for that one read and
     * copies out; when nothing is there it parks with IoWait.readable. With TLS both directions go through the
     * TlsLayer.
     *
     * Closing: the channel is forgotten by the selector (waking a parked reader, which then sees
     * the end of the stream, or the error that broke it) and closed.
     */
    private static final TaskAccess ACCESS = TaskAccess.get();

    final SocketChannel channel;
    final NetLoop net;
    private final OutQueue out = new OutQueue();
    private final Runnable flusher = this::flush;
    private final Runnable turnEndFlusher = this::flushTurn;
    /** The write-readiness callback is set: the socket was full, the selector says when to go on. */
    private boolean flushing;
    /** A flush at the end of this loop turn is registered. */
    private boolean flushQueued;

    private boolean sendingFile;
    private TlsLayer tls;
    private Duration tlsShutdownTimeout;
    private TimerHandle shutdownTimer;
    /**
     * The last read returned less than it could take, so the socket is probably empty: the next
     * read waits for the selector instead of trying (which would usually fail with EAGAIN). Saves a
     * system call per message in request-response traffic; level-triggered readiness makes it safe.
     */
    private boolean drained;
    /** close() (not abort() nor an error) began the closing: unread input is dropped before the close. */
    private boolean closingGracefully;

    private SocketAddress remote;
    private SocketAddress local;

    SocketTransport(Loop loop, SocketChannel channel) {
        super(loop);
        this.channel = channel;
        this.net = NetLoop.of(loop);
    }

    // ---- writing ----

    @Override
    protected void send(ByteBuffer src) throws IOException {
        if (sendingFile) {
            throw new IllegalStateException("write() while sendfile() runs on this stream: wait for it to return");
        }
        if (tls != null) {
            tls.wrap(src);
        } else {
            sendRaw(src);
        }
    }

    /**
     * Sends {@code src} as it is (ciphertext, with TLS): a write smaller than {@link #COPY_LIMIT}
     * is copied and sent at the end of the loop turn with the turn's other writes; a larger one
     * goes out now behind what is queued, and what the socket does not take is copied.
     */
    void sendRaw(ByteBuffer src) throws IOException {
        if (!flushing && src.remaining() >= COPY_LIMIT) {
            out.writeTo(channel, src);
            if (!src.hasRemaining()) {
                if (out.isEmpty()) {
                    bufferChanged();
                }
                return;
            }
            out.add(src);
            startFlushing();
            return;
        }
        out.add(src);
        if (!flushing && !flushQueued) {
            flushQueued = true;
            ACCESS.atTurnEnd(loop, turnEndFlusher);
        }
    }

    /**
     * Writes smaller than this are copied and gathered with the turn's other writes; from this size
     * on the copy would cost about as much as the system call it saves, so they go out at once.
     */
    static final int COPY_LIMIT = 8 * 1024;

    /** The end of the loop turn: sends the turn's writes with one (gathering) system call. */
    private void flushTurn() {
        flushQueued = false;
        if (!flushing && !isClosed() && !out.isEmpty()) {
            flush(); // else the write-readiness callback sends it, or an abort dropped it
        }
    }

    private void startFlushing() throws IOException {
        if (!flushing) {
            flushing = true;
            ACCESS.setIoCallback(channel, false, flusher);
        }
    }

    /**
     * Writes what is queued as far as the socket takes it; the write-readiness callback (this
     * method again, from the loop's select step) stays set while some is left.
     */
    private void flush() {
        try {
            out.writeTo(channel);
            if (out.isEmpty()) {
                stopFlushing();
            } else {
                startFlushing();
            }
        } catch (IOException e) {
            failed(e);
            return;
        }
        bufferChanged();
    }

    private void stopFlushing() throws IOException {
        if (flushing) {
            flushing = false;
            ACCESS.setIoCallback(channel, false, null);
        }
    }

    @Override
    public long bufferedBytes() {
        return out.size();
    }

    @Override
    public boolean canWriteEof() {
        return tls == null;
    }

    @Override
    protected void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    protected void closing() throws IOException {
        closingGracefully = true;
        if (tls != null && tls.handshaken()) {
            tls.closeOutbound();
            if (bufferedBytes() > 0) {
                Duration timeout = tlsShutdownTimeout;
                shutdownTimer = loop.callLater(timeout, () -> {
                    if (!isClosed()) {
                        failed(new SocketTimeoutException("the TLS shutdown with " + peerName()
                                + " did not finish within " + timeout + " (the peer stopped reading):"
                                + " the connection was cut"));
                    }
                });
            }
        }
    }

    @Override
    protected void closeChannel() {
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
        if (flushQueued && !flushing && error() == null && !out.isEmpty()) {
            // abort() right after writes of this turn: send what the socket takes now, as if they
            // had gone out at once; what it does not take is dropped, as abort drops any buffer.
            try {
                out.writeTo(channel);
            } catch (IOException e) {
                // dropped with the rest
            }
        }
        if (closingGracefully && error() == null) {
            discardUnread();
        }
        out.clear();
        flushing = false;
        try {
            IoWait.forget(channel);
        } catch (RuntimeException e) {
            // not on a loop thread (cannot happen: transports are loop-only); close anyway
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }

    /**
     * Reads and drops what the peer sent that nobody read (over TLS, typically the session tickets
     * and close_notify a writing-only client never reads), without waiting. A socket closed with
     * unread bytes in its receive queue makes the kernel answer with RST instead of FIN, and an RST
     * can make the peer drop what we sent last before its application read it: the peer would see
     * a reset instead of our data and the end of the stream.
     */
    private void discardUnread() {
        ByteBuffer b = net.takeReadBuffer();
        try {
            for (int i = 0; i < DISCARD_READS; i++) {
                b.clear();
                if (channel.read(b) <= 0) {
                    return;
                }
            }
        } catch (IOException e) {
            // the peer is gone already: nothing to protect
        } finally {
            net.giveBack(b);
        }
    }

    /** At most this many buffers (4 MiB) are dropped at close; a peer still sending gets its RST. */
    private static final int DISCARD_READS = 64;

    /** Whether {@link #sendfile} can hand the file to the kernel (no TLS in between). */
    boolean canSendfile() {
        return tls == null;
    }

    /**
     * Sends the file's bytes [offset, end) with {@code transferTo} once the buffer is flushed, the
     * stream refusing writes meanwhile; returns the position reached, which is also left as the
     * file's position (on an error too).
     */
    long sendfile(FileChannel file, long offset, long end) throws IOException {
        waitFlushed();
        sendingFile = true;
        long position = offset;
        try {
            while (position < end) {
                if (isClosing()) {
                    throw new IOException("sendfile: the stream was closed");
                }
                long n;
                try {
                    n = file.transferTo(position, end - position, channel);
                } catch (IOException e) {
                    failed(e);
                    throw e;
                }
                if (n > 0) {
                    position += n;
                } else if (position >= file.size()) {
                    break;
                } else {
                    IoWait.writable(channel);
                }
            }
        } finally {
            sendingFile = false;
            file.position(position);
        }
        return position;
    }

    // ---- reading ----

    @Override
    public int readNow(Consumer<ByteBuffer> sink) throws IOException {
        if (isClosed()) {
            return readClosed();
        }
        try {
            if (tls != null) {
                return tls.readNow(sink);
            }
            if (drained) {
                // The last read emptied the socket: wait for readiness rather than ask again.
                drained = false;
                return 0;
            }
            ByteBuffer b = net.takeReadBuffer();
            try {
                int n = channel.read(b);
                if (n > 0) {
                    drained = n < b.capacity();
                    sink.accept(b.flip());
                }
                return n;
            } finally {
                net.giveBack(b);
            }
        } catch (IOException e) {
            if (isClosed()) {
                return readClosed();
            }
            failed(e);
            throw e;
        }
    }

    @Override
    public void awaitReadable() throws IOException {
        if (!isClosed()) {
            IoWait.readable(channel); // a close wakes it: the selector forgets the channel
        }
    }

    /**
     * A read of a closed stream: its end when the close was ours ({@code StreamWriter.close}, a
     * server's {@code closeClients}), as asyncio feeds EOF to the reader once its transport has
     * closed; the error when the connection broke.
     */
    private int readClosed() throws IOException {
        IOException e = error();
        if (e != null) {
            throw new IOException("the connection is broken: " + e.getMessage(), e);
        }
        return -1;
    }

    @Override
    public boolean ended() {
        return isClosed() && error() == null;
    }

    // ---- TLS ----

    /**
     * Performs a TLS handshake over this connection (after connecting, accepting, or for startTls);
     * aborts the connection if it fails, times out or is cancelled.
     */
    void handshake(TlsOptions options, String host, int port, StreamReader reader) throws IOException {
        if (tls != null) {
            throw new IllegalStateException("the stream already speaks TLS");
        }
        checkThread("startTls");
        TlsLayer layer = new TlsLayer(options.newEngine(host, port), this);
        tlsShutdownTimeout = options.shutdownTimeout();
        byte[] early = reader.takeAll();
        layer.preload(early);
        tls = layer;
        boolean ok = false;
        try {
            Asyncio.timeout(options.handshakeTimeout(), () -> {
                layer.handshake(reader);
                return null;
            });
            ok = true;
        } catch (TimeoutException e) {
            SocketTimeoutException timeout = new SocketTimeoutException(
                    "the TLS handshake with " + peerName() + " took longer than " + options.handshakeTimeout());
            timeout.initCause(e);
            throw timeout;
        } catch (IOException | RuntimeException | CancelledError e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            if (!ok) {
                abort();
            }
        }
    }

    /** startTls: waits for the buffer to be sent, then shakes hands. */
    void startTls(TlsOptions options, StreamReader reader) throws IOException {
        checkThread("startTls");
        if (tls != null) {
            throw new IllegalStateException("the stream already speaks TLS");
        }
        waitFlushed();
        String host = null;
        int port = 0;
        if (remoteAddress() instanceof InetSocketAddress isa) {
            host = isa.getHostString();
            port = isa.getPort();
        }
        handshake(options, host, port, reader);
    }

    SSLSession sslSession() {
        return tls != null && tls.handshaken() ? tls.engine.getSession() : null;
    }

    String applicationProtocol() {
        if (tls == null || !tls.handshaken()) {
            return null;
        }
        String p = tls.engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    // ---- addresses ----

    @Override
    public SocketAddress remoteAddress() {
        if (remote == null) {
            try {
                remote = channel.getRemoteAddress();
            } catch (IOException e) {
                return null;
            }
        }
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        if (local == null) {
            try {
                local = channel.getLocalAddress();
            } catch (IOException e) {
                return null;
            }
        }
        return local;
    }

    /** Remembers the addresses while the channel is open, for error messages after it closed. */
    void rememberAddresses() {
        remoteAddress();
        localAddress();
    }

    private String peerName() {
        SocketAddress r = remote;
        return r != null ? r.toString() : "the peer";
    }
}
