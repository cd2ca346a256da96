package io.asyncio4j.http.web;

/**
 * Wraps the handling of every request of an application: aiohttp's {@code @web.middleware}
 * ({@code async def mw(request, handler)}). It may change the request's state, call {@code handler}
 * (the next middleware, or the route's handler) or answer by itself without calling it, and change
 * or replace the response.
 *
 * {@snippet :
 * Middleware timing = (request, handler) -> {
 *     long start = System.nanoTime();
 *     StreamResponse response = handler.handle(request);
 *     response.headers().set("X-Elapsed-Micros", String.valueOf((System.nanoTime() - start) / 1000));
 *     return response;
 * };
 * app.middleware(timing);
 * }
 *
 * <p>Middlewares run in the order they were added, the first outermost; a sub-application's run
 * inside its parent's. They also wrap the 404 and 405 answers (the innermost handler throws {@link
 * HttpNotFound} or {@link HttpMethodNotAllowed}), so a middleware can turn them into pages of its
 * own.
 */
@FunctionalInterface
public interface Middleware {
    /** Handles {@code request}, usually by calling {@code handler}. */
    StreamResponse handle(Request request, Handler handler) throws Exception;
}
