package io.asyncio4j.http.client;

import java.net.URI;

/**
 * The server closed the connection, or it broke, before the response was complete: aiohttp's
 * {@code ServerDisconnectedError}. A request that failed this way on a reused keep-alive connection
 * before any byte of the response arrived is retried once on a new connection when its method is
 * idempotent, so this reaches the caller only when the retry failed too, the method was not
 * idempotent (a POST is never sent twice), or the response was cut in the middle.
 */
public final class ServerDisconnectedError extends ClientConnectionError {
    private static final long serialVersionUID = 1L;

    ServerDisconnectedError(String message, URI url, Throwable cause) {
        super(message, url, cause);
    }
}
