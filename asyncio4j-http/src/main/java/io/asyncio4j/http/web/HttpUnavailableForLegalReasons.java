package io.asyncio4j.http.web;

/** 451: aiohttp's {@code HTTPUnavailableForLegalReasons}. */
public final class HttpUnavailableForLegalReasons extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 451 with the default text. */
    public HttpUnavailableForLegalReasons() {
        this(null);
    }

    /** A 451 with {@code text} as its body. */
    public HttpUnavailableForLegalReasons(String text) {
        super(451, null, text);
    }
}
