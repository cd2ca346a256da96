package io.asyncio4j.net;

import io.asyncio4j.internal.net.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import javax.net.ssl.SSLSession;

/**
 * The writing half of a stream: asyncio's {@code StreamWriter}. {@link #write} never waits: what the
 * peer cannot take yet is buffered and sent in the background by the loop, and the writes a task
 * makes before it next parks go out together. {@link #drain()} waits while that buffer is above its
 * high water mark, which is how a writer keeps pace with a slow reader.
 *
 * {@snippet :
 * for (byte[] chunk : chunks) {
 *     writer.write(chunk);
 *     writer.drain(); // parks only while more than 64 KiB wait to be sent
 * }
 * writer.close();
 * writer.waitClosed();
 * }
 *
 * <p>A writer belongs to the loop of its connection; its methods must be called from that loop's
 * tasks. Errors: a broken connection makes {@code write} and {@code drain} throw {@link
 * UncheckedIOException} wrapping the JDK's {@link IOException}; so does any use after {@link
 * #close()}.
 */
public final class StreamWriter {
    private final Transport transport;
    private final StreamReader reader;

    StreamWriter(Transport transport, StreamReader reader) {
        this.transport = transport;
        this.reader = reader;
    }

    /**
     * Writes {@code data} without waiting (the array is not kept). On a socket, small writes are
     * copied into the write buffer and sent when the task parks (at the end of the loop's turn),
     * together with the other writes of that turn, in one system call; a large one (8 KiB or more)
     * is sent at once as far as the peer takes it. What the peer does not take yet stays in the
     * write buffer; an error of a deferred send is reported by the next call ({@code write}, {@link
     * #drain()}, or the reader's next read).
     *
     * @throws UncheckedIOException if the connection is broken or the writer closed
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public void write(byte[] data) {
        transport.write(ByteBuffer.wrap(data));
    }

    /** Writes {@code len} bytes of {@code data} from {@code off}; see {@link #write(byte[])}. */
    public void write(byte[] data, int off, int len) {
        transport.write(ByteBuffer.wrap(data, off, len));
    }

    /**
     * Writes the remaining bytes of {@code data} (its position moves to its limit); see {@link
     * #write(byte[])}.
     */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /** Writes each of {@code lines} in order (no separator is added), as asyncio's {@code writelines}. */
    public void writeLines(Iterable<byte[]> lines) {
        for (byte[] line : lines) {
            transport.write(ByteBuffer.wrap(line));
        }
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} ({@code count < 0}: to its end)
     * after what was written before, and returns how many were sent (fewer when the file is
     * shorter): asyncio's {@code loop.sendfile(transport, ...)}. On a plain socket the kernel copies
     * the file straight to the socket ({@code transferTo}, zero-copy) once the write buffer is
     * empty, and {@link #write} fails meanwhile; over TLS or a pipe the file is read in chunks off
     * the loop and written with back-pressure. The file's position is left after the bytes sent,
     * also on an error.
     *
     * <p><b>Cancellation.</b> Stops with {@link io.asyncio4j.CancelledError}; the file's position
     * tells how far it was sent, but the peer cannot tell where the file ended: close the stream.
     *
     * @throws UncheckedIOException if the connection broke
     * @throws IllegalArgumentException if {@code offset < 0}
     */
    public long sendfile(FileChannel file, long offset, long count) throws IOException {
        Objects.requireNonNull(file, "file");
        transport.checkThread("sendfile");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        long end = count < 0 ? file.size() : offset + count;
        if (transport instanceof SocketTransport s && s.canSendfile()) {
            return s.sendfile(file, offset, end) - offset;
        }
        long position = offset;
        try {
            while (position < end) {
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(SENDFILE_CHUNK, end - position));
                long at = position;
                int n = readOffLoop(file, chunk, at);
                if (n <= 0) {
                    break;
                }
                transport.write(chunk.flip());
                position += n;
                transport.drain();
            }
            return position - offset;
        } finally {
            file.position(position);
        }
    }

