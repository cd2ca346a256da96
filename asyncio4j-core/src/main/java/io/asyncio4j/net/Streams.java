package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Outcome;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;
import io.asyncio4j.internal.net.PipeSource;
import io.asyncio4j.internal.net.PipeTransport;
import io.asyncio4j.lowlevel.IoWait;
import io.asyncio4j.lowlevel.Parking;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * asyncio's stream functions: {@code open_connection}, {@code start_server}, {@code
 * open_unix_connection}, {@code start_unix_server}. Call them from a task; the streams they make
 * belong to the task's loop, whose own selector watches their sockets.
 *
 * {@snippet :
 * Asyncio.run(() -> {
 *     Server server = Streams.startServer((reader, writer) -> {
 *         writer.write(reader.readLine()); // echo one line
 *     }, "127.0.0.1", 0);
 *     int port = ((InetSocketAddress) server.addresses().get(0)).getPort();
 *     StreamPair conn = Streams.openConnection("127.0.0.1", port);
 *     conn.writer().write("hello\n".getBytes(StandardCharsets.US_ASCII));
 *     System.out.print(new String(conn.reader().readLine(), StandardCharsets.US_ASCII));
 *     conn.close();
 *     server.close();
 *     return null;
 * });
 * }
 */
public final class Streams {
    private Streams() {}

    // ---- clients ----

    /** Connects to {@code host:port} with the default options; see {@link #openConnection(String, int, ConnectOptions)}. */
    public static StreamPair openConnection(String host, int port) throws IOException {
        return openConnection(host, port, ConnectOptions.defaults());
    }

