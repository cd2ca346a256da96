package io.asyncio4j.http.web;

/** 411: aiohttp's {@code HTTPLengthRequired}. */
public final class HttpLengthRequired extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 411 with the default text. */
    public HttpLengthRequired() {
        this(null);
    }

    /** A 411 with {@code text} as its body. */
    public HttpLengthRequired(String text) {
        super(411, null, text);
    }
}
