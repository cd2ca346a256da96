package io.asyncio4j.http.client;

import java.net.URI;

/** The connection to the server failed or broke: aiohttp's {@code ClientConnectionError}. */
public abstract sealed class ClientConnectionError extends ClientError
        permits ClientConnectorError, ServerDisconnectedError {
    private static final long serialVersionUID = 1L;

    ClientConnectionError(String message, URI url, Throwable cause) {
        super(message, url, cause);
    }
}
