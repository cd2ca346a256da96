package io.asyncio4j.http.web;

/** 402: aiohttp's {@code HTTPPaymentRequired}. */
public final class HttpPaymentRequired extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 402 with the default text. */
    public HttpPaymentRequired() {
        this(null);
    }

    /** A 402 with {@code text} as its body. */
    public HttpPaymentRequired(String text) {
        super(402, null, text);
    }
}
