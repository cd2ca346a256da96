package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.Ascii;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The routes of an {@link Application}: aiohttp's {@code UrlDispatcher} ({@code app.router}). A
 * request goes to the route whose path matches and whose method is the request's; a {@code GET}
 * route also answers {@code HEAD}. A path that matches with another method only is answered 405
 * with {@code Allow}; a path nothing matches, 404.
 *
 * {@snippet :
 * Router router = app.router();
 * router.addGet("/", Main::index);
 * router.addGet("/users/{id}", Main::user, "user");
 * router.addPost("/users", Main::create);
 * router.add("PROPFIND", "/dav/{tail:.*}", Main::dav);
 * }
 *
 * <p>Matching order: a plain path (no variables) is looked up first, whatever the order the routes
 * were added in; then the routes with variables and the sub-applications, in the order they were
 * added. Paths are matched percent-encoded (an encoded '/' in a value does not split it), after
 * escapes of unreserved characters were decoded ({@code /%7Eann} matches {@code /~ann}).
 *
 * <p>Routes are added before the application starts; after that the router is frozen.
 */
public final class Router {
    /** The method of a route that takes every method (aiohttp's {@code METH_ANY}). */
    public static final String ANY = "*";

    private final Application app;
    private final Map<String, Resource> plain = new HashMap<>();
    /** Dynamic resources and sub-applications, in the order they were added. */
    private final List<Object> ordered = new ArrayList<>();

    private final Map<String, Route> named = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();

    Router(Application app) {
        this.app = app;
    }

    Application app() {
        return app;
    }

    /**
     * Adds a route for {@code method} ({@link #ANY} for every method) and {@code path}; aiohttp's
     * {@code add_route}.
     *
     * @throws IllegalArgumentException if the method is not a token, the path is malformed, or the
     *     method and path already have a route
     * @throws IllegalStateException if the application has started
     */
    public Route add(String method, String path, Handler handler) {
        return add(method, path, handler, null);
    }

