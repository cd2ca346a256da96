package io.asyncio4j.http.web;

/** 304, the client's copy is current (no body): aiohttp's {@code HTTPNotModified}. */
public final class HttpNotModified extends HttpRedirection {
    private static final long serialVersionUID = 1L;

    /** A 304. */
    public HttpNotModified() {
        super(304, null, null);
    }
}
