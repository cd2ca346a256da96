package io.asyncio4j.http.web;

/** 413, the body is larger than the server takes: aiohttp's {@code HTTPRequestEntityTooLarge}. */
public final class HttpRequestEntityTooLarge extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 413 saying the limit and the size seen so far (or declared). */
    public HttpRequestEntityTooLarge(long maxSize, long actualSize) {
        super(413, null, "Maximum request body size " + maxSize + " exceeded, actual body size " + actualSize);
    }

    /** A 413 with {@code text} as its body. */
    public HttpRequestEntityTooLarge(String text) {
        super(413, null, text);
    }
}
