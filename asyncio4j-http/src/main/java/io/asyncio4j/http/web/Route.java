package io.asyncio4j.http.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method and a path pattern bound to a handler in an application's {@link Router}: aiohttp's
 * {@code ResourceRoute}. A named route builds its URL back from its variables ({@link #urlFor}),
 * aiohttp's {@code request.app.router["name"].url_for(id="1")}.
 *
 * {@snippet :
 * app.router().addGet("/users/{id}", Users::show, "user");
 * String url = app.router().named("user").urlFor("id", "42"); // "/users/42"
 * }
 */
public final class Route {
    private final Router router;
    private final String method;
    private final PathPattern pattern;
    private final Handler handler;
    private final String name;

    /** The handler wrapped in the middlewares of its application and its parents; set at start-up. */
    Handler chain;

    Route(Router router, String method, PathPattern pattern, Handler handler, String name) {
        this.router = router;
        this.method = method;
        this.pattern = pattern;
        this.handler = handler;
        this.name = name;
    }

    /** The method, {@code "GET"}; {@code "*"} for a route that takes every method. */
    public String method() {
        return method;
    }

    /** The path pattern as given, {@code "/users/{id}"}, relative to the sub-application's prefix. */
    public String path() {
        return pattern.source();
    }

    /** The route's name, or null. */
    public String name() {
        return name;
    }

    /** The handler, without middlewares. */
    public Handler handler() {
        return handler;
    }

    /** The application whose router holds this route. */
    public Application app() {
        return router.app();
    }

    PathPattern pattern() {
        return pattern;
    }

    /**
     * The URL path of this route with the given variables, percent-encoded, prefixed by the
     * sub-applications it is under: {@code urlFor("id", "42")} is {@code "/users/42"}.
     *
     * @throws IllegalArgumentException if a variable lacks a value, a value names no variable, or
     *     the count is odd
     */
    public String urlFor(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("urlFor takes variable names and values in pairs; got an odd count ("
                    + namesAndValues.length + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return urlFor(values);
    }

    /** {@link #urlFor(String...)} with the values in a map. */
    public String urlFor(Map<String, String> values) {
        return router.app().prefixPath() + pattern.build(values);
    }

    /** {@code <Route GET /users/{id} name=user>}. */
    @Override
    public String toString() {
        return "<Route " + method + " " + pattern.source() + (name == null ? "" : " name=" + name) + ">";
    }
}
