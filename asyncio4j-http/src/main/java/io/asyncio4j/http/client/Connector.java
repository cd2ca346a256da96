package io.asyncio4j.http.client;

import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpParseException;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.MessageReader;
import io.asyncio4j.http.internal.ResponseHead;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.lowlevel.TimerHandle;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.StreamPair;
import io.asyncio4j.net.Streams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The connection pool of a session: aiohttp's {@code TCPConnector}. Keeps idle keep-alive
 * connections per {@link Route} (an origin, and the proxy in between if any), and bounds the
 * connections in use, all routes together ({@code limit}) and per route ({@code limitPerHost}).
 * Through a proxy, an {@code https} connection is a {@code CONNECT} tunnel with TLS to the origin
 * inside; an {@code http} one is a plain connection to the proxy.
 *
 * <p>Loop thread only: every field is touched by the session's loop alone, so nothing is locked.
 */
final class Connector {
    /*
     * Implementation overview.
     *
     * Slots. A request holds a slot from acquire() to release(): inUse counts them, perHost per
     * route. An idle connection holds none (as in aiohttp, limit bounds the connections in use).
     *
     * Fair waiting. A request without a free slot waits in `waiters`, in arrival order. Whenever a
     * slot frees, grantWaiters() hands slots to the waiters in order, each that its route allows,
     * and wakes them: the slot is theirs before they run, so a newcomer cannot take it first.
     * Invariant: between two loop steps no waiter could be granted, so a newcomer that finds a
     * free slot for its route overtakes nobody who could have used it.
     *
     * Cancellation. A waiter cancelled before its grant leaves the queue; one granted and then
     * cancelled owns its slot and gives it back through the caller's release (the grant is never
     * lost). A connection being opened is closed by Streams.openConnection when cancelled, and by
     * open() when cancelled in its CONNECT tunnel or TLS handshake.
     *
     * Idle connections sit in a LIFO per route (the most recently used is the most likely to be
     * alive), oldest first; one timer for the pool closes those idle for keepaliveTimeout, as
     * aiohttp's cleanup pass does (a timer per release would be set and cancelled per request). A
     * route's queue stays while it is used, so a busy route does not make and drop one per request.
     */
    private final Loop loop;
    private final SessionOptions options;
    private final DnsCache dns;
    private final Map<Route, ArrayDeque<Connection>> idle = new HashMap<>();
    private final Map<Route, int[]> perHost = new HashMap<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int inUse;
    private boolean closed;
    /** The timer of the next {@link #sweep} of idle connections, or null when none is idle. */
    private TimerHandle sweeper;

    private long created;
    private long reusedCount;

    /** A request waiting for a slot. */
    private static final class Waiter {
        final Route route;
        final Task<?> task;
        boolean granted;

        Waiter(Route route, Task<?> task) {
            this.route = route;
            this.task = task;
        }
    }

    Connector(Loop loop, SessionOptions options) {
        this.loop = loop;
        this.options = options;
        this.dns = new DnsCache(loop, options.resolver(), options.ttlDnsCache(), options.useDnsCache());
    }

    DnsCache dns() {
        return dns;
    }

    /**
     * A connection on {@code route} for one request: an idle one unless {@code fresh}, else a new
     * one. Waits for a slot first when the limits are reached. Within the {@code connect} timeout;
     * a new socket also within {@code sockConnect}.
     *
     * <p><b>Cancellation.</b> Nothing is held: a waiter leaves the queue, a slot is given back, a
     * half-open socket is closed.
     */
    Connection acquire(Route route, boolean fresh, RequestTimer timer, Tracing trace, String method, URI url)
            throws IOException, TimeoutException {
        if (!fresh && timer.unscoped(timer.timeout().connect()) && hasCapacity(route)) {
            Connection c = popIdle(route);
            if (c != null) {
                // The common case: a slot and an idle connection, nothing to wait for, no scope needed.
                count(route);
                c.reused = true;
                reusedCount++;
                trace.connectionReuseconn();
                return c;
            }
        }
        return timer.within("connect", timer.timeout().connect(), "getting a connection", () -> {
            takeSlot(route, trace);
            boolean ok = false;
            try {
                Connection c = fresh ? null : popIdle(route);
                if (c == null) {
                    trace.connectionCreateStart();
                    c = open(route, timer, trace, method, url);
                    trace.connectionCreateEnd();
                } else {
                    c.reused = true;
                    reusedCount++;
                    trace.connectionReuseconn();
                }
                ok = true;
                return c;
            } finally {
                if (!ok) {
                    freeSlot(route);
                }
            }
        });
    }

    /**
     * Gives back the slot of {@code c}, and keeps {@code c} for reuse when {@code keep} (its last
     * response was complete and keep-alive) and the session is open; closes it otherwise. Never
     * suspends, so it is safe in a {@code finally} of a cancelled task.
     */
    void release(Connection c, boolean keep) {
        if (keep && !closed && c.isOpen() && options.keepaliveTimeout().toNanos() > 0) {
            c.idleSince = loop.time();
            ArrayDeque<Connection> q = idle.get(c.route);
            if (q == null) {
                q = new ArrayDeque<>();
                idle.put(c.route, q);
            }
            q.addLast(c);
            if (sweeper == null) {
                sweeper = loop.callAt(c.idleSince + options.keepaliveTimeout().toNanos(), this::sweep);
            }
        } else if (keep) {
            c.close();
        } else {
            c.abort();
        }
        freeSlot(c.route);
    }

