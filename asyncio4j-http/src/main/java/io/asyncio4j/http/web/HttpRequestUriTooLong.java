package io.asyncio4j.http.web;

/** 414: aiohttp's {@code HTTPRequestURITooLong}. */
public final class HttpRequestUriTooLong extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 414 with the default text. */
    public HttpRequestUriTooLong() {
        this(null);
    }

    /** A 414 with {@code text} as its body. */
    public HttpRequestUriTooLong(String text) {
        super(414, null, text);
    }
}
