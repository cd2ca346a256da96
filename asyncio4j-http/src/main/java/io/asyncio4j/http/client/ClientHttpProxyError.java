package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import java.net.URI;
import java.util.List;

/**
 * The proxy refused to open a tunnel to an https origin: its answer to {@code CONNECT} was not
 * 2xx ({@code 407 Proxy Authentication Required}: give {@code proxyAuth}; {@code 403}: it does not
 * allow that host or port); aiohttp's {@code ClientHttpProxyError}. The status, reason and headers
 * are the proxy's.
 */
public final class ClientHttpProxyError extends ClientResponseError {
    private static final long serialVersionUID = 1L;

    ClientHttpProxyError(String message, URI url, int status, String reason, Headers headers) {
        super(message, url, status, reason, headers, List.of());
    }
}
