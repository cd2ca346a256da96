package io.asyncio4j.http.web;

/** 409: aiohttp's {@code HTTPConflict}. */
public final class HttpConflict extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 409 with the default text. */
    public HttpConflict() {
        this(null);
    }

    /** A 409 with {@code text} as its body. */
    public HttpConflict(String text) {
        super(409, null, text);
    }
}
