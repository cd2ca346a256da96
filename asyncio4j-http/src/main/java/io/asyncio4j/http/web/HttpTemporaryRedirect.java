package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;

/** 307 to {@code Location}: aiohttp's {@code HTTPTemporaryRedirect}. */
public final class HttpTemporaryRedirect extends HttpRedirection {
    private static final long serialVersionUID = 1L;

    private final String location;

    /** A 307 to {@code location} (a path or an absolute URL). */
    public HttpTemporaryRedirect(String location) {
        this(location, null);
    }

    /** A 307 to {@code location} with a body {@code text}. */
    public HttpTemporaryRedirect(String location, String text) {
        super(307, null, text);
        this.location = HttpException.requireLocation(location);
        headers().set(HeaderNames.LOCATION, location);
    }

    /** Where the client is sent. */
    public String location() {
        return location;
    }
}
