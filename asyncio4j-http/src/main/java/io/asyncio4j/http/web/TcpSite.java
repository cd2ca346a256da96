package io.asyncio4j.http.web;

import io.asyncio4j.net.Server;
import io.asyncio4j.net.Streams;
import io.asyncio4j.net.TlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A TCP site, plain or TLS: aiohttp's {@code TCPSite}.
 *
 * {@snippet :
 * TcpSite site = new TcpSite(runner, "0.0.0.0", 8443, TlsOptions.server(Path.of("cert.pem"), Path.of("key.pem")));
 * site.start();
 * }
 */
public final class TcpSite extends BaseSite {
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
    Server listen(WebServer web) throws IOException {
        return Streams.startServer(web.handler(), host, port, runner().serverOptions(tls));
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
