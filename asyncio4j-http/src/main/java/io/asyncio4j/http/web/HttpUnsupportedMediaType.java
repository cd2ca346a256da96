package io.asyncio4j.http.web;

/** 415: aiohttp's {@code HTTPUnsupportedMediaType}. */
public final class HttpUnsupportedMediaType extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 415 with the default text. */
    public HttpUnsupportedMediaType() {
        this(null);
    }

    /** A 415 with {@code text} as its body. */
    public HttpUnsupportedMediaType(String text) {
        super(415, null, text);
    }
}
