package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpParseException;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.internal.BytesPayload;
import io.asyncio4j.http.internal.ClientRequestEvent;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.Payload;
import io.asyncio4j.http.internal.ResponseHead;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.http.ws.WsOptions;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.net.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import jdk.jfr.FlightRecorder;

/**
 * An HTTP client session: aiohttp's {@code ClientSession}. It keeps a pool of keep-alive
 * connections, the cookie jar, and the defaults of its requests; make one per application (or per
 * group of related requests) and share it between tasks, as aiohttp advises.
 *
 * {@snippet :
 * Asyncio.run(() -> {
 *     try (ClientSession session = new ClientSession()) {               // async with aiohttp.ClientSession() as session:
 *         try (ClientResponse r = session.get("http://127.0.0.1:8080/")) { // async with session.get(url) as r:
 *             System.out.println(r.status());                             //     print(r.status)
 *             System.out.println(r.text());                               //     print(await r.text())
 *         }
 *     }
 *     return null;
 * });
 * }
 *
 * <p>Requests are ordinary suspending calls of the calling task, so {@code gather}, {@code
 * timeout}, {@code Semaphore} and cancellation compose with them as in asyncio. Each returns once
 * the response's head has arrived; the body is read from the {@link ClientResponse}. Per request:
 * the URL is resolved against the base URL, redirects are followed (up to 10; 303, and 301/302 after
 * a POST, become a GET without body; 307 and 308 keep method and body; {@code Authorization} and
 * explicit cookies are dropped when the redirect leaves the origin), cookies are taken from and
 * stored into the jar, {@code gzip}/{@code deflate} bodies are decoded.
 *
 * <p>Request bodies: bytes, text, JSON, forms ({@link FormData}, urlencoded or multipart), {@link
 * io.asyncio4j.http.MultipartWriter}, files (zero-copy with {@code sendfile}), and streams (a {@link
 * io.asyncio4j.net.StreamReader}, an {@link Iterable} of pieces, a {@link BodyWriter}), sent chunked
 * when their length is unknown. A body other than a small array is written by a task of its own
 * while the response is read, so a server that answers before it has read the whole body (or
 * while it reads it) is heard. A streamed body is sent once: never repeated by a retry, and a
 * redirect that would repeat it fails with {@link ClientPayloadError}.
 *
 * <p>A request that fails on a reused keep-alive connection before any byte of its response arrived
 * (the server closed the idle connection just then) is sent again once on a new connection if its
 * method is idempotent ({@code GET}, {@code HEAD}, {@code OPTIONS}, {@code PUT}, {@code DELETE},
 * {@code TRACE}) and its body can be replayed; any other method, {@code POST} first of all, is never
 * sent twice.
 *
 * <p>Errors are {@link ClientError}s ({@link IOException}s) naming the method and URL; timeouts are
 * {@link TimeoutException}s naming the {@link ClientTimeout} that fired.
 *
 * <p><b>Cancellation.</b> A request cancelled at any point leaves nothing behind: a connection it
 * held goes back to the pool if its response was complete, else it is closed; a place in the
 * pool's queue is given up.
 *
 * <p>A session belongs to the loop of its first request; its methods must be called from that
 * loop's tasks.
 */
public final class ClientSession implements AutoCloseable {
    private static final String USER_AGENT = "asyncio4j-http/0.1";

    private final SessionOptions options;
    private final CookieJar cookieJar;
    private Loop loop;
    private Connector connector;
    /** URLs as given, resolved against the base URL: {@link #resolved}. */
    private final Map<String, URI> resolvedUrls = new HashMap<>();
    /** The fields of requests that add nothing to the session's defaults, per origin; never changed. */
    private final Map<Origin, Headers> plainHeaders = new HashMap<>();
    /** The environment's proxies, read at the first request when {@code trustEnv}; else null. */
    private ProxyEnvironment environment;

    private boolean closed;

    /** A session with {@link SessionOptions#defaults()}. */
    public ClientSession() {
        this(SessionOptions.defaults());
    }

    /** A session with {@code options}. */
    public ClientSession(SessionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.cookieJar = options.cookieJar() != null ? options.cookieJar() : new CookieJar();
    }

    /** The options of this session. */
    public SessionOptions options() {
        return options;
    }

