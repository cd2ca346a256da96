package io.asyncio4j.http.web;

/** 403: aiohttp's {@code HTTPForbidden}. */
public final class HttpForbidden extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 403 with the default text. */
    public HttpForbidden() {
        this(null);
    }

    /** A 403 with {@code text} as its body. */
    public HttpForbidden(String text) {
        super(403, null, text);
    }
}
