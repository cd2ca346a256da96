package io.asyncio4j.http.client;

import java.io.IOException;
import java.net.URI;

/**
 * The base of every error the HTTP client raises for a request: aiohttp's {@code ClientError}. It is
 * an {@link IOException}, as the core's rule for operations that open or talk over connections
 * asks; timeouts are not in this family: they are {@link java.util.concurrent.TimeoutException}s
 * naming the timeout and the URL. Every message names the method and the URL.
 *
 * <pre>
 * ClientError
 * ├── ClientConnectionError          the connection failed or broke
 * │   ├── ClientConnectorError       could not connect (refused, DNS, TLS)
 * │   └── ServerDisconnectedError    the server closed before the response was complete
 * ├── ClientResponseError            a response that is an error (status, url)
 * │   ├── TooManyRedirects           more redirects than allowed (with the chain)
 * │   ├── ContentTypeError           json() on a body that is not JSON
 * │   └── WsServerHandshakeError     the server refused or botched a WebSocket handshake
 * ├── ClientPayloadError             a body that cannot be read (bad framing, bad compression)
 * └── InvalidUrl                     a URL that cannot be requested
 * </pre>
 */
public abstract sealed class ClientError extends IOException
        permits ClientConnectionError, ClientResponseError, ClientPayloadError, InvalidUrl {
    private static final long serialVersionUID = 1L;

    /** The URL of the request that failed, or null when it could not be parsed. */
    private final transient URI url;

    ClientError(String message, URI url, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    /** The URL of the request that failed (the last one, after redirects), or null if it never parsed. */
    public URI url() {
        return url;
    }
}
