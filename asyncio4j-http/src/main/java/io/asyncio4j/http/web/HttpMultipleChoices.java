package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;

/** 300 to {@code Location}: aiohttp's {@code HTTPMultipleChoices}. */
public final class HttpMultipleChoices extends HttpRedirection {
    private static final long serialVersionUID = 1L;

    private final String location;

    /** A 300 to {@code location} (a path or an absolute URL). */
    public HttpMultipleChoices(String location) {
        this(location, null);
    }

    /** A 300 to {@code location} with a body {@code text}. */
    public HttpMultipleChoices(String location, String text) {
        super(300, null, text);
        this.location = HttpException.requireLocation(location);
        headers().set(HeaderNames.LOCATION, location);
    }

    /** Where the client is sent. */
    public String location() {
        return location;
    }
}
