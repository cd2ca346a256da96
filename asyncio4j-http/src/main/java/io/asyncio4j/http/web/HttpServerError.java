package io.asyncio4j.http.web;

/** A server error (5xx): aiohttp's {@code HTTPServerError}. */
public class HttpServerError extends HttpError {
    private static final long serialVersionUID = 1L;

    /** An answer with {@code status}, a reason phrase (null: the standard one) and {@code text} (null: the default). */
    public HttpServerError(int status, String reason, String text) {
        super(status, reason, text);
    }
}
