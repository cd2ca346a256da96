package io.asyncio4j.http.web;

/** 504: aiohttp's {@code HTTPGatewayTimeout}. */
public final class HttpGatewayTimeout extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 504 with the default text. */
    public HttpGatewayTimeout() {
        this(null);
    }

    /** A 504 with {@code text} as its body. */
    public HttpGatewayTimeout(String text) {
        super(504, null, text);
    }
}