    /**
     * Closes the connections idle for {@code keepaliveTimeout}, then sleeps until the next one will
     * be (aiohttp's cleanup pass): one timer for the pool, not one per released connection.
     */
    private void sweep() {
        sweeper = null;
        long keepalive = options.keepaliveTimeout().toNanos();
        long now = loop.time();
        long next = Long.MAX_VALUE;
        for (Iterator<ArrayDeque<Connection>> it = idle.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Connection> q = it.next();
            // Oldest first: released connections go last, reused ones are taken from the end.
            while (!q.isEmpty() && q.peekFirst().idleSince + keepalive - now <= 0) {
                q.pollFirst().close();
            }
            if (q.isEmpty()) {
                it.remove();
            } else {
                next = Math.min(next, q.peekFirst().idleSince + keepalive);
            }
        }
        if (next != Long.MAX_VALUE) {
            sweeper = loop.callAt(next, this::sweep);
        }
    }

    private Connection popIdle(Route route) {
        ArrayDeque<Connection> q = idle.get(route);
        while (q != null && !q.isEmpty()) {
            Connection c = q.pollLast();
            if (c.isOpen()) {
                return c;
            }
        }
        return null;
    }

    private Connection open(Route route, RequestTimer timer, Tracing trace, String method, URI url)
            throws IOException, TimeoutException {
        Origin origin = route.origin();
        HttpProxy proxy = route.proxy();
        Origin dial = proxy == null ? origin : proxy.origin();
        ConnectOptions co = ConnectOptions.defaults().resolver(host -> dns.resolve(host, trace));
        if (options.happyEyeballsDelay() != null) {
            co = co.happyEyeballsDelay(options.happyEyeballsDelay());
        }
        if (proxy == null && origin.tls()) {
            co = co.tls(options.tls());
        }
        ConnectOptions connectOptions = co;
        StreamPair streams;
        try {
            streams = timer.within(
                    "sockConnect",
                    timer.timeout().sockConnect(),
                    "connecting to " + (proxy == null ? origin : "the proxy " + proxy),
                    () -> Streams.openConnection(dial.host(), dial.port(), connectOptions));
        } catch (TimeoutException e) {
            throw e;
        } catch (IOException e) {
            if (proxy != null) {
                throw new ClientProxyConnectionError(
                        "cannot connect to the proxy " + proxy + " for " + method + " " + url + ": " + e.getMessage(),
                        url,
                        dial.host(),
                        dial.port(),
                        e);
            }
            throw new ClientConnectorError(
                    "cannot connect to " + origin + " for " + method + " " + url + ": " + tlsProblem(e, origin)
                            + e.getMessage(),
                    url,
                    origin.host(),
                    origin.port(),
                    e);
        }
        if (proxy != null && origin.tls()) {
            boolean ok = false;
            try {
                tunnel(streams, route, method, url);
                streams.writer().startTls(options.tls().serverName(origin.host()));
                ok = true;
            } catch (IOException e) {
                if (e instanceof ClientError) {
                    throw e;
                }
                throw new ClientConnectorError(
                        "cannot connect to " + origin + " through the proxy " + proxy + " for " + method + " " + url
                                + ": " + tlsProblem(e, origin) + e.getMessage(),
                        url,
                        origin.host(),
                        origin.port(),
                        e);
            } finally {
                if (!ok) {
                    streams.writer().abort();
                }
            }
        }
        created++;
        return new Connection(route, streams, options.limits());
    }

