package io.asyncio4j.http.web;

/** 412: aiohttp's {@code HTTPPreconditionFailed}. */
public final class HttpPreconditionFailed extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 412 with the default text. */
    public HttpPreconditionFailed() {
        this(null);
    }

    /** A 412 with {@code text} as its body. */
    public HttpPreconditionFailed(String text) {
        super(412, null, text);
    }
}
