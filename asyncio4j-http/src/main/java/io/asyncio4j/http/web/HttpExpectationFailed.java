package io.asyncio4j.http.web;

/** 417: aiohttp's {@code HTTPExpectationFailed}. */
public final class HttpExpectationFailed extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 417 with the default text. */
    public HttpExpectationFailed() {
        this(null);
    }

    /** A 417 with {@code text} as its body. */
    public HttpExpectationFailed(String text) {
        super(417, null, text);
    }
}
