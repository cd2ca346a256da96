package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import java.net.URI;
import java.util.List;

/**
 * A response that is an error: a status of 400 or more when {@code raiseForStatus} is on (or
 * {@link ClientResponse#raiseForStatus()} was called); aiohttp's {@code ClientResponseError}. The
 * response has been released: its body is not available.
 */
public sealed class ClientResponseError extends ClientError
        permits TooManyRedirects, ContentTypeError, WsServerHandshakeError {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final transient Headers headers;
    private final transient List<ClientResponse> history;

    ClientResponseError(
            String message, URI url, int status, String reason, Headers headers, List<ClientResponse> history) {
        super(message, url, null);
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.history = history;
    }

    /** A {@code ClientResponseError} for {@code response}: {@code "404 Not Found for GET http://..."}. */
    static ClientResponseError of(ClientResponse response) {
        return new ClientResponseError(
                response.status() + " " + response.reason() + " for " + response.method() + " " + response.url(),
                response.url(),
                response.status(),
                response.reason(),
                response.headers(),
                response.history());
    }

    /** The status of the response. */
    public int status() {
        return status;
    }

    /** The reason phrase of the response. */
    public String reason() {
        return reason;
    }

    /** The response's header fields, or null when there was no response. */
    public Headers headers() {
        return headers;
    }

    /** The redirect responses that led here, oldest first; empty when there were none. */
    public List<ClientResponse> history() {
        return history;
    }
}
