package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;

/** 301 to {@code Location}: aiohttp's {@code HTTPMovedPermanently}. */
public final class HttpMovedPermanently extends HttpRedirection {
    private static final long serialVersionUID = 1L;

    private final String location;

    /** A 301 to {@code location} (a path or an absolute URL). */
    public HttpMovedPermanently(String location) {
        this(location, null);
    }

    /** A 301 to {@code location} with a body {@code text}. */
    public HttpMovedPermanently(String location, String text) {
        super(301, null, text);
        this.location = HttpException.requireLocation(location);
        headers().set(HeaderNames.LOCATION, location);
    }

    /** Where the client is sent. */
    public String location() {
        return location;
    }
}
