package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;

/** 303 to {@code Location}: aiohttp's {@code HTTPSeeOther}. */
public final class HttpSeeOther extends HttpRedirection {
    private static final long serialVersionUID = 1L;

    private final String location;

    /** A 303 to {@code location} (a path or an absolute URL). */
    public HttpSeeOther(String location) {
        this(location, null);
    }

    /** A 303 to {@code location} with a body {@code text}. */
    public HttpSeeOther(String location, String text) {
        super(303, null, text);
        this.location = HttpException.requireLocation(location);
        headers().set(HeaderNames.LOCATION, location);
    }

    /** Where the client is sent. */
    public String location() {
        return location;
    }
}
