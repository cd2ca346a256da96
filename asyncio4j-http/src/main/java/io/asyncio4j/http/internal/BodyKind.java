package io.asyncio4j.http.internal;

/** How a message's body is delimited (RFC 9112 section 6.3). */
public enum BodyKind {
    /** No body: a request without framing headers, a HEAD response, 1xx, 204, 304. */
    NONE,
    /** {@code Content-Length} bytes. */
    LENGTH,
    /** {@code Transfer-Encoding: chunked}, then trailer fields. */
    CHUNKED,
    /** Everything until the peer closes (responses only: no framing header). */
    UNTIL_CLOSE,
    /** No body, and the connection then carries another protocol (101, a CONNECT tunnel). */
    SWITCH
}
