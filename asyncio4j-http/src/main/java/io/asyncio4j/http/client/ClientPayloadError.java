package io.asyncio4j.http.client;

import java.net.URI;

/**
 * A response body that cannot be read: malformed framing (a bad chunk, a response that breaks the
 * HTTP/1.1 rules) or a {@code Content-Encoding} that does not decode; aiohttp's {@code
 * ClientPayloadError}. The connection is closed: the bytes after a broken message cannot be
 * trusted.
 */
public final class ClientPayloadError extends ClientError {
    private static final long serialVersionUID = 1L;

    ClientPayloadError(String message, URI url, Throwable cause) {
        super(message, url, cause);
    }
}
