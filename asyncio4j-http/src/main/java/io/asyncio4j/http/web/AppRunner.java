package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopGroup;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.TlsOptions;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Runs an {@link Application} for one or more sites: aiohttp's {@code web.AppRunner}, for tests and
 * for embedding a server in a program that does more ({@link Web#runApp} is the simple way).
 *
 * {@snippet :
 * AppRunner runner = new AppRunner(app);
 * runner.setup();                                   // freezes the app, runs on_startup
 * TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
 * site.start();
 * System.out.println("serving on port " + site.port());
 * ...
 * runner.cleanup();                                 // graceful shutdown, on_cleanup
 * }
 *
 * <p>{@link #cleanup()} shuts down gracefully, in aiohttp's order: the sites stop accepting; the
 * {@code on_shutdown} hooks run; idle connections close and each connection ends after its request
 * in hand (its response says {@code Connection: close}); requests still running after {@link
 * RunnerOptions#shutdownTimeout} are cancelled, each answered 503 if its response had not started
 * (a request is never dropped without an answer unless its response was already under way); then
 * the cleanup contexts and the {@code on_cleanup} hooks run.
 *
 * <p>Call its methods from one task of one loop (the runner's loop).
 */
public final class AppRunner {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.http.web");

    private final Application app;
    private final RunnerOptions options;
    private final List<BaseSite> sites = new ArrayList<>();
    private Loop loop;
    private WebServer server;
    private LoopGroup workers;
    private final List<RunningContext> contexts = new ArrayList<>();
    private boolean cleanedUp;

    /** A runner with the default options. */
    public AppRunner(Application app) {
        this(app, RunnerOptions.defaults());
    }

    /** A runner of {@code app} with {@code options}. */
    public AppRunner(Application app, RunnerOptions options) {
        this.app = Objects.requireNonNull(app, "app");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The application. */
    public Application app() {
        return app;
    }

    /** The options. */
    public RunnerOptions options() {
        return options;
    }

    /**
     * Freezes the application, opens the worker loops, starts the cleanup contexts and runs the
     * {@code on_startup} hooks: the application's first, then its sub-applications'. If one fails,
     * what started is cleaned up and the error is thrown.
     *
     * @throws IllegalStateException if the runner was set up already
     */
    public void setup() throws Exception {
        Parking.currentTask("AppRunner.setup");
        if (loop != null) {
            throw new IllegalStateException("the runner was set up already");
        }
        loop = Asyncio.currentLoop();
        app.freeze();
        server = new WebServer(app, options);
        if (options.workers() > 1) {
            workers = LoopGroup.open(options.workers());
        }
        try {
            startUp(app);
        } catch (Throwable e) {
            try {
                Asyncio.uncancellable(this::stopContexts);
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            closeWorkers();
            throw e;
        }
    }

    private void startUp(Application a) throws Exception {
        for (CleanupContext ctx : a.cleanupContexts()) {
            RunningContext rc = new RunningContext(a, ctx);
            contexts.add(rc);
            rc.start();
        }
        for (AppHook hook : a.startupHooks()) {
            hook.run(a);
        }
        for (Application sub : a.subapps()) {
            startUp(sub);
        }
    }

    /** The sites started on this runner, in order. */
    public List<BaseSite> sites() {
        return Collections.unmodifiableList(sites);
    }

    /** The addresses the sites listen on (with the ports actually bound). */
    public List<SocketAddress> addresses() {
        List<SocketAddress> all = new ArrayList<>();
        for (BaseSite s : sites) {
            all.addAll(s.addresses());
        }
        return all;
    }

    /** The number of connections being served now. */
    public int connections() {
        return server == null ? 0 : server.connectionCount();
    }

    WebServer server() {
        if (server == null) {
            throw new IllegalStateException("call runner.setup() before starting a site");
        }
        if (cleanedUp) {
            throw new IllegalStateException("the runner was cleaned up");
        }
        return server;
    }

    ServerOptions serverOptions(TlsOptions tls) {
        ServerOptions o = ServerOptions.defaults().backlog(options.backlog()).reusePort(options.reusePort());
        if (workers != null) {
            o = o.loopGroup(workers);
        }
        if (tls != null) {
            o = o.tls(tls);
        }
        return o;
    }

    /** The worker loops, or null when connections are served on the runner's loop. */
    LoopGroup workerGroup() {
        return workers;
    }

    /**
     * The options of a listening socket on a worker loop that accepts its own connections: no loop
     * group (its connections stay on its loop), {@code SO_REUSEPORT} (its siblings share the port).
     */
    ServerOptions listenerOptions(TlsOptions tls) {
        ServerOptions o = ServerOptions.defaults().backlog(options.backlog()).reusePort(true);
        return tls == null ? o : o.tls(tls);
    }

    void added(BaseSite site) {
        sites.add(site);
    }

    /**
     * Shuts down gracefully and cleans up (see the class comment); aiohttp's {@code
     * runner.cleanup()}. The errors of hooks are reported to the loop's exception handler, and every
     * step runs. Calling it again does nothing.
     *
     * <p><b>Cancellation.</b> The clean-up runs to its end all the same (uncancellable), then {@link
     * CancelledError} is thrown.
     */
    public void cleanup() throws Exception {
        Parking.currentTask("AppRunner.cleanup");
        if (cleanedUp || loop == null) {
            cleanedUp = true;
            return;
        }
        cleanedUp = true;
        Asyncio.uncancellable(() -> {
            for (BaseSite s : List.copyOf(sites)) {
                s.stop();
            }
            runHooks(app, "on_shutdown", false);
            server.beginShutdown();
            Duration grace = options.shutdownTimeout();
            if (!awaitConnections(grace)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        () -> server.connectionCount() + " request(s) still running after the shutdown timeout of "
                                + grace + ": cancelling them");
                server.cancelAll("the server is shutting down and the shutdown timeout (" + grace + ") passed");
                if (!awaitConnections(Duration.ofSeconds(10))) {
                    loop.reportError(
                            server.connectionCount()
                                    + " connection(s) did not end within 10 s of their cancellation; leaving them",
                            null,
                            Asyncio.currentTask());
                }
            }
            Asyncio.timeoutOrNull(Duration.ofSeconds(10), () -> {
                for (BaseSite s : List.copyOf(sites)) {
                    s.waitStopped();
                }
            });
            stopContexts();
            runHooks(app, "on_cleanup", true);
            closeWorkers();
        });
    }

    private boolean awaitConnections(Duration within) throws Exception {
        if (server.allEnded().isDone()) {
            return true;
        }
        return Asyncio.timeoutOrNull(within, () -> {
                    Asyncio.await(server.allEnded());
                    return Boolean.TRUE;
                })
                != null;
    }

    private void runHooks(Application a, String which, boolean reverse) {
        List<Application> order = new ArrayList<>();
        order.add(a);
        order.addAll(a.subapps());
        if (reverse) {
            Collections.reverse(order);
        }
        for (Application x : order) {
            if (x != a) {
                runHooks(x, which, reverse);
                continue;
            }
            List<AppHook> hooks = which.equals("on_shutdown") ? x.shutdownHooks() : x.cleanupHooks();
            for (AppHook h : hooks) {
                try {
                    h.run(x);
                } catch (Exception e) {
                    loop.reportError("an " + which + " hook of " + x + " failed", e, Asyncio.currentTask());
                }
            }
        }
    }

    /** Ends the cleanup contexts, the last started first. */
    private void stopContexts() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).stop(loop);
        }
        contexts.clear();
    }

    private void closeWorkers() {
        LoopGroup w = workers;
        workers = null;
        if (w != null) {
            w.close();
        }
    }

    /** A started cleanup context: its task parks in {@code serve.run()} until stopped. */
    private static final class RunningContext {
        private final Application app;
        private final CleanupContext ctx;
        private final Future<Void> serving = new Future<>();
        private final Future<Void> stop = new Future<>();
        private Task<Void> task;

        RunningContext(Application app, CleanupContext ctx) {
            this.app = app;
            this.ctx = ctx;
        }

        void start() throws Exception {
            task = Asyncio.createTask(
                    "cleanup_ctx of " + app,
                    () -> ctx.run(app, () -> {
                        if (serving.isDone()) {
                            throw new IllegalStateException("serve.run() called twice by a cleanup context");
                        }
                        serving.setResult(null);
                        stop.await();
                    }));
            Asyncio.wait(List.of(serving, task), ReturnWhen.FIRST_COMPLETED);
            if (!serving.isDone()) {
                if (task.exception() != null) {
                    task.await(); // throws it
                }
                throw new IllegalStateException(
                        "a cleanup context of " + app + " returned without calling serve.run(): " + ctx);
            }
        }

        void stop(Loop loop) {
            if (task == null) {
                return;
            }
            if (!stop.isDone()) {
                stop.setResult(null);
            }
            try {
                task.await();
            } catch (CancelledError e) {
                // cancelled by someone else; nothing to report
            } catch (Exception e) {
                if (serving.isDone()) {
                    loop.reportError("a cleanup context of " + app + " failed at clean-up", e, Asyncio.currentTask());
                }
            }
        }
    }
}
