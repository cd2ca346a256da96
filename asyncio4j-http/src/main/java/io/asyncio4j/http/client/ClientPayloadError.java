package io.asyncio4j.http.client;

import java.net.URI;

/**
 * A response body that cannot be read: malformed framing (a bad chunk, a response that breaks the
 * HTTP/1.1 rules) or a {@code Content-Encoding} that does not decode; aiohttp's {@code
 * ClientPayloadError}. The connection is closed: the bytes after a broken message cannot be
 * trusted. Also, as in aiohttp, a redirect (307, 308) that would send again a request body that was
 * streamed once and cannot be replayed.
 */
public final class ClientPayloadError extends ClientError {
    private static final long serialVersionUID = 1L;

    ClientPayloadError(String message, URI url, Throwable cause) {
        super(message, url, cause);
    }
}
