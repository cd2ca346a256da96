package io.asyncio4j.http.client;

import java.net.URI;

/**
 * A URL that cannot be requested: it does not parse, has no host, or its scheme is not {@code http}
 * or {@code https} (also when a redirect points there); aiohttp's {@code InvalidURL}. The message
 * quotes the URL and says what is wrong.
 */
public final class InvalidUrl extends ClientError {
    private static final long serialVersionUID = 1L;

    private final String text;

    InvalidUrl(String text, String problem, URI url) {
        super("invalid URL '" + text + "': " + problem, url, null);
        this.text = text;
    }

    /** The URL as given. */
    public String text() {
        return text;
    }
}