    /** The cookie jar of this session. */
    public CookieJar cookieJar() {
        return cookieJar;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    // ---- the verbs ----

    /** {@code GET url}; see {@link #request(String, String, RequestOptions)}. */
    public ClientResponse get(String url) throws IOException, TimeoutException {
        return request("GET", url, RequestOptions.NONE);
    }

    /** {@code GET url} with {@code options}; see {@link #request(String, String, RequestOptions)}. */
    public ClientResponse get(String url, RequestOptions options) throws IOException, TimeoutException {
        return request("GET", url, options);
    }

    /** {@code POST url}; see {@link #request(String, String, RequestOptions)}. */
    public ClientResponse post(String url) throws IOException, TimeoutException {
        return request("POST", url, RequestOptions.NONE);
    }

    /** {@code POST url} with {@code options} (a body: {@code json(...)}, {@code data(...)}, {@code form(...)}). */
    public ClientResponse post(String url, RequestOptions options) throws IOException, TimeoutException {
        return request("POST", url, options);
    }

    /** {@code PUT url}; see {@link #request(String, String, RequestOptions)}. */
    public ClientResponse put(String url) throws IOException, TimeoutException {
        return request("PUT", url, RequestOptions.NONE);
    }

    /** {@code PUT url} with {@code options}. */
    public ClientResponse put(String url, RequestOptions options) throws IOException, TimeoutException {
        return request("PUT", url, options);
    }

    /** {@code PATCH url}; see {@link #request(String, String, RequestOptions)}. */
    public ClientResponse patch(String url) throws IOException, TimeoutException {
        return request("PATCH", url, RequestOptions.NONE);
    }

    /** {@code PATCH url} with {@code options}. */
    public ClientResponse patch(String url, RequestOptions options) throws IOException, TimeoutException {
        return request("PATCH", url, options);
    }

    /** {@code DELETE url}; see {@link #request(String, String, RequestOptions)}. */
    public ClientResponse delete(String url) throws IOException, TimeoutException {
        return request("DELETE", url, RequestOptions.NONE);
    }

    /** {@code DELETE url} with {@code options}. */
    public ClientResponse delete(String url, RequestOptions options) throws IOException, TimeoutException {
        return request("DELETE", url, options);
    }

    /** {@code HEAD url}: redirects are not followed unless asked ({@code allowRedirects(true)}), as in aiohttp. */
    public ClientResponse head(String url) throws IOException, TimeoutException {
        return request("HEAD", url, RequestOptions.NONE);
    }

    /** {@code HEAD url} with {@code options}. */
    public ClientResponse head(String url, RequestOptions options) throws IOException, TimeoutException {
        return request("HEAD", url, options);
    }

    /** {@code OPTIONS url}; see {@link #request(String, String, RequestOptions)}. */
    public ClientResponse options(String url) throws IOException, TimeoutException {
        return request("OPTIONS", url, RequestOptions.NONE);
    }

    /** {@code OPTIONS url} with {@code options}. */
    public ClientResponse options(String url, RequestOptions options) throws IOException, TimeoutException {
        return request("OPTIONS", url, options);
    }

    /** {@code method url}; see {@link #request(String, String, RequestOptions)}. */
    public ClientResponse request(String method, String url) throws IOException, TimeoutException {
        return request(method, url, RequestOptions.NONE);
    }

    /**
     * Sends a request and returns its response once the head has arrived (after following
     * redirects); aiohttp's {@code session.request(method, url, **kwargs)}. Close the response (use
     * try-with-resources) to give its connection back.
     *
     * <p><b>Cancellation.</b> Nothing leaks: the connection in use is closed (or returned, when its
     * response was complete), a place in the pool's queue is given up.
     *
     * @param method the method, a token such as {@code "GET"} (case-sensitive)
     * @param url an absolute http or https URL, or one relative to the session's base URL
     * @throws InvalidUrl if {@code url} (or a redirect's {@code Location}) cannot be requested
     * @throws ClientConnectorError if no connection could be made
     * @throws ServerDisconnectedError if the server closed the connection before answering
     * @throws ClientResponseError with {@code raiseForStatus} on, for a status of 400 or more
     * @throws TooManyRedirects after more than {@code maxRedirects} redirects
     * @throws TimeoutException naming the {@link ClientTimeout} that fired
     * @throws IllegalStateException if the session is closed, or belongs to another loop
     */
    public ClientResponse request(String method, String url, RequestOptions options)
            throws IOException, TimeoutException {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        bind();
        URI target = options.params().isEmpty()
                ? resolved(url)
                : Urls.resolve(this.options.baseUrl(), url, options.params());
        Headers headers = mergedHeaders(options.headers());
        long declaredLength = -1;
        if (headers.contains(HeaderNames.CONTENT_LENGTH)) {
            headers = headers == this.options.headers() ? headers.copy() : headers;
            declaredLength = declaredLength(headers);
        }
        Payload body = options.body();
        if (options.hasJson()) {
            body = new BytesPayload(jsonCodec().encode(options.json()), "application/json");
        }
        if (declaredLength >= 0 && body == null) {
            throw new IllegalArgumentException("the request has a Content-Length header but no body; remove the"
                    + " header (the client frames bodies itself)");
        }
        BasicAuth auth = options.auth() != null ? options.auth() : this.options.auth();
        if (target.getRawUserInfo() != null && auth == null && !headers.contains(HeaderNames.AUTHORIZATION)) {
            auth = BasicAuth.fromUserInfo(target.getRawUserInfo());
        }
        Plan plan = new Plan(
                method,
                target,
                headers,
                body,
                declaredLength,
                auth,
                options.cookies(),
                options.allowRedirects() != null ? options.allowRedirects() : !method.equals("HEAD"),
                options.maxRedirects() != null ? options.maxRedirects() : this.options.maxRedirects(),
                options.proxy(),
                options.proxyAuth(),
                options.timeout() != null ? options.timeout() : this.options.timeout(),
                options.traceRequestCtx());
        boolean raise = options.raiseForStatus() != null ? options.raiseForStatus() : this.options.raiseForStatus();
        RetryPolicy retry = options.retry() != null ? options.retry() : this.options.retry();

        ClientResponse r = retry == null ? attempt(plan, headers) : withRetries(plan, retry);
        if (raise && r.status() >= 400) {
            r.close();
            throw ClientResponseError.of(r);
        }
        return r;
    }

    /**
     * {@code url} resolved against the base URL, parsed once for the many requests that name the same
     * URL (a {@link URI} never changes, so they can share it).
     */
    private URI resolved(String url) throws InvalidUrl {
        URI u = resolvedUrls.get(url);
        if (u == null) {
            u = Urls.resolve(options.baseUrl(), url, List.of());
            if (resolvedUrls.size() >= 256) {
                resolvedUrls.clear();
            }
            resolvedUrls.put(url, u);
        }
        return u;
    }

    /** What a request asks for, as settled before its first attempt. */
    private record Plan(
            String method,
            URI target,
            Headers headers,
            Payload body,
            long declaredLength,
            BasicAuth auth,
            List<String> cookies,
            boolean follow,
            int maxRedirects,
            HttpProxy proxy,
            BasicAuth proxyAuth,
            ClientTimeout timeout,
            Object traceRequestCtx) {}

    /** Attempts {@code plan} until it succeeds or {@code retry} says to stop, waiting on the loop's clock in between. */
    private ClientResponse withRetries(Plan plan, RetryPolicy retry) throws IOException, TimeoutException {
        boolean replayable = plan.body == null || plan.body.replayable();
        for (int n = 1; ; n++) {
            ClientResponse r;
            try {
                r = attempt(plan, plan.headers.copy()); // a redirect changes the headers it is given
            } catch (IOException | TimeoutException | RuntimeException e) {
                Duration wait = retry.afterFailure(plan.method, replayable, n, e);
                if (wait == null) {
                    throw e;
                }
                Asyncio.sleep(wait);
                continue;
            }
            Duration wait = retry.afterStatus(plan.method, replayable, n, r.status(), r.headers(), Instant.now());
            if (wait == null) {
                return r;
            }
            r.discardSmallBody(); // read to its end when small, so the next attempt can reuse the connection
            Asyncio.sleep(wait);
        }
    }

    /**
     * One attempt of {@code plan}: the request and the redirects it is answered with, traced by the
     * session's {@link TraceConfig}s and, while the JVM records, a JFR event.
     */
    private ClientResponse attempt(Plan plan, Headers headers) throws IOException, TimeoutException {
        Tracing trace = Tracing.start(options.traceConfigs(), plan.traceRequestCtx);
        ClientRequestEvent jfr = null;
        if (FlightRecorder.isInitialized()) {
            jfr = new ClientRequestEvent();
            jfr.begin();
        }
        URI url = Urls.withoutUserInfo(plan.target);
        trace.requestStart(plan.method, url, headers);
        int redirects = 0;
        try {
            ClientResponse r = follow(plan, headers, trace);
            redirects = r.history().size();
            url = r.url();
            try {
                trace.requestEnd(plan.method, url, headers, r);
            } catch (RuntimeException | Error e) {
                r.close();
                throw e;
            }
            if (jfr != null) {
                commit(jfr, plan.method, url, r.status(), redirects, "response");
            }
            return r;
        } catch (Throwable e) {
            try {
                trace.requestException(plan.method, url, headers, e);
            } catch (RuntimeException | Error hook) {
                e.addSuppressed(hook);
            }
            if (jfr != null) {
                commit(jfr, plan.method, url, 0, redirects, e.getClass().getName() + ": " + e.getMessage());
            }
            throw e;
        }
    }

    /** Ends and commits a request's event, on the loop's own thread (see the core's task events). */
    private void commit(ClientRequestEvent jfr, String method, URI url, int status, int redirects, String outcome) {
        jfr.end();
        if (jfr.shouldCommit()) {
            jfr.method = method;
            jfr.url = url.toString();
            jfr.status = status;
            jfr.redirects = redirects;
            jfr.outcome = outcome;
            loop.callSoon(jfr::commit);
        }
    }

    /** The request of {@code plan} and the redirects it is answered with. */
    private ClientResponse follow(Plan plan, Headers headers, Tracing trace) throws IOException, TimeoutException {
        URI target = plan.target;
        RequestTimer timer = new RequestTimer(loop, plan.timeout, plan.method, Urls.withoutUserInfo(target));
        Payload body = plan.body;
        String contentType = body != null ? body.contentType() : null;
        long declaredLength = plan.declaredLength;
        BasicAuth auth = plan.auth;
        List<String> explicitCookies = plan.cookies;
        List<ClientResponse> history = new ArrayList<>();
        String m = plan.method;
        while (true) {
            URI shown = Urls.withoutUserInfo(target);
            timer.url(shown);
            Route route = route(target, plan.proxy, plan.proxyAuth);
            ClientResponse r = send(
                    m,
                    target,
                    shown,
                    route,
                    headers,
                    body,
                    contentType,
                    declaredLength,
                    auth,
                    explicitCookies,
                    timer,
                    trace);
            int status = r.status();
            String location = r.headers().get(HeaderNames.LOCATION);
            if (plan.follow && location != null && isRedirect(status)) {
                history.add(r);
                if (history.size() > plan.maxRedirects) {
                    r.close();
                    throw tooManyRedirects(plan.method, history, plan.maxRedirects);
                }
                URI next = redirectTarget(shown, location, m);
                r.discardSmallBody();
                trace.requestRedirect(m, shown, headers, r);
                if (headers == options.headers()) {
                    headers = headers.copy(); // the session's own: changed below for the next hop
                }
                if ((status == 303 && !m.equals("HEAD")) || ((status == 301 || status == 302) && m.equals("POST"))) {
                    m = "GET";
                    body = null;
                    contentType = null;
                    declaredLength = -1;
                    headers.remove(HeaderNames.CONTENT_TYPE);
                } else if (body != null && !body.replayable()) {
                    throw new ClientPayloadError(
                            "cannot follow the " + status + " redirect of " + m + " " + shown + " to " + next
                                    + ": it must send the body again, and " + body.describe()
                                    + " was streamed once and cannot be replayed; send a replayable body (bytes, a file,"
                                    + " a FormData without streams), or pass allowRedirects(false) and handle the"
                                    + " redirect yourself",
                            shown,
                            null);
                }
                if (!Origin.of(next).equals(Origin.of(target))) {
                    auth = null;
                    headers.remove(HeaderNames.AUTHORIZATION);
                    headers.remove(HeaderNames.COOKIE);
                    explicitCookies = List.of();
                }
                target = next;
                continue;
            }
            r.history(history);
            return r;
        }
    }

    /**
     * How a request to {@code target} goes: through the request's proxy, else the session's, else
     * (with {@code trustEnv}) the environment's unless {@code NO_PROXY} covers it; directly
     * otherwise. {@code proxyAuth}, when given, is sent to whichever proxy that is.
     */
    private Route route(URI target, HttpProxy requestProxy, BasicAuth proxyAuth) {
        HttpProxy proxy = requestProxy != null ? requestProxy : options.proxy();
        if (proxy == null && environment != null) {
            proxy = environment.forUrl(target);
        }
        if (proxy != null && proxyAuth != null) {
            proxy = new HttpProxy(proxy.origin(), proxyAuth);
        }
        return new Route(Origin.of(target), proxy);
    }

    /** The {@code Content-Length} the caller gave for a streamed body (taken out of the headers), or -1. */
    private static long declaredLength(Headers headers) {
        String given = headers.get(HeaderNames.CONTENT_LENGTH);
        if (given == null) {
            return -1;
        }
        if (headers.getAll(HeaderNames.CONTENT_LENGTH).size() > 1) {
            throw new IllegalArgumentException("the request has several Content-Length headers; give one at most");
        }
        long n;
        try {
            n = Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            throw new IllegalArgumentException(
                    "the request's Content-Length '" + given + "' is not a number of bytes (0 or more)");
        }
        headers.remove(HeaderNames.CONTENT_LENGTH);
        return n;
    }

    /**
     * One request and its response head, with the retry of a stale keep-alive connection.
     *
     * <p>A body that is not a small array is written by a task of its own while this one reads the
     * response, as aiohttp does: a server may answer before it has read the whole body (a 307, a 413)
     * and close; read only after writing, that answer would be lost. The writer outlives the head when
     * the server answers early; the response then cancels it when released, and closes the
     * connection (its request was cut).
     */
    private ClientResponse send(
            String method,
            URI target,
            URI shown,
            Route route,
            Headers base,
            Payload body,
            String contentType,
            long declaredLength,
            BasicAuth auth,
            List<String> explicitCookies,
            RequestTimer timer,
            Tracing trace)
            throws IOException, TimeoutException {
        Headers headers = requestHeaders(target, route, base, body != null, contentType, auth, explicitCookies);
        String requestTarget;
        if (route.absoluteForm()) {
            // To a proxy: the whole URL (RFC 9112 section 3.2.2), without user information.
            requestTarget = shown.getScheme() + "://" + shown.getRawAuthority() + Urls.target(shown);
            if (route.proxy().auth() != null && !headers.contains(HeaderNames.PROXY_AUTHORIZATION)) {
                headers.add(
                        HeaderNames.PROXY_AUTHORIZATION, route.proxy().auth().encode());
            }
        } else {
            requestTarget = Urls.target(target);
        }
        try {
            return timer.total(
                    "getting a connection",
                    () -> sendOnce(
                            method,
                            target,
                            shown,
                            route,
                            body,
                            contentType,
                            declaredLength,
                            headers,
                            requestTarget,
                            timer,
                            trace));
        } catch (Throwable e) {
            cancellationFirst(e);
            throw e;
        }
    }

    /** {@link #send} within the request's total deadline. */
    private ClientResponse sendOnce(
            String method,
            URI target,
            URI shown,
            Route route,
            Payload body,
            String contentType,
            long declaredLength,
            Headers headers,
            String requestTarget,
            RequestTimer timer,
            Tracing trace)
            throws IOException, TimeoutException {
        boolean fresh = false;
        while (true) {
            BodyWriting writing = null;
            Payload.Sending sending = null;
            try {
                sending = body == null ? null : body.prepare();
                long framing = framing(method, shown, body, sending, declaredLength);
                Connection c = connector.acquire(route, fresh, timer, trace, method, shown);
                try {
                    c.head.request(method, requestTarget, HttpVersion.HTTP_1_1, headers, framing);
                    StreamWriter w = c.streams.writer();
                    w.write(c.head.array(), 0, c.head.length());
                    trace.requestHeadersSent(method, shown, headers);
                    if (sending instanceof BytesPayload b && b.bytes().length < SMALL_BODY) {
                        if (b.bytes().length > 0) {
                            w.write(b.bytes()); // framed by its length: nothing to check, nothing to wait for
                        }
                        w.drain();
                    } else if (sending != null) {
                        writing = BodyWriting.start(c, sending, framing, method, shown);
                    } else {
                        w.drain();
                    }
                    c.parser().expectResponseTo(method);
                    ResponseHead head = readHead(c, timer, method, shown, writing);
                    if (head.headers().contains(HeaderNames.SET_COOKIE)) {
                        cookieJar.update(head.headers().getAll(HeaderNames.SET_COOKIE), target);
                    }
                    ClientResponse r = new ClientResponse(this, method, shown, head, c, timer, writing);
                    r.decode(options.autoDecompress());
                    if (head.bodyKind() == io.asyncio4j.http.internal.BodyKind.NONE) {
                        r.close(); // nothing to read: the connection goes back at once
                    }
                    return r;
                } catch (Throwable e) {
                    Throwable bodyError = writing == null ? null : writing.stop();
                    connector.release(c, false);
                    if (bodyError != null) {
                        throw bodyFailure(bodyError); // the body's own source failed: as it is, never retried
                    }
                    // CLOSED comes only between messages: then nothing of a response arrived either.
                    boolean nothingReceived =
                            e instanceof ServerDisconnectedError || c.parser().atMessageStart();
                    if (!fresh
                            && c.reused
                            && nothingReceived
                            && idempotent(method)
                            && isDisconnect(e)
                            && (body == null || body.replayable())) {
                        fresh = true; // the server closed the idle connection: once more on a new one
                        continue;
                    }
                    throw translate(e, method, shown);
                }
            } finally {
                if (sending != null && writing == null) {
                    sending.release(); // a writer releases its sending itself when it ends
                }
            }
        }
    }

    /**
     * Throws the calling task's cancellation instead of {@code e} when one stands: a task that is
     * cancelled just as it is woken resumes with its thread's interrupt set (so that a JDK blocking
     * call sees it), and the first channel call it makes then fails with {@code
     * ClosedByInterruptException}; that failure is the cancellation's doing, not the connection's.
     */
    private static void cancellationFirst(Throwable e) {
        if (e instanceof CancelledError) {
            return;
        }
        Task<?> me = Parking.currentTaskOrNull();
        if (me != null && Parking.cancelPending(me)) {
            CancelledError cancelled = Parking.cancelledError(me);
            cancelled.addSuppressed(e);
            throw cancelled;
        }
    }

    /** Bodies below this are written with the head, without a sink. */
    private static final int SMALL_BODY = 64 * 1024;

    /** The framing of the request, checking a declared length against the body's. */
    private static long framing(String method, URI url, Payload body, Payload.Sending sending, long declaredLength) {
        if (sending == null) {
            return needsLength(method) ? 0 : HeadWriter.NO_FRAMING;
        }
        long length = sending.length();
        if (declaredLength < 0) {
            return length >= 0 ? length : HeadWriter.CHUNKED;
        }
        if (length >= 0 && length != declaredLength) {
            throw new IllegalArgumentException("the Content-Length header of " + method + " " + url + " says "
                    + declaredLength + " bytes but the body (" + body.describe() + ") has " + length
                    + "; remove the header: the client frames bodies of known length itself");
        }
        return declaredLength;
    }

    /** The failure of a body's source (a file that cannot be read, a producer that threw): as it is. */
    private static RuntimeException bodyFailure(Throwable e) throws IOException {
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IOException(e);
    }

    private ResponseHead readHead(Connection c, RequestTimer timer, String method, URI url, BodyWriting writing)
            throws IOException, TimeoutException {
        while (true) {
            HttpParser.Event e = c.in.nextBuffered();
            if (e == HttpParser.Event.NEED_DATA) {
                if (writing != null) {
                    e = readWhileSending(c, timer, writing);
                } else if (timer.unscoped(timer.timeout().sockRead())) {
                    timer.phase("waiting for the response"); // within the request's total scope
                    e = c.in.next();
                } else {
                    e = timer.within("sockRead", timer.timeout().sockRead(), "waiting for the response", c.in::next);
                }
            }
            if (e == HttpParser.Event.HEAD) {
                ResponseHead head = c.parser().response();
                if (head.informational()) {
                    continue;
                }
                if (head.status() == 101) {
                    throw new ClientPayloadError(
                            "the server switched protocols (101) for " + method + " " + url
                                    + ", which a ClientSession request does not ask for",
                            url,
                            null);
                }
                return head;
            }
            if (e == HttpParser.Event.CLOSED) {
                throw new ServerDisconnectedError(
                        "the server closed the connection before answering " + method + " " + url, url, null);
            }
            throw new ClientPayloadError(
                    "unexpected " + e + " before the response to " + method + " " + url, url, null);
        }
    }

    /**
     * The next event while a body may still be going out: {@code sockRead} counts from the later of
     * the body's end and the start of this wait, since a server rarely answers before it has the
     * whole body. A read cut by the phase's deadline loses nothing ({@code MessageReader.next}).
     */
    private static HttpParser.Event readWhileSending(Connection c, RequestTimer timer, BodyWriting writing)
            throws IOException, TimeoutException {
        while (true) {
            try {
                return timer.within("sockRead", timer.timeout().sockRead(), "waiting for the response", c.in::next);
            } catch (TimeoutException t) {
                if (timer.totalExpired()
                        || !writing.sendingSince(timer.timeout().sockRead())) {
                    throw t;
                }
            }
        }
    }

    private static boolean isDisconnect(Throwable e) {
        return e instanceof UncheckedIOException || e instanceof ServerDisconnectedError;
    }

    /** Throws {@code e} as the client's error for a request that failed before its response head. */
    private static RuntimeException translate(Throwable e, String method, URI url)
            throws IOException, TimeoutException {
        if (e instanceof UncheckedIOException io) {
            throw new ServerDisconnectedError(
                    "the connection broke before the response to " + method + " " + url + ": " + io.getMessage(),
                    url,
                    io.getCause());
        }
        if (e instanceof HttpParseException p) {
            throw new ClientPayloadError(
                    "the response to " + method + " " + url + " is malformed: " + p.reason(), url, p);
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof TimeoutException t) {
            throw t;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(e);
    }

    private static boolean idempotent(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" -> true;
            default -> false;
        };
    }

    private static boolean needsLength(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI from, String location, String method) throws InvalidUrl {
        URI next;
        try {
            next = from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InvalidUrl(
                    location, "the redirect from " + method + " " + from + " does not parse: " + e.getMessage(), from);
        }
        Urls.check(next, location);
        if (next.getRawFragment() != null) {
            next = Urls.resolve(null, next.toString(), List.of());
        }
        return next;
    }

    private static TooManyRedirects tooManyRedirects(String method, List<ClientResponse> history, int max) {
        StringBuilder chain = new StringBuilder();
        for (ClientResponse h : history) {
            chain.append(chain.isEmpty() ? "" : " -> ")
                    .append(h.url())
                    .append(" (")
                    .append(h.status())
                    .append(')');
        }
        ClientResponse last = history.get(history.size() - 1);
        return new TooManyRedirects(
                "more than " + max + " redirects for " + method + " "
                        + history.get(0).url() + ": " + chain,
                last.url(),
                last.status(),
                last.reason(),
                last.headers(),
                List.copyOf(history));
    }

    // ---- WebSockets ----

    /** {@link #wsConnect(String, WsOptions)} with {@link WsOptions#defaults()}. */
    public WebSocket wsConnect(String url) throws IOException, TimeoutException {
        return wsConnect(url, WsOptions.defaults());
    }

    /**
     * Opens a WebSocket (RFC 6455): aiohttp's {@code session.ws_connect(url, ...)}. {@code url} is
     * {@code ws://} or {@code wss://} (or {@code http://}, {@code https://}); the handshake is a GET
     * on a new connection with the session's default headers, cookies and TLS settings, the
     * subprotocols, extra headers and {@code Origin} of {@code options}, and permessage-deflate when
     * {@code options.compress()} is on. The WebSocket holds its connection, and a slot of the pool's
     * {@code limit}, until it is closed: close it (try-with-resources).
     *
     * {@snippet :
     * try (WebSocket ws = session.wsConnect("ws://127.0.0.1:8080/echo",
     *         WsOptions.defaults().heartbeat(Duration.ofSeconds(30)))) {
     *     ws.sendText("hi");
     *     System.out.println(ws.receiveText());
     * }
     * }
     *
     * <p><b>Cancellation.</b> The connection being set up is closed.
     *
     * @throws WsServerHandshakeError if the server did not switch protocols, or answered the
     *     handshake wrongly (a bad {@code Sec-WebSocket-Accept}, a subprotocol or an extension that
     *     was not offered)
     * @throws ClientConnectorError if no connection could be made
     * @throws TimeoutException naming the {@link ClientTimeout} that fired
     */
    public WebSocket wsConnect(String url, WsOptions options) throws IOException, TimeoutException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        bind();
        return WsConnect.open(this, url, options);
    }

