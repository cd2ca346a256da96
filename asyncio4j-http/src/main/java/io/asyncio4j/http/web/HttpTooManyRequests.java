package io.asyncio4j.http.web;

/** 429: aiohttp's {@code HTTPTooManyRequests}. */
public final class HttpTooManyRequests extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 429 with the default text. */
    public HttpTooManyRequests() {
        this(null);
    }

    /** A 429 with {@code text} as its body. */
    public HttpTooManyRequests(String text) {
        super(429, null, text);
    }
}
