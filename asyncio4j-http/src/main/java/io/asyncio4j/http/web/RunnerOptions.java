package io.asyncio4j.http.web;

import io.asyncio4j.http.HttpLimits;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * How an {@link AppRunner} serves: timeouts, limits, the access log, trusted proxies and worker
 * loops; aiohttp's {@code AppRunner} and {@code run_app} keyword arguments. Immutable; each method
 * returns a changed copy.
 *
 * {@snippet :
 * RunnerOptions options = RunnerOptions.defaults()
 *         .keepaliveTimeout(Duration.ofSeconds(30))
 *         .maxConnections(5_000)
 *         .workers(4)
 *         .accessLog(false);
 * }
 */
public final class RunnerOptions {
    private Duration headerTimeout = Duration.ofSeconds(20);
    private Duration keepaliveTimeout = Duration.ofSeconds(75);
    private Duration bodyReadTimeout = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(60);
    private int maxConnections = Integer.MAX_VALUE;
    private HttpLimits limits = HttpLimits.defaults();
    private boolean accessLog = true;
    private String accessLogFormat = AccessLog.DEFAULT_FORMAT;
    private Set<String> trustedProxies = Set.of();
    private int workers = 1;
    private boolean acceptOnEachWorker = false;
    private int backlog = 128;
    private boolean reusePort;

    private RunnerOptions() {}

    private RunnerOptions copy() {
        RunnerOptions c = new RunnerOptions();
        c.headerTimeout = headerTimeout;
        c.keepaliveTimeout = keepaliveTimeout;
        c.bodyReadTimeout = bodyReadTimeout;
        c.shutdownTimeout = shutdownTimeout;
        c.maxConnections = maxConnections;
        c.limits = limits;
        c.accessLog = accessLog;
        c.accessLogFormat = accessLogFormat;
        c.trustedProxies = trustedProxies;
        c.workers = workers;
        c.acceptOnEachWorker = acceptOnEachWorker;
        c.backlog = backlog;
        c.reusePort = reusePort;
        return c;
    }

    /**
     * The defaults: a request head must arrive within 20 s, an idle keep-alive connection closes
     * after 75 s (aiohttp's {@code keepalive_timeout}), a request body may pause 60 s between two
     * reads (nginx's {@code client_body_timeout}), a shutdown waits 60 s for requests in flight
     * (aiohttp's {@code shutdown_timeout}); no connection limit; the parser's default limits; the
     * access log on, in aiohttp's default format; no trusted proxy; one loop; backlog 128.
     */
    public static RunnerOptions defaults() {
        return new RunnerOptions();
    }

    /**
     * How long a client may take to send a whole request head, from its first byte (from the accept
     * for a connection's first request): the defence against slowloris, which drips a head a byte
     * at a time. Past it the client gets 408 and the connection closes.
     */
    public RunnerOptions headerTimeout(Duration timeout) {
        RunnerOptions c = copy();
        c.headerTimeout = positive(timeout, "headerTimeout");
        return c;
    }

    /** How long a keep-alive connection may stay idle between requests before it is closed. */
    public RunnerOptions keepaliveTimeout(Duration timeout) {
        RunnerOptions c = copy();
        c.keepaliveTimeout = positive(timeout, "keepaliveTimeout");
        return c;
    }

    /**
     * How long a handler's read of the request body may wait for the next bytes: the time between
     * two reads, not for the whole body (a slow upload goes on as long as bytes keep coming), and
     * nginx's {@code client_body_timeout} (aiohttp's server has none). A client that sends a head
     * and then drips its body, or stops, holds its connection no longer than that. When it passes,
     * the connection answers 408 and closes if the handler had received no byte of the body yet and
     * its response had not started; otherwise it closes. Either way the handler's read (and any
     * later one) throws {@link java.io.UncheckedIOException} whose cause is a {@link
     * java.net.SocketTimeoutException} naming this option.
     *
     * @throws IllegalArgumentException if not positive
     */
    public RunnerOptions bodyReadTimeout(Duration timeout) {
        RunnerOptions c = copy();
        c.bodyReadTimeout = positive(timeout, "bodyReadTimeout");
        return c;
    }

