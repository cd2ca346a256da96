package io.asyncio4j.http.internal;

/** The four forms of a request target (RFC 9112 section 3.2). */
public enum TargetForm {
    /** {@code /path?query}: the usual form. */
    ORIGIN,
    /** {@code http://host/path}: to proxies, and accepted by servers. */
    ABSOLUTE,
    /** {@code host:port}: CONNECT only. */
    AUTHORITY,
    /** {@code *}: server-wide OPTIONS only. */
    ASTERISK
}
