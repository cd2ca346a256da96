package io.asyncio4j.http.web;

/** 416: aiohttp's {@code HTTPRequestRangeNotSatisfiable}. */
public final class HttpRequestRangeNotSatisfiable extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 416 with the default text. */
    public HttpRequestRangeNotSatisfiable() {
        this(null);
    }

    /** A 416 with {@code text} as its body. */
    public HttpRequestRangeNotSatisfiable(String text) {
        super(416, null, text);
    }
}
