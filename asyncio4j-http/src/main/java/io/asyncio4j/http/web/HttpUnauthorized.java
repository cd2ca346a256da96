package io.asyncio4j.http.web;

/** 401: aiohttp's {@code HTTPUnauthorized}. */
public final class HttpUnauthorized extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 401 with the default text. */
    public HttpUnauthorized() {
        this(null);
    }

    /** A 401 with {@code text} as its body. */
    public HttpUnauthorized(String text) {
        super(401, null, text);
    }
}
