package io.asyncio4j.http.web;

/** 428: aiohttp's {@code HTTPPreconditionRequired}. */
public final class HttpPreconditionRequired extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 428 with the default text. */
    public HttpPreconditionRequired() {
        this(null);
    }

    /** A 428 with {@code text} as its body. */
    public HttpPreconditionRequired(String text) {
        super(428, null, text);
    }
}
