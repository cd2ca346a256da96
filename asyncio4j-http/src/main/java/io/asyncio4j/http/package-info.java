/**
 * HTTP/1.1 for asyncio4j, aiohttp's role: {@link io.asyncio4j.http.Headers} (aiohttp's {@code
 * CIMultiDict}), the parser's limits ({@link io.asyncio4j.http.HttpLimits}) and its error ({@link
 * io.asyncio4j.http.HttpParseException}, which carries the status a server answers with).
 */
package io.asyncio4j.http;
