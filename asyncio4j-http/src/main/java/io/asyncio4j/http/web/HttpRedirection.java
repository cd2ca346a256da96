package io.asyncio4j.http.web;

/** A redirection (3xx): aiohttp's {@code HTTPRedirection}. The subclasses that redirect take the {@code Location}. */
public class HttpRedirection extends HttpException {
    private static final long serialVersionUID = 1L;

    /** An answer with {@code status}, a reason phrase (null: the standard one) and {@code text} (null: the default). */
    public HttpRedirection(int status, String reason, String text) {
        super(status, reason, text);
    }
}
