package io.asyncio4j.http.client;

import java.net.URI;

/**
 * Could not connect to the proxy (refused, unreachable, its name did not resolve); aiohttp's {@code
 * ClientProxyConnectionError}. {@link #host()} and {@link #port()} name the proxy.
 */
public final class ClientProxyConnectionError extends ClientConnectorError {
    private static final long serialVersionUID = 1L;

    ClientProxyConnectionError(String message, URI url, String host, int port, Throwable cause) {
        super(message, url, host, port, cause);
    }
}
