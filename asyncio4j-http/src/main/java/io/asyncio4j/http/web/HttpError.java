package io.asyncio4j.http.web;

/** An error answer (4xx or 5xx): aiohttp's {@code HTTPError}. */
public class HttpError extends HttpException {
    private static final long serialVersionUID = 1L;

    /** An answer with {@code status}, a reason phrase (null: the standard one) and {@code text} (null: the default). */
    public HttpError(int status, String reason, String text) {
        super(status, reason, text);
    }
}
