/**
 * The HTTP client: aiohttp's {@code ClientSession} for asyncio4j. A {@link
 * io.asyncio4j.http.client.ClientSession} sends requests as ordinary suspending calls of the calling
 * task over a pool of keep-alive connections; {@link io.asyncio4j.http.client.Options} holds the
 * per-request options to import statically, {@link io.asyncio4j.http.client.SessionOptions} the
 * session's, {@link io.asyncio4j.http.client.ClientTimeout} the timeouts, and {@link
 * io.asyncio4j.http.client.ClientError} heads the errors.
 */
package io.asyncio4j.http.client;
