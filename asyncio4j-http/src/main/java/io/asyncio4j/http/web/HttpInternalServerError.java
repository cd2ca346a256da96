package io.asyncio4j.http.web;

/** 500: aiohttp's {@code HTTPInternalServerError}. */
public final class HttpInternalServerError extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 500 with the default text. */
    public HttpInternalServerError() {
        this(null);
    }

    /** A 500 with {@code text} as its body. */
    public HttpInternalServerError(String text) {
        super(500, null, text);
    }
}