    /**
     * How long a graceful shutdown lets requests in flight finish before it cancels their handlers
     * (each then answered 503 if its response had not started).
     */
    public RunnerOptions shutdownTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "shutdownTimeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative: " + timeout);
        }
        RunnerOptions c = copy();
        c.shutdownTimeout = timeout;
        return c;
    }

    /**
     * The most connections served at once; a connection beyond it is answered 503 and closed.
     *
     * @throws IllegalArgumentException if not positive
     */
    public RunnerOptions maxConnections(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxConnections must be positive, got " + max);
        }
        RunnerOptions c = copy();
        c.maxConnections = max;
        return c;
    }

    /** The request parser's limits: line, field and head sizes (414, 431), streamed body size (413). */
    public RunnerOptions limits(HttpLimits limits) {
        RunnerOptions c = copy();
        c.limits = Objects.requireNonNull(limits, "limits");
        return c;
    }

    /**
     * Logs each request through {@code System.Logger} {@code "io.asyncio4j.http.web.access"} at
     * INFO (on by default; aiohttp's {@code access_log}).
     */
    public RunnerOptions accessLog(boolean on) {
        RunnerOptions c = copy();
        c.accessLog = on;
        return c;
    }

    /**
     * The access log's format, aiohttp's {@code access_log_format}: {@code %a} remote address,
     * {@code %t} time, {@code %r} request line, {@code %s} status, {@code %b} body bytes, {@code
     * %{Name}i} a request header, {@code %{Name}o} a response header, {@code %T} seconds, {@code %Tf}
     * seconds with fractions, {@code %D} microseconds, {@code %P} process id, {@code %%} a percent
     * sign. The default is {@value AccessLog#DEFAULT_FORMAT}.
     *
     * @throws IllegalArgumentException if the format holds an unknown directive
     */
    public RunnerOptions accessLogFormat(String format) {
        AccessLog.compile(format);
        RunnerOptions c = copy();
        c.accessLogFormat = format;
        return c;
    }

    /**
     * The proxies trusted to say who the client is (exact IP addresses, {@code "127.0.0.1"}): for a
     * request from one of them, {@link Request#remote()}, {@link Request#scheme()} and {@link
     * Request#host()} read {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code
     * X-Forwarded-Host}. From any other peer those fields are ignored (a client could forge them).
     */
    public RunnerOptions trustedProxies(Collection<String> addresses) {
        RunnerOptions c = copy();
        c.trustedProxies = Set.copyOf(addresses);
        return c;
    }

    /**
     * Serves connections on {@code n} loops (a {@link io.asyncio4j.LoopGroup} the runner opens and
     * closes); how connections reach them is {@link #acceptOnEachWorker(boolean)}. The
     * application's hooks run on the runner's loop; handlers run on the workers, in parallel, so
     * state they share must be thread-safe. 1 (the default) serves on the runner's loop.
     *
     * @throws IllegalArgumentException if not positive
     */
    public RunnerOptions workers(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("workers must be positive, got " + n);
        }
        RunnerOptions c = copy();
        c.workers = n;
        return c;
    }

    /**
     * How {@link #workers(int) worker loops} get their connections. {@code true}: each worker loop
     * listens on a socket of its own, all bound to the site's address with {@code SO_REUSEPORT},
     * and accepts its own connections; the kernel spreads new connections over the sockets. {@code
     * false}: the runner's loop accepts every connection and hands it to the next worker loop in
     * turn (the default: measured with wrk on two loops, it was as fast or faster, with keep-alive
     * and with a connection per request; handing over in turn also spreads connections evenly,
     * where the kernel's hash of their addresses can give one loop more than its share). Only TCP
     * sites on Linux listen per worker (elsewhere the kernel does not spread the connections of a
     * port over its sockets); a {@link UnixSite} always hands connections over.
     */
    public RunnerOptions acceptOnEachWorker(boolean each) {
        RunnerOptions c = copy();
        c.acceptOnEachWorker = each;
        return c;
    }

    /** The listen backlog of the sites (128 by default, as aiohttp's). */
    public RunnerOptions backlog(int backlog) {
        RunnerOptions c = copy();
        c.backlog = backlog;
        return c;
    }

    /** Sets {@code SO_REUSEPORT} on the sites' sockets, so several processes can share a port. */
    public RunnerOptions reusePort(boolean reuse) {
        RunnerOptions c = copy();
        c.reusePort = reuse;
        return c;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /** The header timeout. */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** The keep-alive timeout. */
    public Duration keepaliveTimeout() {
        return keepaliveTimeout;
    }

    /** The body read timeout. */
    public Duration bodyReadTimeout() {
        return bodyReadTimeout;
    }

    /** The shutdown grace period. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** The connection limit. */
    public int maxConnections() {
        return maxConnections;
    }

    /** The parser's limits. */
    public HttpLimits limits() {
        return limits;
    }

    /** Whether the access log is on. */
    public boolean accessLog() {
        return accessLog;
    }

    /** The access log's format. */
    public String accessLogFormat() {
        return accessLogFormat;
    }

    /** The trusted proxies. */
    public Set<String> trustedProxies() {
        return trustedProxies;
    }

    /** The number of loops connections are served on. */
    public int workers() {
        return workers;
    }

    /** Whether each worker loop accepts its own connections. */
    public boolean acceptOnEachWorker() {
        return acceptOnEachWorker;
    }

    /** The listen backlog. */
    public int backlog() {
        return backlog;
    }

    /** Whether {@code SO_REUSEPORT} is set. */
    public boolean reusePort() {
        return reusePort;
    }

    @Override
    public String toString() {
        return "RunnerOptions[headerTimeout=" + headerTimeout + ", keepaliveTimeout=" + keepaliveTimeout
                + ", bodyReadTimeout=" + bodyReadTimeout + ", shutdownTimeout=" + shutdownTimeout + ", maxConnections="
                + maxConnections + ", accessLog="
                + accessLog + ", trustedProxies=" + trustedProxies + ", workers=" + workers + ", backlog=" + backlog
                + ", acceptOnEachWorker=" + acceptOnEachWorker + ", reusePort=" + reusePort + "]";
    }
}
