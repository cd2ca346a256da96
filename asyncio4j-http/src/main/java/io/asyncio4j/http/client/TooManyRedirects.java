package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import java.net.URI;
import java.util.List;

/**
 * A request was redirected more often than allowed ({@code maxRedirects}, 10 by default): aiohttp's
 * {@code TooManyRedirects}. {@link #history()} holds the chain of redirect responses and the message
 * lists their URLs.
 */
public final class TooManyRedirects extends ClientResponseError {
    private static final long serialVersionUID = 1L;

    TooManyRedirects(
            String message, URI url, int status, String reason, Headers headers, List<ClientResponse> history) {
        super(message, url, status, reason, headers, history);
    }
}
