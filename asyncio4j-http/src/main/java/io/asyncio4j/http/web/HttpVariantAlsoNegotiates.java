package io.asyncio4j.http.web;

/** 506: aiohttp's {@code HTTPVariantAlsoNegotiates}. */
public final class HttpVariantAlsoNegotiates extends HttpServerError {
    private static final long serialVersionUID = 1L;

    /** A 506 with the default text. */
    public HttpVariantAlsoNegotiates() {
        this(null);
    }

    /** A 506 with {@code text} as its body. */
    public HttpVariantAlsoNegotiates(String text) {
        super(506, null, text);
    }
}
