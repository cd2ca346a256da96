package io.asyncio4j.http;

/**
 * The HTTP/1 versions a message can carry. A message announcing {@code HTTP/1.2} or a later minor
 * version is read as {@link #HTTP_1_1}, as RFC 9110 section 2.5 asks.
 */
public enum HttpVersion {
    /** {@code HTTP/1.0}: connections close after each message unless {@code keep-alive} is asked. */
    HTTP_1_0("HTTP/1.0"),
    /** {@code HTTP/1.1}: connections stay open unless {@code Connection: close} is sent. */
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** The version as written on the wire, {@code "HTTP/1.1"}. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
