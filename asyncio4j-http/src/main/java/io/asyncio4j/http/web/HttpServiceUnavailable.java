package io.asyncio4j.http.web;

/** 503: aiohttp's {@code HTTPServiceUnavailable}. */
public final class HttpServiceUnavailable extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 503 with the default text. */
    public HttpServiceUnavailable() {
        this(null);
    }

    /** A 503 with {@code text} as its body. */
    public HttpServiceUnavailable(String text) {
        super(503, null, text);
    }
}