    /**
     * Asks the proxy for a tunnel to the route's origin ({@code CONNECT host:port}, RFC 9110 section
     * 9.3.6) and reads its answer; returns once the tunnel is open.
     *
     * @throws ClientHttpProxyError if the proxy answers with another status than 2xx
     */
    private void tunnel(StreamPair streams, Route route, String method, URI url) throws IOException {
        Origin o = route.origin();
        String authority = (o.host().indexOf(':') >= 0 ? "[" + o.host() + "]" : o.host()) + ":" + o.port();
        Headers h = new Headers().add(HeaderNames.HOST, authority);
        if (route.proxy().auth() != null) {
            h.add(HeaderNames.PROXY_AUTHORIZATION, route.proxy().auth().encode());
        }
        HeadWriter head =
                new HeadWriter().request("CONNECT", authority, HttpVersion.HTTP_1_1, h, HeadWriter.NO_FRAMING);
        HttpParser parser = HttpParser.forResponses(options.limits());
        parser.expectResponseTo("CONNECT");
        MessageReader in = new MessageReader(streams.reader(), parser);
        try {
            streams.writer().write(head.array(), 0, head.length());
            streams.writer().drain();
            while (true) {
                HttpParser.Event e = in.next();
                if (e == HttpParser.Event.CLOSED) {
                    throw new IOException("the proxy " + route.proxy()
                            + " closed the connection before answering CONNECT " + authority);
                }
                if (e != HttpParser.Event.HEAD) {
                    throw new IOException("the proxy " + route.proxy() + " answered CONNECT " + authority + " with " + e
                            + " instead of a response head");
                }
                ResponseHead r = parser.response();
                if (r.informational()) {
                    continue;
                }
                if (r.status() / 100 != 2) {
                    throw new ClientHttpProxyError(
                            "the proxy " + route.proxy() + " refused to open a tunnel to " + authority + " for "
                                    + method
                                    + " " + url + ": " + r.status() + " " + r.reason()
                                    + (r.status() == 407 ? " (give the proxy's credentials with proxyAuth)" : ""),
                            url,
                            r.status(),
                            r.reason(),
                            r.headers());
                }
                if (in.takeRemaining().length > 0) {
                    throw new IOException("the proxy " + route.proxy()
                            + " sent bytes after its answer to CONNECT, before" + " the TLS handshake");
                }
                return;
            }
        } catch (HttpParseException e) {
            throw new IOException("the proxy's answer to CONNECT " + authority + " is malformed: " + e.reason(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * What a failed TLS handshake means for the user, with the fix, ahead of the JDK's message; empty
     * for any other failure. The JDK says "PKIX path building failed" for an untrusted chain and
     * "No subject alternative DNS name matching" for a wrong name, which few can read.
     */
    private static String tlsProblem(IOException e, Origin origin) {
        if (!(e instanceof SSLException)) {
            return "";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return "the server's certificate is not trusted (its chain leads to no trusted CA; for a"
                        + " private CA, trust it with SessionOptions.tls(TlsOptions.client(Path.of(\"ca.pem\"))))"
                        + ": ";
            }
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return "the server's certificate is not valid now: ";
            }
            String m = t.getMessage();
            if (t instanceof CertificateException && m != null && m.startsWith("No ") && m.contains("matching")) {
                return "the server's certificate does not name " + origin.host()
                        + " (check the URL's host; TlsOptions.serverName sets the name to verify): ";
            }
        }
        return "the TLS handshake failed: ";
    }

    // ---- slots ----

    private boolean hasCapacity(Route route) {
        if (options.limit() > 0 && inUse >= options.limit()) {
            return false;
        }
        if (options.limitPerHost() > 0) {
            int[] n = perHost.get(route);
            return n == null || n[0] < options.limitPerHost();
        }
        return true;
    }

    private void count(Route route) {
        inUse++;
        if (options.limitPerHost() > 0) {
            perHost.computeIfAbsent(route, r -> new int[1])[0]++;
        }
    }

    private void takeSlot(Route route, Tracing trace) {
        if (closed) {
            throw new IllegalStateException("the ClientSession is closed");
        }
        if (hasCapacity(route)) {
            count(route);
            return;
        }
        Task<?> me = Parking.currentTask("ClientSession request");
        Parking.checkCancelled(me);
        Waiter w = new Waiter(route, me);
        waiters.addLast(w);
        trace.connectionQueuedStart();
        try {
            while (!w.granted) {
                Parking.park(me);
                if (w.granted) {
                    break;
                }
                if (closed) {
                    throw new IllegalStateException(
                            "the ClientSession was closed while this request waited for a" + " connection");
                }
                if (Parking.cancelPending(me)) {
                    throw Parking.cancelledError(me);
                }
            }
        } finally {
            if (!w.granted) {
                waiters.remove(w);
            }
        }
        trace.connectionQueuedEnd();
    }

    private void freeSlot(Route route) {
        inUse--;
        if (options.limitPerHost() > 0) {
            int[] n = perHost.get(route);
            if (--n[0] == 0) {
                perHost.remove(route);
            }
        }
        grantWaiters();
    }

    private void grantWaiters() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            if (options.limit() > 0 && inUse >= options.limit()) {
                return;
            }
            Waiter w = it.next();
            if (hasCapacity(w.route)) {
                it.remove();
                count(w.route);
                w.granted = true;
                Parking.unpark(w.task);
            }
        }
    }

    // ---- closing and statistics ----

    /** Closes the idle connections; connections in use close when released; waiters fail. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sweeper != null) {
            sweeper.cancel();
            sweeper = null;
        }
        for (ArrayDeque<Connection> q : idle.values()) {
            for (Connection c : q) {
                c.close();
            }
        }
        idle.clear();
        for (Waiter w : waiters) {
            Parking.unpark(w.task);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Connections in use (holding a slot). */
    int inUse() {
        return inUse;
    }

    /** Idle connections kept for reuse. */
    int idleCount() {
        int n = 0;
        for (ArrayDeque<Connection> q : idle.values()) {
            n += q.size();
        }
        return n;
    }

    /** Requests waiting for a slot. */
    int waiting() {
        return waiters.size();
    }

    long created() {
        return created;
    }

    long reused() {
        return reusedCount;
    }
}
