package io.asyncio4j.http.web;

/** 431: aiohttp's {@code HTTPRequestHeaderFieldsTooLarge}. */
public final class HttpRequestHeaderFieldsTooLarge extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 431 with the default text. */
    public HttpRequestHeaderFieldsTooLarge() {
        this(null);
    }

    /** A 431 with {@code text} as its body. */
    public HttpRequestHeaderFieldsTooLarge(String text) {
        super(431, null, text);
    }
}
