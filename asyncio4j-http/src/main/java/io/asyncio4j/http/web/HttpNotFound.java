package io.asyncio4j.http.web;

/** 404: aiohttp's {@code HTTPNotFound}. */
public final class HttpNotFound extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 404 with the default text. */
    public HttpNotFound() {
        this(null);
    }

    /** A 404 with {@code text} as its body. */
    public HttpNotFound(String text) {
        super(404, null, text);
    }
}
