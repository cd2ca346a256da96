package io.asyncio4j.http.web;

/** 400: aiohttp's {@code HTTPBadRequest}. */
public final class HttpBadRequest extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 400 with the default text. */
    public HttpBadRequest() {
        this(null);
    }

    /** A 400 with {@code text} as its body. */
    public HttpBadRequest(String text) {
        super(400, null, text);
    }
}
