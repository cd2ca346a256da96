package io.asyncio4j.http.web;

/** A client error (4xx): aiohttp's {@code HTTPClientError}. */
public class HttpClientError extends HttpError {
    private static final long serialVersionUID = 1L;

    /** An answer with {@code status}, a reason phrase (null: the standard one) and {@code text} (null: the default). */
    public HttpClientError(int status, String reason, String text) {
        super(status, reason, text);
    }
}
