package io.asyncio4j.http.web;

/** 421: aiohttp's {@code HTTPMisdirectedRequest}. */
public final class HttpMisdirectedRequest extends HttpClientError {
    private static final long serialVersionUID = 1L;

    /** A 421 with the default text. */
    public HttpMisdirectedRequest() {
        this(null);
    }

    /** A 421 with {@code text} as its body. */
    public HttpMisdirectedRequest(String text) {
        super(421, null, text);
    }
}
