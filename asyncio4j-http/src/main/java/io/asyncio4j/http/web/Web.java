package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.sync.Event;
import java.io.PrintStream;
import java.util.Objects;

/**
 * aiohttp's {@code web} module functions: {@link #runApp} serves an application until Ctrl-C or
 * SIGTERM, and {@link #get}, {@link #post} and their siblings make the route definitions of {@link
 * Application#addRoutes}.
 *
 * {@snippet :
 * public static void main(String[] args) throws Exception {
 *     Application app = new Application();
 *     app.addRoutes(Web.get("/", request -> Response.text("Hello, World!")));
 *     Web.runApp(app, "127.0.0.1", 8080);
 * }
 * }
 */
public final class Web {
    private Web() {}

    /** Serves {@code app} on {@code host:port} with the default options; see {@link #runApp(Application, String, int, RunnerOptions, TlsOptions)}. */
    public static void runApp(Application app, String host, int port) throws Exception {
        runApp(app, host, port, RunnerOptions.defaults(), null);
    }

    /** Serves {@code app} on {@code host:port} with {@code options}. */
    public static void runApp(Application app, String host, int port, RunnerOptions options) throws Exception {
        runApp(app, host, port, options, null);
    }

    /**
     * Serves {@code app} on {@code host:port} (TLS when {@code tls} is given) until the process gets
     * SIGTERM or Ctrl-C, then shuts down gracefully ({@link AppRunner#cleanup()}); aiohttp's {@code
     * web.run_app}. It prints {@code ======== Running on http://host:port ========} once serving.
     * SIGTERM returns normally after the shutdown; Ctrl-C (SIGINT) throws {@link
     * io.asyncio4j.CancelledError} after it, which ends the JVM with status 130 when uncaught, and a
     * second Ctrl-C stops the JVM at once (see {@link Asyncio#run}).
     *
     * @throws IllegalStateException if called from inside a running loop (use an {@link AppRunner}
     *     there)
     * @throws java.net.BindException if the address is in use
     */
    public static void runApp(Application app, String host, int port, RunnerOptions options, TlsOptions tls)
            throws Exception {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(options, "options");
        Asyncio.run(() -> {
            serveUntilStopped(app, host, port, options, tls, System.out);
        });
    }

    /** The body of {@link #runApp}, on a running loop: serves until SIGTERM or cancellation. */
    static void serveUntilStopped(
            Application app, String host, int port, RunnerOptions options, TlsOptions tls, PrintStream out)
            throws Exception {
        Loop loop = Asyncio.currentLoop();
        AppRunner runner = new AppRunner(app, options);
        runner.setup();
        Event stop = new Event();
        boolean term = false;
        try {
            TcpSite site = new TcpSite(runner, host, port, tls);
            site.start();
            try {
                loop.addSignalHandler("TERM", stop::set);
                term = true;
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // no SIGTERM here (not a POSIX system): Ctrl-C still stops the server
            }
            out.println("======== Running on " + site.name() + " ========");
            out.println("(Press CTRL+C to quit)");
            stop.await();
        } finally {
            if (term) {
                loop.removeSignalHandler("TERM");
            }
            runner.cleanup();
        }
    }

    /** A {@code GET} route (which also answers {@code HEAD}); aiohttp's {@code web.get}. */
    public static RouteDef get(String path, Handler handler) {
        return new RouteDef("GET", path, handler, null);
    }

    /** A {@code POST} route; aiohttp's {@code web.post}. */
    public static RouteDef post(String path, Handler handler) {
        return new RouteDef("POST", path, handler, null);
    }

    /** A {@code PUT} route; aiohttp's {@code web.put}. */
    public static RouteDef put(String path, Handler handler) {
        return new RouteDef("PUT", path, handler, null);
    }

    /** A {@code PATCH} route; aiohttp's {@code web.patch}. */
    public static RouteDef patch(String path, Handler handler) {
        return new RouteDef("PATCH", path, handler, null);
    }

    /** A {@code DELETE} route; aiohttp's {@code web.delete}. */
    public static RouteDef delete(String path, Handler handler) {
        return new RouteDef("DELETE", path, handler, null);
    }

    /** A {@code HEAD} route; aiohttp's {@code web.head}. */
    public static RouteDef head(String path, Handler handler) {
        return new RouteDef("HEAD", path, handler, null);
    }

    /** A route for {@code method} ({@link Router#ANY}: every method); aiohttp's {@code web.route}. */
    public static RouteDef route(String method, String path, Handler handler) {
        return new RouteDef(method, path, handler, null);
    }
}
