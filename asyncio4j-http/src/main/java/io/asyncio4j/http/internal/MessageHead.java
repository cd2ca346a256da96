package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

/** What a request head and a response head share: what a connection needs to go on. */
public sealed interface MessageHead permits RequestHead, ResponseHead {
    /** The version of the start line. */
    HttpVersion version();

    /** The header fields, in order, with their received spelling. */
    Headers headers();

    /** How the body is delimited. */
    BodyKind bodyKind();

    /**
     * The {@code Content-Length} that frames the body ({@link BodyKind#LENGTH}, or {@link
     * BodyKind#NONE} for 0), else -1.
     */
    long contentLength();

    /**
     * Whether the connection may carry another message after this one: HTTP/1.1 unless {@code
     * Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive}; never after a body read
     * until close.
     */
    boolean keepAlive();
}
