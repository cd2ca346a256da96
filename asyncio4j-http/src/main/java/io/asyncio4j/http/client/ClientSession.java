package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpParseException;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.ResponseHead;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.http.ws.WsOptions;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.net.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

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
 * <p>A request that fails on a reused keep-alive connection before any byte of its response arrived
 * (the server closed the idle connection just then) is sent again once on a new connection if its
 * method is idempotent ({@code GET}, {@code HEAD}, {@code OPTIONS}, {@code PUT}, {@code DELETE},
 * {@code TRACE}); any other method, {@code POST} first of all, is never sent twice.
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
        URI target = Urls.resolve(this.options.baseUrl(), url, options.params());
        ClientTimeout timeout = options.timeout() != null ? options.timeout() : this.options.timeout();
        RequestTimer timer = new RequestTimer(loop, timeout, method, Urls.withoutUserInfo(target));

        Headers headers = mergedHeaders(options.headers());
        byte[] body = options.data();
        String contentType = options.contentType();
        if (options.hasJson()) {
            body = jsonCodec().encode(options.json());
        }
        BasicAuth auth = options.auth() != null ? options.auth() : this.options.auth();
        if (target.getRawUserInfo() != null && auth == null && !headers.contains(HeaderNames.AUTHORIZATION)) {
            auth = authFromUserInfo(target.getRawUserInfo());
        }
        List<String> explicitCookies = options.cookies();
        boolean follow = options.allowRedirects() != null ? options.allowRedirects() : !method.equals("HEAD");
        int maxRedirects = options.maxRedirects() != null ? options.maxRedirects() : this.options.maxRedirects();
        boolean raise = options.raiseForStatus() != null ? options.raiseForStatus() : this.options.raiseForStatus();

        List<ClientResponse> history = new ArrayList<>();
        String m = method;
        while (true) {
            URI shown = Urls.withoutUserInfo(target);
            timer.url(shown);
            ClientResponse r = send(m, target, shown, headers, body, contentType, auth, explicitCookies, timer);
            int status = r.status();
            String location = r.headers().get(HeaderNames.LOCATION);
            if (follow && location != null && isRedirect(status)) {
                history.add(r);
                if (history.size() > maxRedirects) {
                    r.close();
                    throw tooManyRedirects(method, history, maxRedirects);
                }
                URI next = redirectTarget(shown, location, m);
                r.discardSmallBody();
                if ((status == 303 && !m.equals("HEAD")) || ((status == 301 || status == 302) && m.equals("POST"))) {
                    m = "GET";
                    body = null;
                    contentType = null;
                    headers.remove(HeaderNames.CONTENT_TYPE);
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
            if (raise && status >= 400) {
                r.close();
                throw ClientResponseError.of(r);
            }
            return r;
        }
    }

    /** One request and its response head, with the retry of a stale keep-alive connection. */
    private ClientResponse send(
            String method,
            URI target,
            URI shown,
            Headers base,
            byte[] body,
            String contentType,
            BasicAuth auth,
            List<String> explicitCookies,
            RequestTimer timer)
            throws IOException, TimeoutException {
        Headers headers = requestHeaders(target, base, body, contentType, auth, explicitCookies);
        long framing = body != null ? body.length : needsLength(method) ? 0 : HeadWriter.NO_FRAMING;
        String requestTarget = Urls.target(target);
        Origin origin = Origin.of(target);
        boolean fresh = false;
        while (true) {
            Connection c = connector.acquire(origin, fresh, timer, method, shown);
            try {
                c.head.request(method, requestTarget, HttpVersion.HTTP_1_1, headers, framing);
                StreamWriter w = c.streams.writer();
                w.write(c.head.array(), 0, c.head.length());
                if (body != null && body.length > 0) {
                    w.write(body);
                }
                w.drain();
                c.parser().expectResponseTo(method);
                ResponseHead head = readHead(c, timer, method, shown);
                cookieJar.update(head.headers().getAll(HeaderNames.SET_COOKIE), target);
                ClientResponse r = new ClientResponse(this, method, shown, head, c, timer);
                r.decode(options.autoDecompress());
                if (head.bodyKind() == io.asyncio4j.http.internal.BodyKind.NONE) {
                    r.close(); // nothing to read: the connection goes back at once
                }
                return r;
            } catch (Throwable e) {
                // CLOSED comes only between messages: then nothing of a response arrived either.
                boolean nothingReceived =
                        e instanceof ServerDisconnectedError || c.parser().atMessageStart();
                connector.release(c, false);
                if (!fresh && c.reused && nothingReceived && idempotent(method) && isDisconnect(e)) {
                    fresh = true; // the server closed the idle connection: once more on a new one
                    continue;
                }
                throw translate(e, method, shown);
            }
        }
    }

    private ResponseHead readHead(Connection c, RequestTimer timer, String method, URI url)
            throws IOException, TimeoutException {
        while (true) {
            HttpParser.Event e = c.in.nextBuffered();
            if (e == HttpParser.Event.NEED_DATA) {
                e = timer.within("sockRead", timer.timeout().sockRead(), "waiting for the response", c.in::next);
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
            auth = authFromUserInfo(target.getRawUserInfo());
        }
        return requestHeaders(target, base, null, null, auth, List.of());
    }

    // ---- headers ----

    /** The session's default headers with the request's over them (a request's name replaces the session's). */
    private Headers mergedHeaders(Headers request) {
        Headers defaults = options.headers();
        Headers h = new Headers();
        for (int i = 0; i < defaults.size(); i++) {
            if (request == null || !request.contains(defaults.name(i))) {
                h.add(defaults.name(i), defaults.value(i));
            }
        }
        if (request != null) {
            for (int i = 0; i < request.size(); i++) {
                String name = request.name(i);
                if (name.equalsIgnoreCase(HeaderNames.CONTENT_LENGTH)
                        || name.equalsIgnoreCase(HeaderNames.TRANSFER_ENCODING)) {
                    throw new IllegalArgumentException(
                            "the client frames the body itself; remove the " + name + " header from the request");
                }
                h.add(name, request.value(i));
            }
        }
        return h;
    }

    private Headers requestHeaders(
            URI target, Headers base, byte[] body, String contentType, BasicAuth auth, List<String> explicitCookies) {
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
        if (body != null && contentType != null && !base.contains(HeaderNames.CONTENT_TYPE)) {
            h.add(HeaderNames.CONTENT_TYPE, contentType);
        }
        return h;
    }

    private static BasicAuth authFromUserInfo(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String login = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String password = colon < 0 ? "" : rawUserInfo.substring(colon + 1);
        return new BasicAuth(
                URLDecoder.decode(login, StandardCharsets.UTF_8), URLDecoder.decode(password, StandardCharsets.UTF_8));
    }

    // ---- the session's loop, pool and codec ----

    private void bind() {
        Loop current = Asyncio.currentLoop();
        if (loop == null) {
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
