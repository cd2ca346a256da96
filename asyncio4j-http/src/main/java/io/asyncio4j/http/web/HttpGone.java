package io.asyncio4j.http.web;

/** 410: aiohttp's {@code HTTPGone}. */
public final class HttpGone extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 410 with the default text. */
    public HttpGone() {
        this(null);
    }

    /** A 410 with {@code text} as its body. */
    public HttpGone(String text) {
        super(410, null, text);
    }
}
