package io.asyncio4j.http.web;

/**
 * Answers a request: aiohttp's request handler ({@code async def handler(request)}). It runs as
 * an ordinary asyncio4j task, so it may {@code gather}, {@code sleep}, take a {@code Lock}, or call
 * a blocking JDK API (JDBC, {@code java.net.Socket}): a blocking call parks only this request.
 *
 * {@snippet :
 * Handler hello = request -> Response.text("Hello, " + request.matchInfo().get("name"));
 * }
 *
 * <p>It returns the response (a {@link Response}, or a {@link StreamResponse} it has already
 * prepared and written) or throws: an {@link HttpException} becomes its status, anything else a
 * 500 reported to the loop's exception handler.
 */
@FunctionalInterface
public interface Handler {
    /** The response to {@code request}. */
    StreamResponse handle(Request request) throws Exception;
}
