package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;

/** 302 to {@code Location}: aiohttp's {@code HTTPFound}. */
public final class HttpFound extends HttpRedirection {
    private static final long serialVersionUID = 1L;

    private final String location;

    /** A 302 to {@code location} (a path or an absolute URL). */
    public HttpFound(String location) {
        this(location, null);
    }

    /** A 302 to {@code location} with a body {@code text}. */
    public HttpFound(String location, String text) {
        super(302, null, text);
        this.location = HttpException.requireLocation(location);
        headers().set(HeaderNames.LOCATION, location);
    }

    /** Where the client is sent. */
    public String location() {
        return location;
    }
}
