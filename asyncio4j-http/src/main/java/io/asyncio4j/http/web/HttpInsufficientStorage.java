package io.asyncio4j.http.web;

/** 507: aiohttp's {@code HTTPInsufficientStorage}. */
public final class HttpInsufficientStorage extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 507 with the default text. */
    public HttpInsufficientStorage() {
        this(null);
    }

    /** A 507 with {@code text} as its body. */
    public HttpInsufficientStorage(String text) {
        super(507, null, text);
    }
}