    /** The header fields of a WebSocket handshake to {@code target}, before the WebSocket ones. */
    Headers wsHeaders(URI target, Headers extra) {
        Headers base = mergedHeaders(extra);
        BasicAuth auth = options.auth();
        if (target.getRawUserInfo() != null && auth == null && !base.contains(HeaderNames.AUTHORIZATION)) {
            auth = BasicAuth.fromUserInfo(target.getRawUserInfo());
        }
        // A WebSocket goes straight to its origin: no proxy for it yet.
        return requestHeaders(target, new Route(Origin.of(target), null), base, false, null, auth, List.of());
    }

    // ---- headers ----

    /**
     * The session's default headers with the request's over them (a request's name replaces the
     * session's). Without headers of the request's own (and without trace hooks, which are shown
     * them), the session's own object, which the caller copies before changing it.
     */
    private Headers mergedHeaders(Headers request) {
        Headers defaults = options.headers();
        if (request == null && options.traceConfigs().isEmpty()) {
            return defaults;
        }
        Headers h = new Headers();
        for (int i = 0; i < defaults.size(); i++) {
            if (request == null || !request.contains(defaults.name(i))) {
                h.add(defaults.name(i), defaults.value(i));
            }
        }
        if (request != null) {
            for (int i = 0; i < request.size(); i++) {
                String name = request.name(i);
                if (name.equalsIgnoreCase(HeaderNames.TRANSFER_ENCODING)) {
                    throw new IllegalArgumentException("the client frames the body itself (chunked when its length is"
                            + " unknown); remove the " + name + " header from the request");
                }
                h.add(name, request.value(i));
            }
        }
        return h;
    }

