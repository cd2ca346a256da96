package io.asyncio4j.http.web;

/** 422: aiohttp's {@code HTTPUnprocessableEntity}. */
public final class HttpUnprocessableEntity extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 422 with the default text. */
    public HttpUnprocessableEntity() {
        this(null);
    }

    /** A 422 with {@code text} as its body. */
    public HttpUnprocessableEntity(String text) {
        super(422, null, text);
    }
}