    /** {@link #add(String, String, Handler)} with a name for {@link #named} and {@link Route#urlFor}. */
    public Route add(String method, String path, Handler handler, String name) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        app.checkNotFrozen("add a route");
        if (!method.equals(ANY)) {
            if (method.isEmpty()) {
                throw new IllegalArgumentException("a method cannot be empty");
            }
            for (int i = 0; i < method.length(); i++) {
                if (!Ascii.isToken(method.charAt(i))) {
                    throw new IllegalArgumentException("method \"" + method + "\" holds "
                            + Ascii.describe(method.charAt(i)) + ": a method is a token");
                }
            }
        }
        if (name != null && named.containsKey(name)) {
            throw new IllegalArgumentException("a route named " + name + " exists already: " + named.get(name));
        }
        PathPattern pattern = PathPattern.parse(path);
        Resource resource = resourceFor(pattern);
        Route route = new Route(this, method, pattern, handler, name);
        resource.add(route);
        routes.add(route);
        if (name != null) {
            named.put(name, route);
        }
        return route;
    }

    private Resource resourceFor(PathPattern pattern) {
        if (pattern.plain() != null) {
            return plain.computeIfAbsent(pattern.plain(), p -> new Resource(pattern));
        }
        for (Object o : ordered) {
            if (o instanceof Resource r && r.pattern.source().equals(pattern.source())) {
                return r;
            }
        }
        Resource r = new Resource(pattern);
        ordered.add(r);
        return r;
    }

    /** A {@code GET} route, which also answers {@code HEAD}; aiohttp's {@code add_get}. */
    public Route addGet(String path, Handler handler) {
        return add("GET", path, handler, null);
    }

    /** A named {@code GET} route. */
    public Route addGet(String path, Handler handler, String name) {
        return add("GET", path, handler, name);
    }

    /** A {@code POST} route. */
    public Route addPost(String path, Handler handler) {
        return add("POST", path, handler, null);
    }

    /** A {@code PUT} route. */
    public Route addPut(String path, Handler handler) {
        return add("PUT", path, handler, null);
    }

    /** A {@code PATCH} route. */
    public Route addPatch(String path, Handler handler) {
        return add("PATCH", path, handler, null);
    }

    /** A {@code DELETE} route. */
    public Route addDelete(String path, Handler handler) {
        return add("DELETE", path, handler, null);
    }

    /** A {@code HEAD} route (a {@code GET} route answers {@code HEAD} without one). */
    public Route addHead(String path, Handler handler) {
        return add("HEAD", path, handler, null);
    }

    /**
     * A class-based view for every method of {@code path}: aiohttp's {@code add_view}. A new
     * instance of {@code view} handles each request; see {@link View}.
     *
     * @throws IllegalArgumentException if the view has no constructor without arguments
     */
    public Route addView(String path, Class<? extends View> view) {
        return add(ANY, path, View.handler(view), null);
    }

    /** {@link #addView(String, Class)} with a name. */
    public Route addView(String path, Class<? extends View> view, String name) {
        return add(ANY, path, View.handler(view), name);
    }

    /**
     * Serves the files under {@code directory} at {@code prefix}: a GET (and HEAD) route for {@code
     * prefix/...} answering with {@link FileResponse} (ranges, conditional requests, precompressed
     * siblings, zero-copy sending); aiohttp's {@code add_static}. The path is checked against every
     * way out of the directory ({@code ..}, encoded or double-encoded, backslashes, absolute paths,
     * NUL, links out of it): such a request is answered 403 or 404, never with a file outside.
     *
     * @throws IllegalArgumentException if {@code prefix} does not start with '/' or holds a variable,
     *     or {@code directory} is not an existing directory
     * @throws IllegalStateException if the application has started
     */
    public Route addStatic(String prefix, Path directory, StaticOptions options) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        if (!prefix.startsWith("/") || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException(
                    "a static prefix starts with '/' and holds no variable, got \"" + prefix + "\"");
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        StaticFiles files = new StaticFiles(directory, options);
        return add("GET", p + "/{" + StaticHandler.TAIL + ":.*}", new StaticHandler(files), null);
    }

    /** {@link #addStatic(String, Path, StaticOptions)} with {@link StaticOptions#defaults()}. */
    public Route addStatic(String prefix, Path directory) {
        return addStatic(prefix, directory, StaticOptions.defaults());
    }

    /**
     * The route named {@code name}; aiohttp's {@code router["name"]}.
     *
     * @throws IllegalArgumentException if there is none; the message lists the names there are
     */
    public Route named(String name) {
        Route r = named.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no route named " + name + "; the named routes are " + named.keySet());
        }
        return r;
    }

    /** Every route, in the order added (not those of sub-applications). */
    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    void addSubapp(String prefix, Application sub) {
        ordered.add(new Mount(prefix, sub));
    }

    List<Application> subapps() {
        List<Application> subs = new ArrayList<>();
        for (Object o : ordered) {
            if (o instanceof Mount m) {
                subs.add(m.app);
            }
        }
        return subs;
    }

    /** Wraps every route's handler in the middlewares, innermost first: this app's, then its parents'. */
    void freeze(List<Middleware> outer) {
        List<Middleware> mine = new ArrayList<>(outer);
        mine.addAll(app.middlewares());
        for (Route r : routes) {
            r.chain = wrap(r.handler(), mine);
        }
        app.errorChain = wrap(Router::matchError, mine);
        for (Object o : ordered) {
            if (o instanceof Mount m) {
                m.app.router().freeze(mine);
            }
        }
        for (Resource r : plain.values()) {
            r.freeze();
        }
        for (Object o : ordered) {
            if (o instanceof Resource r) {
                r.freeze();
            }
        }
    }

    private static StreamResponse matchError(Request request) {
        Set<String> allowed = request.allowedMethods();
        if (allowed == null || allowed.isEmpty()) {
            throw new HttpNotFound();
        }
        throw new HttpMethodNotAllowed(request.method(), allowed);
    }

    private static Handler wrap(Handler inner, List<Middleware> middlewares) {
        Handler h = inner;
        for (int i = middlewares.size() - 1; i >= 0; i--) {
            Middleware mw = middlewares.get(i);
            Handler next = h;
            h = request -> mw.handle(request, next);
        }
        return h;
    }

    // ---- matching ----

    /**
     * What a request's method and path resolve to.
     *
     * @param route the route, or null (404 or 405)
     * @param matchInfo the variables' values
     * @param app the application of the route, or of the innermost sub-application whose prefix
     *     matched
     * @param allowed for a 405, the methods the path takes; else null
     */
    record Resolved(Route route, Map<String, String> matchInfo, Application app, Set<String> allowed) {}

    Resolved resolve(String method, String path) {
        Resource r = plain.get(path);
        Set<String> allowed = null;
        if (r != null) {
            Resolved found = r.plainMatch(method);
            if (found != null) {
                return found;
            }
            allowed = r.addAllowed(null);
        }
        for (Object o : ordered) {
            if (o instanceof Resource res) {
                Map<String, String> info = res.pattern.match(path);
                if (info == null) {
                    continue;
                }
                Route route = res.select(method);
                if (route != null) {
                    return new Resolved(route, Collections.unmodifiableMap(info), app, null);
                }
                allowed = res.addAllowed(allowed);
            } else {
                Mount m = (Mount) o;
                if (path.startsWith(m.prefix)
                        && path.length() > m.prefix.length()
                        && path.charAt(m.prefix.length()) == '/') {
                    Resolved inner = m.app.router().resolve(method, path.substring(m.prefix.length()));
                    if (inner.route != null || inner.allowed != null || allowed == null) {
                        return inner;
                    }
                }
            }
        }
        return new Resolved(null, Map.of(), app, allowed);
    }

    /** The routes of one path pattern, by method. */
    private final class Resource {
        final PathPattern pattern;
        final Map<String, Route> byMethod = new LinkedHashMap<>();
        /** For a plain resource: the answer for each method, made once (no allocation per request). */
        final Map<String, Resolved> plainAnswers = new HashMap<>();

        Resource(PathPattern pattern) {
            this.pattern = pattern;
        }

        void add(Route route) {
            Route old = byMethod.putIfAbsent(route.method(), route);
            if (old != null) {
                throw new IllegalArgumentException(
                        "a route for " + route.method() + " " + pattern.source() + " exists already: " + old);
            }
        }

        void freeze() {
            if (pattern.plain() != null) {
                for (Route route : byMethod.values()) {
                    plainAnswers.put(route.method(), new Resolved(route, Map.of(), app, null));
                }
                Route get = byMethod.get("GET");
                if (get != null && !byMethod.containsKey("HEAD")) {
                    plainAnswers.put("HEAD", plainAnswers.get("GET"));
                }
            }
        }

        Resolved plainMatch(String method) {
            Resolved r = plainAnswers.get(method);
            if (r == null) {
                Route any = byMethod.get(ANY);
                return any == null ? null : plainAnswers.get(ANY);
            }
            return r;
        }

        Route select(String method) {
            Route r = byMethod.get(method);
            if (r == null && method.equals("HEAD")) {
                r = byMethod.get("GET");
            }
            return r != null ? r : byMethod.get(ANY);
        }

        Set<String> addAllowed(Set<String> into) {
            Set<String> s = into == null ? new LinkedHashSet<>() : into;
            for (String m : byMethod.keySet()) {
                s.add(m);
                if (m.equals("GET")) {
                    s.add("HEAD");
                }
            }
            return s;
        }
    }

    private record Mount(String prefix, Application app) {}
}
