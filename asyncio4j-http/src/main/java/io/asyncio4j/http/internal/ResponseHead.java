package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

/**
 * A parsed status line and header fields.
 *
 * @param version the version
 * @param status the status code, 100 to 599
 * @param reason the reason phrase, possibly empty
 * @param headers the header fields
 * @param bodyKind how the body is delimited; {@link BodyKind#NONE} for 1xx, 204, 304 and any
 *     response to HEAD; {@link BodyKind#SWITCH} for 101 and a 2xx answer to CONNECT
 * @param contentLength the {@code Content-Length} that frames the body, else -1 (a HEAD, 204 or 304
 *     response keeps its {@code Content-Length} field in {@code headers}, unread)
 * @param keepAlive whether another response may follow on the connection
 */
public record ResponseHead(
        HttpVersion version,
        int status,
        String reason,
        Headers headers,
        BodyKind bodyKind,
        long contentLength,
        boolean keepAlive)
        implements MessageHead {

    /** Whether this is an interim 1xx response other than 101: the final response follows. */
    public boolean informational() {
        return status < 200 && status != 101;
    }
}
