package io.asyncio4j.http.web;

/** 426: aiohttp's {@code HTTPUpgradeRequired}. */
public final class HttpUpgradeRequired extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 426 with the default text. */
    public HttpUpgradeRequired() {
        this(null);
    }

    /** A 426 with {@code text} as its body. */
    public HttpUpgradeRequired(String text) {
        super(426, null, text);
    }
}
