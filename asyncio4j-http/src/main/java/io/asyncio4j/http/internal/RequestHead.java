package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;

/**
 * A parsed request line and header fields.
 *
 * @param method the method, case-sensitive ({@code "GET"}); common methods are shared strings
 * @param target the request target as received (not decoded)
 * @param targetForm which of the four forms {@code target} has
 * @param version the version
 * @param headers the header fields
 * @param bodyKind how the body is delimited: {@link BodyKind#NONE}, {@link BodyKind#LENGTH} or
 *     {@link BodyKind#CHUNKED}
 * @param contentLength the declared length, or -1
 * @param keepAlive whether another request may follow on the connection
 * @param upgrade whether the client asks to switch protocols ({@code Connection: upgrade} with an
 *     {@code Upgrade} field in HTTP/1.1) or to open a tunnel ({@code CONNECT}); after this message
 *     the parser stops at {@link HttpParser.Event#UPGRADE}
 * @param expectContinue whether the client waits for {@code 100 Continue} before sending its body
 *     ({@code Expect: 100-continue} in HTTP/1.1)
 */
public record RequestHead(
        String method,
        String target,
        TargetForm targetForm,
        HttpVersion version,
        Headers headers,
        BodyKind bodyKind,
        long contentLength,
        boolean keepAlive,
        boolean upgrade,
        boolean expectContinue)
        implements MessageHead {}
