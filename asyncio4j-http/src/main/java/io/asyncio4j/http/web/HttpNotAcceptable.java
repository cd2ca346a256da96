package io.asyncio4j.http.web;

/** 406: aiohttp's {@code HTTPNotAcceptable}. */
public final class HttpNotAcceptable extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 406 with the default text. */
    public HttpNotAcceptable() {
        this(null);
    }

    /** A 406 with {@code text} as its body. */
    public HttpNotAcceptable(String text) {
        super(406, null, text);
    }
}
