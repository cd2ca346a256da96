package io.asyncio4j.net;

import io.asyncio4j.LoopGroup;
import java.util.Objects;

/**
 * How {@link Streams#startServer} listens: TLS, backlog, address reuse, the loops connections run
 * on, and the readers' limit. Immutable; each method returns a changed copy.
 *
 * {@snippet :
 * try (LoopGroup workers = LoopGroup.open(4)) {
 *     ServerOptions options = ServerOptions.defaults().loopGroup(workers).backlog(1024);
 *     Server server = Streams.startServer(Echo::handle, "127.0.0.1", 8888, options);
 *     server.serveForever();
 * }
 * }
 */
public final class ServerOptions {
    private TlsOptions tls;
    private int backlog = 100;
    private boolean reuseAddress = true;
    private boolean reusePort;
    private LoopGroup loopGroup;
    private int limit = StreamReader.DEFAULT_LIMIT;
    private boolean startServing = true;

    private ServerOptions() {}

    private ServerOptions copy() {
        ServerOptions c = new ServerOptions();
        c.tls = tls;
        c.backlog = backlog;
        c.reuseAddress = reuseAddress;
        c.reusePort = reusePort;
        c.loopGroup = loopGroup;
        c.limit = limit;
        c.startServing = startServing;
        return c;
    }

    /**
     * Plain TCP, backlog 100 (as asyncio), {@code SO_REUSEADDR} on, {@code SO_REUSEPORT} off, every
     * connection on the server's loop, the default reader limit.
     */
    public static ServerOptions defaults() {
        return new ServerOptions();
    }

    /** Speaks TLS with each client; the handshake happens before the handler runs. */
    public ServerOptions tls(TlsOptions tls) {
        if (tls.isClient()) {
            throw new IllegalArgumentException("startServer needs server-side TlsOptions: " + tls);
        }
        ServerOptions c = copy();
        c.tls = tls;
        return c;
    }

    /** The listen backlog: connections the kernel queues before they are accepted. */
    public ServerOptions backlog(int backlog) {
        ServerOptions c = copy();
        c.backlog = backlog;
        return c;
    }

    /** Sets {@code SO_REUSEADDR} on the listening sockets (on by default). */
    public ServerOptions reuseAddress(boolean reuse) {
        ServerOptions c = copy();
        c.reuseAddress = reuse;
        return c;
    }

    /**
     * Sets {@code SO_REUSEPORT}, so several servers (processes) can listen on the same port and the
     * kernel spreads connections; ignored where the platform lacks it.
     */
    public ServerOptions reusePort(boolean reuse) {
        ServerOptions c = copy();
        c.reusePort = reuse;
        return c;
    }

    /**
     * Runs each connection on a loop of {@code group}, chosen round-robin: the server accepts on its
     * own loop and hands the socket over, and the connection's task then lives on that loop only.
     */
    public ServerOptions loopGroup(LoopGroup group) {
        ServerOptions c = copy();
        c.loopGroup = Objects.requireNonNull(group, "group");
        return c;
    }

    /** The readers' buffer limit ({@link StreamReader#limit()}). */
    public ServerOptions limit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        ServerOptions c = copy();
        c.limit = limit;
        return c;
    }

    /**
     * Whether the server accepts from the moment it is returned (true, the default) or only after
     * {@link Server#startServing()} or {@link Server#serveForever()}: asyncio's {@code
     * start_serving}. Until then the sockets are bound and listening, so clients can connect (the
     * kernel queues them up to the backlog) but no handler runs.
     */
    public ServerOptions startServing(boolean start) {
        ServerOptions c = copy();
        c.startServing = start;
        return c;
    }

    TlsOptions tls() {
        return tls;
    }

    int backlog() {
        return backlog;
    }

    boolean reuseAddress() {
        return reuseAddress;
    }

    boolean reusePort() {
        return reusePort;
    }

    LoopGroup loopGroup() {
        return loopGroup;
    }

    int limit() {
        return limit;
    }

    boolean startServing() {
        return startServing;
    }

    @Override
    public String toString() {
        return "ServerOptions[tls=" + tls + ", backlog=" + backlog + ", reuseAddress=" + reuseAddress + ", reusePort="
                + reusePort + ", loopGroup=" + loopGroup + ", limit=" + limit + ", startServing=" + startServing + "]";
    }
}
