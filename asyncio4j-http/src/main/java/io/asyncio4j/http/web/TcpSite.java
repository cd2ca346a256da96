package io.asyncio4j.http.web;

import io.asyncio4j.Loop;
import io.asyncio4j.LoopGroup;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.Streams;
import io.asyncio4j.net.TlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP site, plain or TLS: aiohttp's {@code TCPSite}.
 *
 * {@snippet :
 * TcpSite site = new TcpSite(runner, "0.0.0.0", 8443, TlsOptions.server(Path.of("cert.pem"), Path.of("key.pem")));
 * site.start();
 * }
 */
public final class TcpSite extends BaseSite {
    /**
     * Whether the kernel spreads the connections of one address over the sockets bound to it with
     * SO_REUSEPORT: Linux does; BSD and macOS give them all to one socket.
     */
    private static final boolean SPREADS_BY_REUSEPORT =
            System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");

    private final String host;
    private final int port;
    private final TlsOptions tls;

    /** A plain HTTP site on {@code host:port} (null or empty host: every interface; port 0: a free one). */
    public TcpSite(AppRunner runner, String host, int port) {
        this(runner, host, port, null);
    }

    /** A site speaking TLS with {@code tls} (server-side options), or plain HTTP when null. */
    public TcpSite(AppRunner runner, String host, int port, TlsOptions tls) {
        super(runner);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    @Override
    List<Server> listen(WebServer web) throws IOException {
        LoopGroup workers = runner().workerGroup();
        if (workers == null || !runner().options().acceptOnEachWorker() || !SPREADS_BY_REUSEPORT) {
            return List.of(Streams.startServer(web.handler(), host, port, runner().serverOptions(tls)));
        }
        // A listening socket per worker loop, all bound to the same address with SO_REUSEPORT: the
        // first binds as asked (port 0: a free port), the others bind what it bound.
        ServerOptions options = runner().listenerOptions(tls);
        List<Server> started = new ArrayList<>();
        try {
            List<Loop> loops = workers.loops();
            Server first = onLoop(loops.get(0), () -> Streams.startServer(web.handler(), host, port, options));
            started.add(first);
            for (Loop loop : loops.subList(1, loops.size())) {
                for (SocketAddress a : first.addresses()) {
                    InetSocketAddress bound = (InetSocketAddress) a;
                    String ip = bound.getAddress().getHostAddress();
                    started.add(onLoop(loop, () -> Streams.startServer(web.handler(), ip, bound.getPort(), options)));
                }
            }
            return started;
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** The port listened on: the one bound once started (for port 0), else the one asked for. */
    public int port() {
        for (SocketAddress a : addresses()) {
            if (a instanceof InetSocketAddress isa) {
                return isa.getPort();
            }
        }
        return port;
    }

    /** The host asked for. */
    public String host() {
        return host;
    }

    @Override
    public String name() {
        String h = host == null || host.isEmpty() ? "0.0.0.0" : host.contains(":") ? "[" + host + "]" : host;
        return (tls != null ? "https://" : "http://") + h + ":" + port();
    }
}