    /**
     * Resolves {@code host} (off the loop), connects to one of its addresses, performs the TLS
     * handshake when the options ask for it, and returns the connection's reader and writer;
     * asyncio's {@code open_connection}.
     *
     * <p><b>Cancellation.</b> Every socket opened so far is closed and nothing leaks; {@link
     * CancelledError} is thrown.
     *
     * @throws ConnectException if no address accepts the connection (refused, unreachable); the
     *     message names the addresses, the other attempts' errors are suppressed exceptions
     * @throws SocketTimeoutException if the connect timeout or the TLS handshake timeout passes
     * @throws UnknownHostException if the name does not resolve
     * @throws javax.net.ssl.SSLException if the TLS handshake fails (an untrusted certificate, a
     *     name mismatch, the peer hanging up mid-handshake)
     */
    public static StreamPair openConnection(String host, int port, ConnectOptions options) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        Parking.currentTask("Streams.openConnection");
        Loop loop = Asyncio.currentLoop();
        SocketChannel channel = withConnectTimeout(options.connectTimeout(), host + ":" + port, () -> {
            List<InetAddress> addresses = options.resolver().resolve(host);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host + ": no addresses");
            }
            List<InetSocketAddress> targets = new ArrayList<>();
            for (InetAddress a : Resolvers.interleave(addresses)) {
                targets.add(new InetSocketAddress(a, port));
            }
            Duration delay = options.happyEyeballsDelay();
            return delay == null || targets.size() == 1
                    ? connectInOrder(targets, options.localAddress(), options.allErrors())
                    : connectHappyEyeballs(targets, options.localAddress(), delay, options.allErrors());
        });
        return open(loop, channel, options.tls(), options.limit(), host, port, true);
    }

    /**
     * Wraps {@code channel}, a socket connected elsewhere (TCP or Unix domain), in a reader and a
     * writer, after the TLS handshake when the options ask for it: asyncio's {@code
     * open_connection(sock=...)}. A channel whose connect is still pending is waited for; the
     * channel is made non-blocking and belongs to the streams from then on (closing the writer
     * closes it). Of the options only TLS and the limit apply; TLS verifies the name given by
     * {@link TlsOptions#serverName} or else the peer's address.
     *
     * <p><b>Cancellation.</b> The channel is closed; {@link CancelledError} is thrown.
     *
     * @throws IllegalArgumentException if the channel is neither connected nor connecting
     */
    public static StreamPair openConnection(SocketChannel channel, ConnectOptions options) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(options, "options");
        Parking.currentTask("Streams.openConnection");
        Loop loop = Asyncio.currentLoop();
        if (!channel.isConnected() && !channel.isConnectionPending()) {
            throw new IllegalArgumentException("openConnection(channel) needs a connected SocketChannel"
                    + " (asyncio's sock=): connect it first, or pass a host and port");
        }
        boolean ok = false;
        try {
            channel.configureBlocking(false);
            withConnectTimeout(options.connectTimeout(), String.valueOf(channel), () -> {
                while (!channel.finishConnect()) {
                    IoWait.writable(channel);
                }
                return channel;
            });
            ok = true;
        } finally {
            if (!ok) {
                forgetAndClose(channel);
            }
        }
        return adopt(loop, channel, options.tls(), options.limit());
    }

    /**
     * Wraps {@code channel}, a connection accepted elsewhere (by your own accept loop, or inherited
     * from a service manager), in a reader and a writer, after the server side of the TLS handshake
     * when the options ask for it: asyncio's {@code connect_accepted_socket}. Of the options only
     * TLS and the limit apply. The channel is made non-blocking and belongs to the streams.
     *
     * <p><b>Cancellation.</b> The channel is closed; {@link CancelledError} is thrown.
     *
     * @throws IllegalArgumentException if the channel is not connected
     */
    public static StreamPair connectAcceptedSocket(SocketChannel channel, ServerOptions options) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(options, "options");
        Parking.currentTask("Streams.connectAcceptedSocket");
        Loop loop = Asyncio.currentLoop();
        if (!channel.isConnected()) {
            throw new IllegalArgumentException("connectAcceptedSocket needs a connected SocketChannel, as accept()"
                    + " returns it; for a client socket use openConnection(channel, options)");
        }
        try {
            channel.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            forgetAndClose(channel);
            throw e;
        }
        return adopt(loop, channel, options.tls(), options.limit());
    }

    private static StreamPair adopt(Loop loop, SocketChannel channel, TlsOptions tls, int limit) throws IOException {
        SocketAddress remote;
        try {
            remote = channel.getRemoteAddress();
        } catch (IOException e) {
            forgetAndClose(channel);
            throw e;
        }
        if (remote instanceof InetSocketAddress isa) {
            return open(loop, channel, tls, limit, isa.getHostString(), isa.getPort(), true);
        }
        return open(loop, channel, tls, limit, null, 0, false);
    }

    /** Connects to the Unix-domain socket at {@code path}; asyncio's {@code open_unix_connection}. */
    public static StreamPair openUnixConnection(Path path) throws IOException {
        return openUnixConnection(path, ConnectOptions.defaults());
    }

    /**
     * Connects to the Unix-domain socket at {@code path} (TLS, limit and connect timeout from the
     * options apply; the resolver and local address do not).
     *
     * <p><b>Cancellation.</b> The socket is closed; {@link CancelledError} is thrown.
     */
    public static StreamPair openUnixConnection(Path path, ConnectOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Parking.currentTask("Streams.openUnixConnection");
        Loop loop = Asyncio.currentLoop();
        SocketChannel channel = withConnectTimeout(
                options.connectTimeout(),
                path.toString(),
                () -> connectOne(UnixDomainSocketAddress.of(path), StandardProtocolFamily.UNIX, null));
        return open(loop, channel, options.tls(), options.limit(), null, 0, false);
    }

    private static StreamPair open(
            Loop loop, SocketChannel channel, TlsOptions tls, int limit, String host, int port, boolean tcp)
            throws IOException {
        SocketTransport transport = new SocketTransport(loop, channel);
        try {
            if (tcp) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            transport.rememberAddresses();
        } catch (IOException | RuntimeException e) {
            transport.abort();
            throw e;
        }
        StreamReader reader = new StreamReader(transport, limit);
        StreamWriter writer = new StreamWriter(transport, reader);
        if (tls != null) {
            transport.handshake(tls, host, port, reader);
        }
        return new StreamPair(reader, writer);
    }

    /** A connect step that may throw what the JDK throws. */
    @FunctionalInterface
    private interface Connect {
        SocketChannel call() throws IOException;
    }

    private static SocketChannel withConnectTimeout(Duration timeout, String target, Connect connect)
            throws IOException {
        if (timeout == null) {
            return connect.call();
        }
        try {
            return Asyncio.timeout(timeout, connect::call);
        } catch (TimeoutException e) {
            SocketTimeoutException t =
                    new SocketTimeoutException("connecting to " + target + " timed out after " + timeout);
            t.initCause(e);
            throw t;
        } catch (IOException | RuntimeException | CancelledError e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static SocketChannel connectInOrder(
            List<InetSocketAddress> targets, InetSocketAddress local, boolean allErrors) throws IOException {
        List<IOException> errors = new ArrayList<>();
        for (InetSocketAddress target : targets) {
            try {
                return connectOne(target, familyOf(target), local);
            } catch (IOException e) {
                errors.add(e);
            }
        }
        throw combined(targets, errors, allErrors);
    }

    private static StandardProtocolFamily familyOf(InetSocketAddress target) {
        return target.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /**
     * RFC 8305: start the next attempt when the previous one failed or after {@code delay}; the first
     * to connect wins and the others are cancelled (their sockets closed).
     */
    private static SocketChannel connectHappyEyeballs(
            List<InetSocketAddress> targets, InetSocketAddress local, Duration delay, boolean allErrors)
            throws IOException {
        List<Task<SocketChannel>> attempts = new ArrayList<>();
        List<IOException> errors = new ArrayList<>();
        SocketChannel winner = null;
        try {
            int next = 0;
            while (winner == null) {
                if (next < targets.size()) {
                    InetSocketAddress target = targets.get(next++);
                    attempts.add(
                            Asyncio.createTask("connect " + target, () -> connectOne(target, familyOf(target), local)));
                }
                List<Task<SocketChannel>> running = new ArrayList<>();
                for (Task<SocketChannel> a : attempts) {
                    if (!a.isDone()) {
                        running.add(a);
                    }
                }
                if (!running.isEmpty()) {
                    if (next < targets.size()) {
                        Asyncio.wait(running, ReturnWhen.FIRST_COMPLETED, delay);
                    } else {
                        Asyncio.wait(running, ReturnWhen.FIRST_COMPLETED);
                    }
                }
                boolean anyRunning = false;
                for (Task<SocketChannel> a : attempts) {
                    if (!a.isDone()) {
                        anyRunning = true;
                    } else if (winner == null && !a.isCancelled() && a.exception() == null) {
                        winner = a.result();
                    }
                }
                if (winner == null && !anyRunning && next >= targets.size()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            SocketChannel keep = winner;
            List<Task<SocketChannel>> toClean = List.copyOf(attempts);
            try {
                Asyncio.uncancellable(() -> {
                    for (Task<SocketChannel> a : toClean) {
                        a.cancel("another address connected first");
                    }
                    for (Outcome<SocketChannel> o : Asyncio.gatherSettled(toClean)) {
                        if (o instanceof Outcome.Success<SocketChannel> s && s.value() != keep) {
                            forgetAndClose(s.value());
                        } else if (o instanceof Outcome.Failure<SocketChannel> f
                                && f.exception() instanceof IOException io) {
                            errors.add(io);
                        }
                    }
                    return null;
                });
            } catch (Exception e) {
                // the cleanup itself cannot fail; nothing to add
            }
        }
        if (winner != null) {
            return winner;
        }
        throw combined(targets, errors, allErrors);
    }

    private static IOException combined(
            List<? extends SocketAddress> targets, List<IOException> errors, boolean allErrors) {
        if (errors.size() == 1 && !allErrors) {
            return errors.get(0);
        }
        ConnectException e = new ConnectException("could not connect to any of " + targets + ": " + errors);
        errors.forEach(e::addSuppressed);
        return e;
    }

    /** Connects one non-blocking socket; closes it if that fails or is cancelled. */
    static SocketChannel connectOne(SocketAddress target, StandardProtocolFamily family, InetSocketAddress local)
            throws IOException {
        SocketChannel ch = SocketChannel.open(family);
        boolean ok = false;
        try {
            ch.configureBlocking(false);
            if (local != null) {
                ch.bind(local);
            }
            if (!ch.connect(target)) {
                do {
                    IoWait.writable(ch);
                } while (!ch.finishConnect());
            }
            ok = true;
            return ch;
        } catch (ConnectException e) {
            ConnectException named = new ConnectException("connect to " + target + " failed: " + e.getMessage());
            named.initCause(e);
            throw named;
        } finally {
            if (!ok) {
                forgetAndClose(ch);
            }
        }
    }

    static void forgetAndClose(SocketChannel ch) {
        try {
            IoWait.forget(ch);
        } catch (RuntimeException e) {
            // not registered with a loop we are on
        }
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    // ---- pipes ----

    private static final AtomicInteger PIPES = new AtomicInteger();

    /** A reader of {@code pipe} with the default limit; see {@link #connectReadPipe(InputStream, int)}. */
    public static StreamReader connectReadPipe(InputStream pipe) {
        return connectReadPipe(pipe, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * A reader of {@code pipe} (a FIFO opened as a file, {@code System.in}, another program's
     * output): asyncio's {@code connect_read_pipe} with a {@code StreamReader}. The JDK's pipe
     * streams block, so a platform thread {@code aio-pipe-read-N} reads it and hands the bytes to the
     * loop; it pauses while {@code 2 * limit} bytes wait unread and ends at the end of the pipe (when
     * every writer closed it) or an error, closing {@code pipe}.
     *
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public static StreamReader connectReadPipe(InputStream pipe, int limit) {
        Objects.requireNonNull(pipe, "pipe");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Parking.currentTask("Streams.connectReadPipe");
        PipeSource source = new PipeSource(Asyncio.currentLoop(), 2L * limit);
        StreamReader reader = new StreamReader(source, limit);
        source.start(pipe, "aio-pipe-read-" + PIPES.incrementAndGet());
        return reader;
    }

    /**
     * A writer to {@code pipe} (a FIFO opened as a file, {@code System.out}, another program's
     * input): asyncio's {@code connect_write_pipe} with a {@code StreamWriter}. A platform thread
     * {@code aio-pipe-write-N} writes what is queued; {@link StreamWriter#drain()} holds writers back
     * while more than the high water mark waits, and {@link StreamWriter#close()} (or {@code
     * writeEof()}) closes {@code pipe} after the queued bytes and ends the thread. The writer has no
     * addresses and no reader.
     */
    public static StreamWriter connectWritePipe(OutputStream pipe) {
        Objects.requireNonNull(pipe, "pipe");
        Parking.currentTask("Streams.connectWritePipe");
        PipeTransport transport = new PipeTransport(Asyncio.currentLoop(), "the reader of the pipe");
        transport.start(pipe, "aio-pipe-write-" + PIPES.incrementAndGet());
        return new StreamWriter(transport, null);
    }

    // ---- servers ----

    /** Starts a server with the default options; see {@link #startServer(ConnectionHandler, String, int, ServerOptions)}. */
    public static Server startServer(ConnectionHandler handler, String host, int port) throws IOException {
        return startServer(handler, host, port, ServerOptions.defaults());
    }

    /**
     * Listens on {@code host:port} (every address the host resolves to; all interfaces when {@code
     * host} is null or empty; port 0 picks a free port, see {@link Server#addresses()}) and runs
     * {@code handler} in a new task for each connection; asyncio's {@code start_server}. The server
     * accepts from the moment this returns.
     *
     * @throws BindException if the address is in use
     */
    public static Server startServer(ConnectionHandler handler, String host, int port, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        Parking.currentTask("Streams.startServer");
        Loop loop = Asyncio.currentLoop();
        List<InetSocketAddress> binds = new ArrayList<>();
        if (host == null || host.isEmpty()) {
            binds.add(new InetSocketAddress(port));
        } else {
            Set<InetAddress> unique = new LinkedHashSet<>(Resolver.system().resolve(host));
            for (InetAddress a : unique) {
                binds.add(new InetSocketAddress(a, port));
            }
        }
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            for (InetSocketAddress bind : binds) {
                ServerSocketChannel l = bind.getAddress().isAnyLocalAddress()
                        ? ServerSocketChannel.open()
                        : ServerSocketChannel.open(familyOf(bind));
                listeners.add(l);
                configure(l, options);
                l.bind(bind, options.backlog());
            }
            return started(new Server(loop, handler, options, listeners, null), options);
        } catch (IOException | RuntimeException e) {
            listeners.forEach(Streams::closeQuietly);
            throw e;
        }
    }

    private static Server started(Server server, ServerOptions options) {
        if (options.startServing()) {
            server.start();
        }
        return server;
    }

    /**
     * Serves on {@code listener}, a socket bound and listening elsewhere (TCP or Unix domain; one
     * inherited from a service manager through {@link System#inheritedChannel()}, say): asyncio's
     * {@code start_server(sock=...)}. The backlog and reuse options do not apply (the socket is
     * bound already); the server owns the channel and closes it on {@link Server#close()}, but
     * leaves a Unix socket's file in place.
     *
     * @throws IllegalArgumentException if the channel is not bound
     */
    public static Server startServer(ConnectionHandler handler, ServerSocketChannel listener, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
        Parking.currentTask("Streams.startServer");
        Loop loop = Asyncio.currentLoop();
        if (listener.getLocalAddress() == null) {
            throw new IllegalArgumentException("startServer(listener) needs a bound, listening ServerSocketChannel"
                    + " (asyncio's sock=): bind it first, or pass a host and port");
        }
        listener.configureBlocking(false);
        return started(new Server(loop, handler, options, List.of(listener), null), options);
    }

    /** Starts a Unix-domain server with the default options. */
    public static Server startUnixServer(ConnectionHandler handler, Path path) throws IOException {
        return startUnixServer(handler, path, ServerOptions.defaults());
    }

    /**
     * Listens on the Unix-domain socket {@code path}; asyncio's {@code start_unix_server}. A stale
     * socket file left by an earlier server is replaced (another kind of file is not: {@link
     * BindException}); {@link Server#close()} removes the file.
     */
    public static Server startUnixServer(ConnectionHandler handler, Path path, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(path, "path");
        Parking.currentTask("Streams.startUnixServer");
        Loop loop = Asyncio.currentLoop();
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!isSocketFile(path)) {
                throw new BindException(path + " exists and is not a socket");
            }
            Files.delete(path);
        }
        ServerSocketChannel l = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            l.configureBlocking(false);
            l.bind(UnixDomainSocketAddress.of(path), options.backlog());
            return started(new Server(loop, handler, options, List.of(l), path), options);
        } catch (IOException | RuntimeException e) {
            closeQuietly(l);
            throw e;
        }
    }

    private static boolean isSocketFile(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static void configure(ServerSocketChannel l, ServerOptions options) throws IOException {
        l.configureBlocking(false);
        l.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
        if (options.reusePort() && l.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            l.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
