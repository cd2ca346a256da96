package io.asyncio4j.http.client;

import java.net.URI;

/**
 * Could not connect to the server: the name did not resolve, the connection was refused or
 * unreachable, or the TLS handshake failed (an untrusted certificate, a name mismatch); aiohttp's
 * {@code ClientConnectorError}. The cause is the JDK's exception ({@link java.net.ConnectException},
 * {@link java.net.UnknownHostException}, {@link javax.net.ssl.SSLException}).
 */
public sealed class ClientConnectorError extends ClientConnectionError permits ClientProxyConnectionError {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;

    ClientConnectorError(String message, URI url, String host, int port, Throwable cause) {
        super(message, url, cause);
        this.host = host;
        this.port = port;
    }

    /** The host the client tried to connect to. */
    public String host() {
        return host;
    }

    /** The port the client tried to connect to. */
    public int port() {
        return port;
    }
}
