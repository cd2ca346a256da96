package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;

/** 308 to {@code Location}: aiohttp's {@code HTTPPermanentRedirect}. */
public final class HttpPermanentRedirect extends HttpRedirection {
    private static final long serialVersionUID = 1L;

    private final String location;

    /** A 308 to {@code location} (a path or an absolute URL). */
    public HttpPermanentRedirect(String location) {
        this(location, null);
    }

    /** A 308 to {@code location} with a body {@code text}. */
    public HttpPermanentRedirect(String location, String text) {
        super(308, null, text);
        this.location = HttpException.requireLocation(location);
        headers().set(HeaderNames.LOCATION, location);
    }

    /** Where the client is sent. */
    public String location() {
        return location;
    }
}
