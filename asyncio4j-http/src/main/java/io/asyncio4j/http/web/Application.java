package io.asyncio4j.http.web;

import io.asyncio4j.http.client.JsonCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A web application: routes, middlewares, state and life-cycle hooks; aiohttp's {@code
 * web.Application}. Build it, then serve it with {@link Web#runApp} or an {@link AppRunner}.
 *
 * {@snippet :
 * Application app = new Application();
 * app.addRoutes(
 *         Web.get("/", request -> Response.text("Hello, World!")),
 *         Web.get("/users/{id}", request -> Response.json(Map.of("id", request.matchInfo().get("id")))));
 * Web.runApp(app, "127.0.0.1", 8080);
 * }
 *
 * <p>An application is configured on one thread before it starts; from its start-up on, it is
 * frozen: routes, middlewares, hooks and sub-applications can no longer be added ({@link
 * IllegalStateException}). State ({@link #set}, {@link #get}) may change at any time and is safe to
 * read from every loop of a runner with {@link RunnerOptions#workers workers}.
 */
public final class Application {
    /** aiohttp's default {@code client_max_size}: 1 MiB. */
    public static final long DEFAULT_CLIENT_MAX_SIZE = 1024 * 1024;

    private final Router router = new Router(this);
    private final List<Middleware> middlewares = new ArrayList<>();
    private final List<AppHook> onStartup = new ArrayList<>();
    private final List<AppHook> onShutdown = new ArrayList<>();
    private final List<AppHook> onCleanup = new ArrayList<>();
    private final List<CleanupContext> cleanupCtx = new ArrayList<>();
    private final Map<AppKey<?>, Object> state = new ConcurrentHashMap<>();
    private long clientMaxSize = DEFAULT_CLIENT_MAX_SIZE;
    private JsonCodec jsonCodec = JsonCodec.defaultCodec();

    private volatile boolean frozen;
    private Application parent;
    private String prefix = "";

    /** The handler of 404 and 405 wrapped in this application's middlewares; set when frozen. */
    Handler errorChain;

    /** An empty application. */
    public Application() {}

    // ---- routes ----

    /** The router, to add routes one by one; aiohttp's {@code app.router}. */
    public Router router() {
        return router;
    }

    /**
     * Adds routes made with {@link Web#get} and its siblings; aiohttp's {@code app.add_routes}.
     *
     * @return this application
     */
    public Application addRoutes(RouteDef... routes) {
        return addRoutes(List.of(routes));
    }

    /** {@link #addRoutes(RouteDef...)} with a list. */
    public Application addRoutes(List<RouteDef> routes) {
        for (RouteDef r : routes) {
            router.add(r.method(), r.path(), r.handler(), r.name());
        }
        return this;
    }

    /**
     * Serves {@code sub} under {@code prefix}: a request for {@code /admin/users} goes to {@code
     * sub}'s route {@code /users} when {@code prefix} is {@code /admin}; aiohttp's {@code
     * add_subapp}. Its middlewares run inside this application's, its hooks after this
     * application's, and its state stays its own ({@link Request#config} looks through both).
     *
     * @throws IllegalArgumentException if the prefix does not start with '/', ends with one, or
     *     {@code sub} is already a sub-application
     * @throws IllegalStateException if either application has started
     */
    public Application addSubapp(String prefix, Application sub) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(sub, "sub");
        checkNotFrozen("add a sub-application");
        sub.checkNotFrozen("be added as a sub-application");
        if (!prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/")) {
            throw new IllegalArgumentException(
                    "a sub-application's prefix starts with '/' and does not end with one: \"" + prefix + "\"");
        }
        if (sub.parent != null || sub == this) {
            throw new IllegalArgumentException("the application is a sub-application already (of " + sub.parent + ")");
        }
        sub.parent = this;
        sub.prefix = UrlCodec.normalizePath(UrlCodec.encodePath(prefix));
        router.addSubapp(sub.prefix, sub);
        return this;
    }

    /** The application this one is a sub-application of, or null. */
    public Application parent() {
        return parent;
    }

    /** The URL path prefix of this application: its own prefix after its parents' ({@code ""} for the root). */
    String prefixPath() {
        return parent == null ? prefix : parent.prefixPath() + prefix;
    }

    // ---- middlewares ----

    /**
     * Appends a middleware: the first added runs outermost; aiohttp's {@code middlewares=[...]}.
     *
     * @return this application
     */
    public Application middleware(Middleware middleware) {
        Objects.requireNonNull(middleware, "middleware");
        checkNotFrozen("add a middleware");
        middlewares.add(middleware);
        return this;
    }

    /** The middlewares, outermost first. */
    public List<Middleware> middlewares() {
        return Collections.unmodifiableList(middlewares);
    }

    // ---- hooks ----

    /**
     * Runs {@code hook} when the runner starts, before any request is served; aiohttp's {@code
     * on_startup}. Hooks run in the order added; one that throws fails the start.
     */
    public Application onStartup(AppHook hook) {
        checkNotFrozen("add an on_startup hook");
        onStartup.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /**
     * Runs {@code hook} when the runner stops, after the sites stopped accepting and before the
     * connections are closed, to tell long-lived connections (WebSockets, event streams) to end;
     * aiohttp's {@code on_shutdown}.
     */
    public Application onShutdown(AppHook hook) {
        checkNotFrozen("add an on_shutdown hook");
        onShutdown.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /**
     * Runs {@code hook} at clean-up, after every connection has ended; aiohttp's {@code
     * on_cleanup}. Every hook runs even if one throws; the errors are reported.
     */
    public Application onCleanup(AppHook hook) {
        checkNotFrozen("add an on_cleanup hook");
        onCleanup.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** Adds a resource that lives while the application serves; aiohttp's {@code cleanup_ctx}. */
    public Application cleanupCtx(CleanupContext context) {
        checkNotFrozen("add a cleanup context");
        cleanupCtx.add(Objects.requireNonNull(context, "context"));
        return this;
    }

    List<AppHook> startupHooks() {
        return onStartup;
    }

    List<AppHook> shutdownHooks() {
        return onShutdown;
    }

    List<AppHook> cleanupHooks() {
        return onCleanup;
    }

    List<CleanupContext> cleanupContexts() {
        return cleanupCtx;
    }

    List<Application> subapps() {
        return router.subapps();
    }

    // ---- state ----

    /**
     * Stores {@code value} under {@code key}; aiohttp's {@code app[key] = value}.
     *
     * @throws IllegalArgumentException if the value is not of the key's type
     */
    public <T> Application set(AppKey<T> key, T value) {
        state.put(Objects.requireNonNull(key, "key"), key.check(value));
        return this;
    }

    /**
     * The value under {@code key}; aiohttp's {@code app[key]}.
     *
     * @throws java.util.NoSuchElementException if nothing is stored under it
     */
    @SuppressWarnings("unchecked")
    public <T> T get(AppKey<T> key) {
        Object v = state.get(key);
        if (v == null) {
            throw new java.util.NoSuchElementException(key + " is not set in this application"
                    + (parent == null ? "" : "; Request.config(key) also looks in the parent applications"));
        }
        return (T) v;
    }

    /** The value under {@code key}, or {@code fallback}. */
    @SuppressWarnings("unchecked")
    public <T> T get(AppKey<T> key, T fallback) {
        Object v = state.get(key);
        return v == null ? fallback : (T) v;
    }

    /** Removes the value under {@code key}; returns whether there was one. */
    public boolean remove(AppKey<?> key) {
        return state.remove(key) != null;
    }

    // ---- settings ----

    /**
     * The largest body {@link Request#bytes()}, {@link Request#text()} and {@link Request#json}
     * accept (413 beyond it): aiohttp's {@code client_max_size}, 1 MiB by default. Streaming with
     * {@link Request#content()} is not limited by it.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Application clientMaxSize(long bytes) {
        checkNotFrozen("change client_max_size");
        if (bytes <= 0) {
            throw new IllegalArgumentException("clientMaxSize must be positive, got " + bytes);
        }
        clientMaxSize = bytes;
        return this;
    }

    /** The largest body read whole; see {@link #clientMaxSize(long)}. */
    public long clientMaxSize() {
        return clientMaxSize;
    }

    /**
     * The codec of {@link Response#json} and {@link Request#json}: {@link JsonCodec#defaultCodec()}
     * (Jackson 3 when it is on the class path) unless set.
     */
    public Application jsonCodec(JsonCodec codec) {
        checkNotFrozen("change the JSON codec");
        jsonCodec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /** The JSON codec. */
    public JsonCodec jsonCodec() {
        return jsonCodec;
    }

    // ---- life cycle ----

    /** Whether the application has started (and can no longer be changed but for its state). */
    public boolean frozen() {
        return frozen;
    }

    /** Freezes this application and its sub-applications, and builds the middleware chains. */
    void freeze() {
        if (frozen) {
            return;
        }
        freezeTree();
        router.freeze(List.of());
    }

    private void freezeTree() {
        frozen = true;
        for (Application sub : router.subapps()) {
            sub.freezeTree();
        }
    }

    void checkNotFrozen(String what) {
        if (frozen) {
            throw new IllegalStateException(
                    "cannot " + what + ": the application has started (it is frozen once a runner sets it up)");
        }
    }

    @Override
    public String toString() {
        return "<Application " + (prefix.isEmpty() ? "" : prefixPath() + " ") + "routes="
                + router.routes().size() + (frozen ? " frozen" : "") + ">";
    }
}
