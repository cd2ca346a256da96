package io.asyncio4j.http.web;

import java.util.Objects;

/**
 * A route not yet added to an application: what aiohttp's {@code web.get('/', handler)} returns,
 * for {@link Application#addRoutes(RouteDef...)}. Build one with {@link Web#get}, {@link Web#post}
 * and the others.
 *
 * {@snippet :
 * app.addRoutes(
 *         Web.get("/", Main::index),
 *         Web.get("/users/{id}", Main::user).name("user"),
 *         Web.post("/users", Main::create));
 * }
 *
 * @param method the method, or {@code "*"} for every method
 * @param path the path pattern
 * @param handler the handler
 * @param name the route's name, or null
 */
public record RouteDef(String method, String path, Handler handler, String name) {
    /** Checks that method, path and handler are given. */
    public RouteDef {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }

    /** This route with a name, for {@link Route#urlFor}. */
    public RouteDef name(String name) {
        return new RouteDef(method, path, handler, Objects.requireNonNull(name, "name"));
    }
}
