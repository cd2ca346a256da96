package io.asyncio4j.http.web;

/** 502: aiohttp's {@code HTTPBadGateway}. */
public final class HttpBadGateway extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 502 with the default text. */
    public HttpBadGateway() {
        this(null);
    }

    /** A 502 with {@code text} as its body. */
    public HttpBadGateway(String text) {
        super(502, null, text);
    }
}
