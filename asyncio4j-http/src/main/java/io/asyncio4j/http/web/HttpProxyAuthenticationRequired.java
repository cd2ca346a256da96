package io.asyncio4j.http.web;

/** 407: aiohttp's {@code HTTPProxyAuthenticationRequired}. */
public final class HttpProxyAuthenticationRequired extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 407 with the default text. */
    public HttpProxyAuthenticationRequired() {
        this(null);
    }

    /** A 407 with {@code text} as its body. */
    public HttpProxyAuthenticationRequired(String text) {
        super(407, null, text);
    }
}
