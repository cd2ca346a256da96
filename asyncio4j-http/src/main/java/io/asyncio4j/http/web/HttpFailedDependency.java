package io.asyncio4j.http.web;

/** 424: aiohttp's {@code HTTPFailedDependency}. */
public final class HttpFailedDependency extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 424 with the default text. */
    public HttpFailedDependency() {
        this(null);
    }

    /** A 424 with {@code text} as its body. */
    public HttpFailedDependency(String text) {
        super(424, null, text);
    }
}
