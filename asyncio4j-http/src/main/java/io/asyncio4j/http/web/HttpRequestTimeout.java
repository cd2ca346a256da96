package io.asyncio4j.http.web;

/** 408: aiohttp's {@code HTTPRequestTimeout}. */
public final class HttpRequestTimeout extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 408 with the default text. */
    public HttpRequestTimeout() {
        this(null);
    }

    /** A 408 with {@code text} as its body. */
    public HttpRequestTimeout(String text) {
        super(408, null, text);
    }
}
