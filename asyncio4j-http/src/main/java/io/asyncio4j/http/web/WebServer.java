package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopClosedException;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.net.ConnectionHandler;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.net.StreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jdk.jfr.EventType;

/**
 * What an {@link AppRunner}'s sites share: the application, the options, the live connections
 * (across every loop of the runner), the access log. aiohttp's low-level {@code web.Server}.
 */
final class WebServer {
    private static final EventType REQUEST_EVENT = EventType.getEventType(RequestEvent.class);
    private static final String BUSY_TEXT = "503: too many connections, try again later\n";
    private static final byte[] BUSY =
            ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            + "Connection: close\r\nContent-Length: " + BUSY_TEXT.length() + "\r\n\r\n" + BUSY_TEXT)
                    .getBytes(StandardCharsets.US_ASCII);

    private final Application app;
    private final RunnerOptions options;
    private final long headerTimeout;
    private final long keepaliveTimeout;
    private final long bodyReadTimeout;
    private final long shortestTimeout;
    private final AccessLog accessLog;
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean shuttingDown;
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();

    WebServer(Application app, RunnerOptions options) {
        this.app = app;
        this.options = options;
        this.headerTimeout = options.headerTimeout().toNanos();
        this.keepaliveTimeout = options.keepaliveTimeout().toNanos();
        this.bodyReadTimeout = options.bodyReadTimeout().toNanos();
        this.shortestTimeout = Math.min(headerTimeout, Math.min(keepaliveTimeout, bodyReadTimeout));
        this.accessLog = options.accessLog() ? AccessLog.compile(options.accessLogFormat()) : null;
    }

    Application app() {
        return app;
    }

    RunnerOptions options() {
        return options;
    }

    long headerTimeoutNanos() {
        return headerTimeout;
    }

    long keepaliveTimeoutNanos() {
        return keepaliveTimeout;
    }

    long bodyReadTimeoutNanos() {
        return bodyReadTimeout;
    }

    /** The shortest of the connections' timeouts: how far ahead a connection's timer may be armed. */
    long shortestTimeoutNanos() {
        return shortestTimeout;
    }

    /** Whether requests are written to the access log (their duration is then measured). */
    boolean logsRequests() {
        return accessLog != null;
    }

    boolean trusts(String address) {
        return options.trustedProxies().contains(address);
    }

    /** What the sites run for each connection. */
    ConnectionHandler handler() {
        return this::serve;
    }

    private void serve(StreamReader reader, StreamWriter writer) {
        int n = count.incrementAndGet();
        try {
            if (shuttingDown) {
                return;
            }
            if (n > options.maxConnections()) {
                writer.write(BUSY);
                return;
            }
            HttpConnection c = new HttpConnection(this, reader, writer);
            connections.add(c);
            try {
                c.serve();
            } finally {
                connections.remove(c);
            }
        } finally {
            if (count.decrementAndGet() == 0 && shuttingDown) {
                allEnded.complete(null);
            }
        }
    }

    /** The number of connections being served. */
    int connectionCount() {
        return count.get();
    }

    // ---- per request ----

    void reportHandlerError(Request request, Throwable e, Task<?> task) {
        Loop loop = Asyncio.currentLoop();
        loop.reportError("Error handling request " + request + " from " + request.remote(), e, task);
    }

    /** The start time for {@link #requestDone}, and the JFR event if it is being recorded. */
    RequestEvent beginEvent() {
        if (!REQUEST_EVENT.isEnabled()) {
            return null;
        }
        RequestEvent e = new RequestEvent();
        e.begin();
        return e;
    }

    void requestDone(Request request, StreamResponse response, long startNanos, RequestEvent event) {
        int status = response == null ? 0 : response.status();
        long bytes = response == null ? 0 : response.bodyLength();
        if (event != null) {
            event.end();
            if (event.shouldCommit()) {
                event.method = request.method();
                event.path = request.rawPath();
                event.status = status;
                event.bodyBytes = bytes;
                event.remote = request.remote();
                event.commit();
            }
        }
        AccessLog log = accessLog;
        if (log != null && AccessLog.enabled()) {
            log.log(new AccessLog.Entry(
                    request, response, status, bytes, System.nanoTime() - startNanos, request.remote()));
        }
    }

    // ---- shutdown ----

    /** Tells every connection to end after its request in hand; idle ones close now. */
    void beginShutdown() {
        shuttingDown = true;
        forEachConnection(HttpConnection::shutdown);
        if (count.get() == 0) {
            allEnded.complete(null);
        }
    }

    /** Completes when every connection has ended, after {@link #beginShutdown()}. */
    CompletableFuture<Void> allEnded() {
        return allEnded;
    }

    /** Cancels every connection's task: the grace period is over. */
    void cancelAll(String why) {
        forEachConnection(c -> c.cancel(why));
    }

    private void forEachConnection(Consumer<HttpConnection> action) {
        for (HttpConnection c : connections) {
            Loop l = c.loop();
            if (Parking.isLoopThread(l)) {
                action.accept(c);
            } else {
                try {
                    l.callSoonThreadsafe(() -> action.accept(c));
                } catch (LoopClosedException e) {
                    // the loop is gone, and the connection with it
                }
            }
        }
    }
}
