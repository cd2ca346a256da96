package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopClosedException;
import io.asyncio4j.LoopGroup;
import io.asyncio4j.Task;
import io.asyncio4j.internal.Log;
import io.asyncio4j.lowlevel.IoWait;
import io.asyncio4j.lowlevel.Parking;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listening server, as {@link Streams#startServer} returns it: asyncio's {@code Server}. It
 * accepts from the moment it is returned (unless {@link ServerOptions#startServing(boolean)} said
 * otherwise: then from {@link #startServing()}); each connection runs the handler in a task of its
 * own.
 *
 * {@snippet :
 * Server server = Streams.startServer((reader, writer) -> {
 *     byte[] line;
 *     while ((line = reader.readLine()).length > 0) {
 *         writer.write(line);
 *         writer.drain();
 *     }
 * }, "127.0.0.1", 8888);
 * System.out.println("serving on " + server.addresses());
 * server.serveForever(); // until the task is cancelled
 * }
 *
 * <p>Methods must be called on the server's loop (the one that started it), except {@link
 * #addresses()}, {@link #sockets()} and {@link #isServing()}. With a {@link ServerOptions#loopGroup loop group},
 * connections run on the group's loops; {@link #closeClients()} and {@link #abortClients()} reach
 * them there.
 */
public final class Server implements AutoCloseable {
    /*
     * Implementation overview.
     *
     * One acceptor task per listening socket, on the server's loop, accepts until the socket would
     * block and then parks with IoWait.readable. Each accepted channel is made non-blocking and
     * handed to its loop: the server's own (a new task) or, with a LoopGroup, the next loop of the
     * group through loop.submit (the channel is registered with no selector yet, so it can move).
     *
     * `active` counts connections from accept to the end of their handler; it and `connections` are
     * touched from every loop of the group, hence atomic. `closed` is volatile for the same reason.
     * The waiters of waitClosed and serveForever are on the server's loop only; a connection ending
     * on another loop wakes them through callSoonThreadsafe.
     */

    /** One live connection and the loop it runs on. */
    private record Connection(Loop loop, StreamWriter writer) {}

    private final Loop loop;
    private final ConnectionHandler handler;
    private final ServerOptions options;
    private final List<ServerSocketChannel> listeners;
    private final List<SocketAddress> addresses;
    private final Path unixPath;
    private final boolean tcp;
    private volatile boolean serving;
    private final List<Task<Object>> acceptors = new ArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final ArrayDeque<Task<?>> waiters = new ArrayDeque<>();

    Server(Loop loop, ConnectionHandler handler, ServerOptions options, List<ServerSocketChannel> listeners, Path unix)
            throws IOException {
        this.loop = loop;
        this.handler = handler;
        this.options = options;
        this.listeners = List.copyOf(listeners);
        List<SocketAddress> bound = new ArrayList<>();
        for (ServerSocketChannel l : listeners) {
            bound.add(l.getLocalAddress());
        }
        this.addresses = List.copyOf(bound);
        this.unixPath = unix;
        this.tcp = !bound.isEmpty() && bound.get(0) instanceof java.net.InetSocketAddress;
    }

    /** Starts the acceptor tasks. */
    void start() {
        if (serving || closed) {
            return;
        }
        serving = true;
        for (ServerSocketChannel l : listeners) {
            acceptors.add(loop.createTask("accept " + addressOf(l), () -> {
                acceptLoop(l);
                return null;
            }));
        }
    }

    private static String addressOf(ServerSocketChannel l) {
        try {
            return String.valueOf(l.getLocalAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    // ---- accepting ----

    private void acceptLoop(ServerSocketChannel listener) {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // Out of file descriptors, usually: as asyncio, say so and retry a second later.
                loop.reportError("accept() failed on " + listener + "; retrying in one second", e, null);
                Asyncio.sleep(Duration.ofSeconds(1));
                continue;
            }
            if (ch == null) {
                try {
                    IoWait.readable(listener);
                } catch (IOException e) {
                    return; // closed meanwhile
                }
                continue;
            }
            dispatch(ch);
        }
    }

    private void dispatch(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            if (tcp) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
        } catch (IOException e) {
            closeQuietly(ch);
            return;
        }
        active.incrementAndGet();
        LoopGroup group = options.loopGroup();
        Loop target = group == null ? loop : group.next();
        // A task created on a closing loop never runs its body: then nobody else would close the
        // channel or count the connection as ended.
        AtomicBoolean started = new AtomicBoolean();
        Runnable neverStarted = () -> {
            if (started.compareAndSet(false, true)) {
                closeQuietly(ch);
                connectionEnded(null);
            }
        };
        if (target == loop) {
            loop.createTask("conn " + peerOf(ch), () -> {
                        if (started.compareAndSet(false, true)) {
                            serve(ch);
                        }
                        return null;
                    })
                    .addDoneCallback(t -> neverStarted.run());
            return;
        }
        try {
            target.submit(() -> {
                        if (started.compareAndSet(false, true)) {
                            Asyncio.currentTask().setName("conn " + peerOf(ch));
                            serve(ch);
                        }
                        return null;
                    })
                    .whenComplete((v, e) -> neverStarted.run());
        } catch (LoopClosedException e) {
            neverStarted.run();
        }
    }

    private static String peerOf(SocketChannel ch) {
        try {
            return String.valueOf(ch.getRemoteAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    /** The body of a connection's task, on the loop the connection lives on. */
    private void serve(SocketChannel ch) {
        Loop here = Asyncio.currentLoop();
        SocketTransport transport = new SocketTransport(here, ch);
        transport.rememberAddresses();
        StreamReader reader = new StreamReader(transport, options.limit());
        StreamWriter writer = new StreamWriter(transport, reader);
        Connection conn = new Connection(here, writer);
        connections.add(conn);
        try {
            if (options.tls() != null) {
                try {
                    transport.handshake(options.tls(), null, 0, reader);
                } catch (IOException e) {
                    Log.net()
                            .log(
                                    System.Logger.Level.DEBUG,
                                    () -> "TLS handshake with " + transport.remoteAddress() + " failed: " + e);
                    return;
                }
            }
            handler.handle(reader, writer);
        } catch (CancelledError e) {
            throw e;
        } catch (java.io.UncheckedIOException e) {
            if (transport.isClosed() && transport.error() == null) {
                // This side closed the connection (closeClients, or the handler's own writer) while
                // the handler still used it: the end asyncio reports as EOF, not an error.
                Log.net().log(System.Logger.Level.DEBUG, () -> "connection closed under its handler: " + e);
            } else {
                here.reportError(
                        "unhandled exception in the connection handler of " + this + " for peer "
                                + transport.remoteAddress(),
                        e,
                        Asyncio.currentTask());
            }
        } catch (Throwable e) {
            here.reportError(
                    "unhandled exception in the connection handler of " + this + " for peer "
                            + transport.remoteAddress(),
                    e,
                    Asyncio.currentTask());
        } finally {
            if (!transport.isClosing()) {
                writer.close();
            }
            connectionEnded(conn);
        }
    }

    private void connectionEnded(Connection conn) {
        if (conn != null) {
            connections.remove(conn);
        }
        if (active.decrementAndGet() == 0 && closed) {
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        if (Parking.isLoopThread(loop)) {
            wakeAll();
        } else {
            try {
                loop.callSoonThreadsafe(this::wakeAll);
            } catch (LoopClosedException e) {
                // nobody can be waiting on a closed loop
            }
        }
    }

    private void wakeAll() {
        Task<?> t;
        while ((t = waiters.pollFirst()) != null) {
            Parking.unpark(t);
        }
    }

    // ---- public API ----

    /** The loop that accepts; connections run on it unless a loop group was given. */
    public Loop loop() {
        return loop;
    }

    /**
     * The addresses the server listens on, with the ports actually bound (useful with port 0): an
     * {@link java.net.InetSocketAddress} per listening socket, or a {@link
     * java.net.UnixDomainSocketAddress}. Any thread; still answers after {@link #close()}.
     */
    public List<SocketAddress> addresses() {
        return addresses;
    }

    /**
     * The listening sockets, for their options and addresses (asyncio's {@code Server.sockets}).
     * They belong to the server: do not accept on them, and close the server rather than them. Any
     * thread; empty after {@link #close()}, as asyncio's.
     */
    public List<ServerSocketChannel> sockets() {
        return closed ? List.of() : listeners;
    }

    /**
     * Whether the server accepts connections: from its start (or {@link #startServing()}) until
     * {@link #close()}. Any thread.
     */
    public boolean isServing() {
        return serving && !closed;
    }

    /**
     * Starts accepting connections, for a server made with {@link ServerOptions#startServing(boolean)
     * startServing(false)}: asyncio's {@code start_serving}. Harmless when it already serves.
     *
     * @throws IllegalStateException if the server is closed
     */
    public void startServing() {
        Parking.checkThread(loop, "Server.startServing");
        if (closed) {
            throw new IllegalStateException("startServing() on a closed server: " + this);
        }
        start();
    }

    /** The number of connections whose handler has not finished. Any thread. */
    public int activeConnections() {
        return active.get();
    }

    /**
     * Stops listening: nothing more is accepted, and the listening sockets are released by the end
     * of the loop's current cycle (the JDK closes a socket registered with a selector at that
     * selector's next select; a client connecting in between is reset). A Unix socket's file is
     * removed at once. Connections already accepted go on; {@link #waitClosed()} waits for them,
     * {@link #closeClients()} ends them. Closing twice is harmless.
     */
    @Override
    public void close() {
        Parking.checkThread(loop, "Server.close");
        if (closed) {
            return;
        }
        closed = true;
        for (ServerSocketChannel l : listeners) {
            IoWait.forget(l);
            closeQuietly(l);
        }
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException e) {
                Log.net().log(System.Logger.Level.DEBUG, () -> "cannot remove " + unixPath + ": " + e);
            }
        }
        wakeAll();
    }

    /**
     * Closes every connection's writer (each closes once its buffer is sent); their handlers see
     * the streams closed. Asyncio 3.13's {@code close_clients}.
     */
    public void closeClients() {
        Parking.checkThread(loop, "Server.closeClients");
        forEachConnection(StreamWriter::close);
    }

    /** Aborts every connection at once, dropping what is buffered; asyncio 3.13's {@code abort_clients}. */
    public void abortClients() {
        Parking.checkThread(loop, "Server.abortClients");
        forEachConnection(StreamWriter::abort);
    }

    private void forEachConnection(java.util.function.Consumer<StreamWriter> action) {
        for (Connection c : connections) {
            if (c.loop == loop) {
                action.accept(c.writer);
            } else {
                try {
                    c.loop.callSoonThreadsafe(() -> action.accept(c.writer));
                } catch (LoopClosedException e) {
                    // its loop is gone, and the connection with it
                }
            }
        }
    }

    /**
     * Parks until the server is closed and every connection's handler has finished (asyncio 3.12's
     * {@code wait_closed}).
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link CancelledError}; the server is not closed.
     */
    public void waitClosed() {
        Parking.checkThread(loop, "Server.waitClosed");
        parkWhile("Server.waitClosed", () -> !closed || active.get() > 0);
        for (Task<Object> a : acceptors) {
            if (!a.isDone()) {
                try {
                    a.await();
                } catch (CancelledError e) {
                    if (Parking.cancelPending(Parking.currentTask("Server.waitClosed"))) {
                        throw e;
                    }
                } catch (Exception e) {
                    Log.net().log(System.Logger.Level.DEBUG, () -> "acceptor ended with " + e);
                }
            }
        }
    }

    /**
     * Starts serving if it did not yet ({@link #startServing()}), then parks until the server is
     * closed; asyncio's {@code serve_forever}.
     *
     * <p><b>Cancellation.</b> Closes the server (as asyncio does) and throws {@link CancelledError};
     * connections already accepted go on.
     */
    public void serveForever() {
        Parking.checkThread(loop, "Server.serveForever");
        if (closed) {
            throw new IllegalStateException("serveForever() on a closed server: " + this);
        }
        start();
        try {
            parkWhile("Server.serveForever", () -> !closed);
        } catch (CancelledError e) {
            close();
            throw e;
        }
    }

    private void parkWhile(String operation, java.util.function.BooleanSupplier condition) {
        Task<?> me = Parking.currentTask(operation);
        Parking.checkCancelled(me);
        while (condition.getAsBoolean()) {
            waiters.addLast(me);
            Parking.park(me);
            waiters.remove(me);
            if (condition.getAsBoolean() && Parking.cancelPending(me)) {
                throw Parking.cancelledError(me);
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return "Server[" + addresses + (closed ? ", closed" : "") + ", connections=" + active.get() + "]";
    }
}
