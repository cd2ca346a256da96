package io.asyncio4j.http.web;

/** 501: aiohttp's {@code HTTPNotImplemented}. */
public final class HttpNotImplemented extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 501 with the default text. */
    public HttpNotImplemented() {
        this(null);
    }

    /** A 501 with {@code text} as its body. */
    public HttpNotImplemented(String text) {
        super(501, null, text);
    }
}
