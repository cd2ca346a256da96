package io.asyncio4j.http.web;

/** 505: aiohttp's {@code HTTPVersionNotSupported}. */
public final class HttpVersionNotSupported extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 505 with the default text. */
    public HttpVersionNotSupported() {
        this(null);
    }

    /** A 505 with {@code text} as its body. */
    public HttpVersionNotSupported(String text) {
        super(505, null, text);
    }
}