    /**
     * The fields sent: {@code Host}, {@code base}, the client's defaults, credentials, cookies,
     * {@code Content-Type}. A request that adds nothing to the session's defaults (no header, body,
     * credentials nor cookie of its own, no proxy, no trace hooks) sends the same fields as every
     * such request to its origin: those are kept per origin and sent as they are, never changed.
     */
    private Headers requestHeaders(
            URI target,
            Route route,
            Headers base,
            boolean hasBody,
            String contentType,
            BasicAuth auth,
            List<String> explicitCookies) {
        boolean plain = base == options.headers()
                && !hasBody
                && auth == null
                && explicitCookies.isEmpty()
                && route.proxy() == null
                && cookieJar.header(target) == null;
        if (plain) {
            Headers h = plainHeaders.get(route.origin());
            if (h == null) {
                if (plainHeaders.size() >= 64) {
                    plainHeaders.clear();
                }
                h = buildHeaders(target, base, false, null, null, List.of());
                plainHeaders.put(route.origin(), h);
            }
            return h;
        }
        return buildHeaders(target, base, hasBody, contentType, auth, explicitCookies);
    }

    private Headers buildHeaders(
            URI target,
            Headers base,
            boolean hasBody,
            String contentType,
            BasicAuth auth,
            List<String> explicitCookies) {
        Headers h = new Headers();
        if (!base.contains(HeaderNames.HOST)) {
            h.add(HeaderNames.HOST, Urls.hostHeader(target));
        }
        for (int i = 0; i < base.size(); i++) {
            h.add(base.name(i), base.value(i));
        }
        if (!base.contains(HeaderNames.USER_AGENT)) {
            h.add(HeaderNames.USER_AGENT, USER_AGENT);
        }
        if (!base.contains(HeaderNames.ACCEPT)) {
            h.add(HeaderNames.ACCEPT, "*/*");
        }
        if (options.autoDecompress() && !base.contains(HeaderNames.ACCEPT_ENCODING)) {
            h.add(HeaderNames.ACCEPT_ENCODING, "gzip, deflate");
        }
        if (auth != null && !base.contains(HeaderNames.AUTHORIZATION)) {
            h.add(HeaderNames.AUTHORIZATION, auth.encode());
        }
        String jar = cookieJar.header(target);
        if (jar != null || !explicitCookies.isEmpty()) {
            StringBuilder s = new StringBuilder();
            String given = h.get(HeaderNames.COOKIE);
            if (given != null) {
                s.append(given);
            }
            for (int i = 0; i < explicitCookies.size(); i += 2) {
                s.append(s.isEmpty() ? "" : "; ")
                        .append(explicitCookies.get(i))
                        .append('=')
                        .append(explicitCookies.get(i + 1));
            }
            if (jar != null) {
                s.append(s.isEmpty() ? "" : "; ").append(jar);
            }
            h.set(HeaderNames.COOKIE, s.toString());
        }
        if (hasBody && contentType != null && !base.contains(HeaderNames.CONTENT_TYPE)) {
            h.add(HeaderNames.CONTENT_TYPE, contentType);
        }
        return h;
    }