    /** Sends the whole of {@code file}; see {@link #sendfile(FileChannel, long, long)}. */
    public long sendfile(FileChannel file) throws IOException {
        return sendfile(file, 0, -1);
    }

    private static final int SENDFILE_CHUNK = 256 * 1024;

    private static int readOffLoop(FileChannel file, ByteBuffer into, long at) throws IOException {
        try {
            return io.asyncio4j.Asyncio.toThread(() -> file.read(into, at));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * Parks while the write buffer holds more than the high water mark, until it falls to the low
     * mark; returns at once otherwise. Call it after writes to keep memory bounded.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}; nothing is lost:
     * the buffered bytes are still sent.
     *
     * @throws UncheckedIOException if the connection broke (connection reset, broken pipe) or the
     *     writer was closed
     */
    public void drain() {
        transport.drain();
    }

    /**
     * Sets the water marks of {@link #drain()}: writers are paused above {@code high} bytes buffered
     * and resumed at {@code low}. Defaults 64 KiB and 16 KiB, as asyncio.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    public void setWriteBufferLimits(int high, int low) {
        transport.checkThread("setWriteBufferLimits");
        transport.setWriteBufferLimits(high, low);
    }

    /** The number of bytes written and not yet handed to the operating system. */
    public long bufferedBytes() {
        transport.checkThread("bufferedBytes");
        return transport.bufferedBytes();
    }

    /** Whether {@link #writeEof()} is supported: true for TCP and Unix sockets, false for TLS. */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /**
     * Half-closes the stream: after the buffered bytes, the peer reads the end of the stream, while
     * this side can still read.
     *
     * @throws UnsupportedOperationException if {@link #canWriteEof()} is false
     */
    public void writeEof() {
        transport.writeEof();
    }

    /**
     * Closes the stream once the buffered bytes are sent (for TLS, after a close_notify); does not
     * wait. A task still reading this connection gets an {@link UncheckedIOException} saying the
     * stream is closed. Closing twice is harmless.
     */
    public void close() {
        transport.close();
    }

    /** Closes the stream now, dropping the buffered bytes. */
    public void abort() {
        transport.abort();
    }

    /** Whether {@link #close()} or {@link #abort()} was called or the connection broke. */
    public boolean isClosing() {
        transport.checkThread("isClosing");
        return transport.isClosing();
    }

    /**
     * Parks until the stream is closed (after {@link #close()}, once the buffer was sent). Returns
     * normally also when the connection broke: {@link #drain()} and reads report that.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}; the close goes
     * on.
     */
    public void waitClosed() {
        transport.waitClosed();
    }

    /**
     * Upgrades the connection to TLS, as asyncio's {@code start_tls}: waits until the write buffer is
     * sent, then performs the handshake described by {@code tls} (client or server side), after which
     * this writer and its reader carry encrypted data. Bytes the reader had received but not yet
     * consumed are taken as the first TLS bytes. No other task may use the streams meanwhile.
     *
     * <p><b>Cancellation.</b> The connection is aborted: a half-done handshake cannot be resumed.
     *
     * @throws IOException if the handshake fails or takes longer than the options' handshake timeout
     *     ({@link java.net.SocketTimeoutException}), or the connection broke
     * @throws IllegalStateException if the stream is already TLS, or is not a socket
     */
    public void startTls(TlsOptions tls) throws IOException {
        Objects.requireNonNull(tls, "tls");
        if (!(transport instanceof SocketTransport socket)) {
            throw new IllegalStateException("startTls needs a socket stream, not " + transport);
        }
        socket.startTls(tls, reader);
    }

    /** The address of the peer; null for a pipe. */
    public SocketAddress peerAddress() {
        transport.checkThread("peerAddress");
        return transport.remoteAddress();
    }

    /** The local address of the connection; null for a pipe. */
    public SocketAddress localAddress() {
        transport.checkThread("localAddress");
        return transport.localAddress();
    }

    /** The TLS session, or null when the stream is not TLS (or its handshake is not done). */
    public SSLSession sslSession() {
        transport.checkThread("sslSession");
        return transport instanceof SocketTransport s ? s.sslSession() : null;
    }

    /**
     * The application protocol agreed by ALPN during the TLS handshake, or null when there is none
     * (not TLS, or no ALPN).
     */
    public String applicationProtocol() {
        transport.checkThread("applicationProtocol");
        return transport instanceof SocketTransport s ? s.applicationProtocol() : null;
    }

    /**
     * The value of a socket option of the connection ({@code StandardSocketOptions.TCP_NODELAY},
     * {@code SO_SNDBUF}, ...).
     *
     * @throws UnsupportedOperationException if the stream is not a socket or lacks the option
     */
    public <T> T getOption(SocketOption<T> option) {
        transport.checkThread("getOption");
        if (!(transport instanceof SocketTransport s)) {
            throw new UnsupportedOperationException("not a socket: " + transport);
        }
        try {
            return s.channel.getOption(option);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets a socket option of the connection.
     *
     * @throws UnsupportedOperationException if the stream is not a socket or lacks the option
     */
    public <T> void setOption(SocketOption<T> option, T value) {
        transport.checkThread("setOption");
        if (!(transport instanceof SocketTransport s)) {
            throw new UnsupportedOperationException("not a socket: " + transport);
        }
        try {
            s.channel.setOption(option, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Information about the connection by asyncio's name ({@code transport.get_extra_info}), or
     * null when this stream has none of that name; the typed accessors ({@link #peerAddress()},
     * {@link #sslSession()} ...) say the same with types. The names:
     *
     * <ul>
     *   <li>{@code "peername"}, {@code "sockname"}: the {@link SocketAddress} of the peer and of this
     *       side ({@link java.net.InetSocketAddress} or {@link java.net.UnixDomainSocketAddress});
     *   <li>{@code "socket"}: the {@link java.nio.channels.SocketChannel}; it belongs to the stream:
     *       read its options, do not read, write or close it;
     *   <li>{@code "ssl_object"}: the {@link SSLSession} (Java's counterpart of Python's {@code
     *       SSLObject}: protocol, cipher suite, certificates), for a TLS stream after its handshake;
     *   <li>{@code "peercert"}: the peer's {@link java.security.cert.X509Certificate}, null when the
     *       peer sent none (a client without client authentication);
     *   <li>{@code "cipher"}: the cipher suite's name ({@code "TLS_AES_128_GCM_SHA256"}), where
     *       Python gives a tuple (name, version, bits): the version is {@code
     *       sslSession().getProtocol()};
     *   <li>{@code "compression"}: always null (the JDK never compresses TLS, as TLS 1.3 forbids);
     *   <li>{@code "alpn_protocol"}: the protocol agreed by ALPN ({@link #applicationProtocol()}).
     * </ul>
     */
    public Object getExtraInfo(String name) {
        return getExtraInfo(name, null);
    }

    /** {@link #getExtraInfo(String)}, with {@code defaultValue} instead of null. */
    public Object getExtraInfo(String name, Object defaultValue) {
        Objects.requireNonNull(name, "name");
        transport.checkThread("getExtraInfo");
        Object value = switch (name) {
            case "peername" -> transport.remoteAddress();
            case "sockname" -> transport.localAddress();
            case "socket" -> transport instanceof SocketTransport s ? s.channel : null;
            case "ssl_object" -> sslSession();
            case "peercert" -> peerCertificate(sslSession());
            case "cipher" -> {
                SSLSession session = sslSession();
                yield session == null ? null : session.getCipherSuite();
            }
            case "alpn_protocol" -> applicationProtocol();
            default -> null;
        };
        return value != null ? value : defaultValue;
    }

    private static java.security.cert.X509Certificate peerCertificate(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            java.security.cert.Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x ? x : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** The reader of the same connection, or null (a process's stdin has none). */
    StreamReader reader() {
        return reader;
    }

    Transport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "StreamWriter[" + transport + "]";
    }
}
