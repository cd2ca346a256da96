package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import java.net.URI;
import java.util.List;

/**
 * The server did not accept the WebSocket opening handshake, or answered it wrongly: aiohttp's
 * {@code WSServerHandshakeError}. {@link #status()} is the response's status (101 when the status
 * was right but a header was not).
 */
public final class WsServerHandshakeError extends ClientResponseError {
    private static final long serialVersionUID = 1L;

    WsServerHandshakeError(String message, URI url, int status, String reason, Headers headers) {
        super(message, url, status, reason, headers, List.of());
    }
}
