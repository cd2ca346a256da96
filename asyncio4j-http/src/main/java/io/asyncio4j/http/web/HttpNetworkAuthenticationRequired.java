package io.asyncio4j.http.web;

/** 511: aiohttp's {@code HTTPNetworkAuthenticationRequired}. */
public final class HttpNetworkAuthenticationRequired extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 511 with the default text. */
    public HttpNetworkAuthenticationRequired() {
        this(null);
    }

    /** A 511 with {@code text} as its body. */
    public HttpNetworkAuthenticationRequired(String text) {
        super(511, null, text);
    }
}
