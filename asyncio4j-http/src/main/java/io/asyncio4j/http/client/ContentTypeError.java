package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import java.net.URI;
import java.util.List;

/**
 * {@link ClientResponse#json(Class)} was called on a response whose {@code Content-Type} is not
 * JSON: aiohttp's {@code ContentTypeError}. Read it with {@link ClientResponse#text()}, or pass the
 * expected content type to {@link ClientResponse#json(Class, String)} ({@code null} skips the check).
 */
public final class ContentTypeError extends ClientResponseError {
    private static final long serialVersionUID = 1L;

    ContentTypeError(
            String message, URI url, int status, String reason, Headers headers, List<ClientResponse> history) {
        super(message, url, status, reason, headers, history);
    }
}