    // ---- the session's loop, pool and codec ----

    private void bind() {
        Loop current = Asyncio.currentLoop();
        if (loop == null) {
            if (options.trustEnv()) {
                environment = ProxyEnvironment.of(options.environment());
            }
            loop = current;
            connector = new Connector(loop, options);
        } else if (loop != current) {
            throw new IllegalStateException("this ClientSession belongs to loop '" + loop.name()
                    + "' and was used from loop '" + current.name()
                    + "'; a session and its connections live on one loop: create a session per loop");
        }
        if (closed) {
            throw new IllegalStateException("the ClientSession is closed; create a new one");
        }
    }

    Connector connector() {
        return connector;
    }

    JsonCodec jsonCodec() {
        return options.jsonCodec();
    }

    /**
     * What the connection pool holds now and has done: aiohttp's connector state, for monitoring and
     * benchmarks.
     *
     * @param inUse connections carrying a request or a response being read
     * @param idle keep-alive connections waiting to be reused
     * @param waiting requests waiting for a connection (the limits are reached)
     * @param created connections opened so far
     * @param reused requests sent on a connection opened for an earlier request
     */
    public record Statistics(int inUse, int idle, int waiting, long created, long reused) {}

    /** The pool's {@link Statistics}. */
    public Statistics statistics() {
        Connector c = connector;
        if (c == null) {
            return new Statistics(0, 0, 0, 0, 0);
        }
        return new Statistics(c.inUse(), c.idleCount(), c.waiting(), c.created(), c.reused());
    }

    /**
     * Closes the session: idle connections are closed now, connections in use once their response is
     * released, and requests waiting for a connection fail with {@link IllegalStateException}. Never
     * waits; calling it again does nothing. Called from another thread than the session's loop, the
     * closing is handed to the loop.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Connector c = connector;
        if (c == null) {
            return;
        }
        if (Parking.isLoopThread(loop)) {
            c.close();
        } else if (!loop.isClosed()) {
            loop.callSoonThreadsafe(c::close);
        }
    }

    @Override
    public String toString() {
        return "ClientSession[" + (closed ? "closed, " : "") + statistics() + "]";
    }
}
