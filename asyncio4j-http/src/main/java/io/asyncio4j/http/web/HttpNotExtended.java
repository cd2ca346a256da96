package io.asyncio4j.http.web;

/** 510: aiohttp's {@code HTTPNotExtended}. */
public final class HttpNotExtended extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 510 with the default text. */
    public HttpNotExtended() {
        this(null);
    }

    /** A 510 with {@code text} as its body. */
    public HttpNotExtended(String text) {
        super(510, null, text);
    }
}
