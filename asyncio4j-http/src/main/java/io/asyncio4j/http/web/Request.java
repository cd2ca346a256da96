package io.asyncio4j.http.web;

import io.asyncio4j.http.BodySource;
import io.asyncio4j.http.Form;
import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.MultiDict;
import io.asyncio4j.http.MultipartLimits;
import io.asyncio4j.http.MultipartReader;
import io.asyncio4j.http.internal.BodySources;
import io.asyncio4j.http.internal.MediaTypes;
import io.asyncio4j.http.internal.RequestHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP request as a handler sees it: aiohttp's {@code web.Request}. The head is parsed; the body
 * is still on the connection, read whole ({@link #bytes()}, {@link #text()}, {@link #json}) or as a
 * stream ({@link #content()}).
 *
 * {@snippet :
 * Handler handler = request -> {
 *     String id = request.matchInfo().get("id");     // /users/{id}
 *     String sort = request.query().get("sort", "name"); // ?sort=...
 *     NewUser body = request.json(NewUser.class);
 *     return Response.json(users.update(id, body, sort));
 * };
 * }
 *
 * <p>Forms ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}) are read from
 * {@link #content()}; the form readers of this module build on it.
 *
 * <p>A request belongs to the task handling it; its body can be read only while the handler runs.
 */
public final class Request {
    private final HttpConnection conn;
    private final RequestHead head;
    private final Router.Resolved resolved;
    private final String rawPath;
    private final int queryStart;

    private String path;
    private MultiDict<String> query;
    private Map<String, String> cookies;
    private Map<AppKey<?>, Object> state;
    private RequestContent content;
    private byte[] body;
    private Form form;

    Request(HttpConnection conn, RequestHead head, String rawPath, int queryStart, Router.Resolved resolved) {
        this.conn = conn;
        this.head = head;
        this.rawPath = rawPath;
        this.queryStart = queryStart;
        this.resolved = resolved;
    }

    HttpConnection connection() {
        return conn;
    }

    RequestHead head() {
        return head;
    }

    /** The route's handler wrapped in middlewares, or the 404/405 chain. */
    Handler chain() {
        Route r = resolved.route();
        return r != null ? r.chain : resolved.app().errorChain;
    }

    // ---- the request line ----

    /** The method, {@code "GET"}. */
    public String method() {
        return head.method();
    }

    /** The HTTP version. */
    public HttpVersion version() {
        return head.version();
    }

    /**
     * The path, percent-decoded (UTF-8): {@code "/caf\u00e9"} for {@code /caf%C3%A9?x=1}; aiohttp's
     * {@code request.path}.
     */
    public String path() {
        String p = path;
        if (p == null) {
            p = UrlCodec.decode(rawPath, 0, rawPath.length(), false);
            path = p;
        }
        return p;
    }

    /** The path as received, percent-encoded, without the query; aiohttp's {@code raw_path} without the query. */
    public String rawPath() {
        return rawPath;
    }

    /** The request target as received: path and query ({@code "/search?q=a%20b"}); aiohttp's {@code path_qs}. */
    public String pathQs() {
        return head.target();
    }

    /** The query string as received (not decoded), or {@code ""}; aiohttp's {@code query_string}. */
    public String queryString() {
        return queryStart < 0 ? "" : head.target().substring(queryStart + 1);
    }

    /**
     * The query's parameters, decoded ({@code +} is a space), in order, a name possibly several
     * times; aiohttp's {@code request.query}.
     */
    public MultiDict<String> query() {
        MultiDict<String> q = query;
        if (q == null) {
            String t = head.target();
            q = queryStart < 0 ? MultiDict.empty() : UrlCodec.parseForm(t, queryStart + 1, t.length());
            query = q;
        }
        return q;
    }

    /** The header fields. */
    public Headers headers() {
        return head.headers();
    }

    /**
     * The cookies the client sent ({@code Cookie}), by name; the first of a repeated name wins, and
     * double-quoted values are unquoted; aiohttp's {@code request.cookies}.
     */
    public Map<String, String> cookies() {
        Map<String, String> c = cookies;
        if (c == null) {
            c = parseCookies(head.headers());
            cookies = c;
        }
        return c;
    }

    private static Map<String, String> parseCookies(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : headers.getAll(HeaderNames.COOKIE)) {
            for (String pair : field.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty()) {
                    out.putIfAbsent(name, value);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The values of the route's variables, decoded: {@code {"id": "42"}} for {@code /users/42} on
     * {@code /users/{id}}; aiohttp's {@code match_info}.
     */
    public Map<String, String> matchInfo() {
        return resolved.matchInfo();
    }

    /** The route that matched, or null (the request is answered 404 or 405). */
    public Route route() {
        return resolved.route();
    }

    /** For a 405: the methods the path takes; null otherwise. */
    Set<String> allowedMethods() {
        return resolved.allowed();
    }

    /** The application of the route that matched (a sub-application's for a route in one); aiohttp's {@code request.app}. */
    public Application app() {
        return resolved.app();
    }

    /**
     * The value under {@code key} in the request's application or, failing that, in its parents;
     * aiohttp's {@code request.config_dict[key]}.
     *
     * @throws NoSuchElementException if no application holds it
     */
    public <T> T config(AppKey<T> key) {
        for (Application a = resolved.app(); a != null; a = a.parent()) {
            T v = a.get(key, null);
            if (v != null) {
                return v;
            }
        }
        throw new NoSuchElementException(key + " is set in neither the request's application nor its parents");
    }

    // ---- the connection ----

    /** Whether the client may send another request on this connection. */
    public boolean keepAlive() {
        return head.keepAlive();
    }

    /** The peer's address (the proxy's, behind one); aiohttp's {@code transport.get_extra_info("peername")}. */
    public SocketAddress peerAddress() {
        return conn.peerAddress();
    }

    /**
     * The client's IP address: the peer's, or, when the peer is a trusted proxy ({@link
     * RunnerOptions#trustedProxies}), the last address in {@code X-Forwarded-For} that is not one;
     * aiohttp's {@code request.remote}. Null for a Unix socket.
     */
    public String remote() {
        String peer = peerIp();
        if (peer == null || !conn.server().trusts(peer)) {
            return peer;
        }
        java.util.List<String> fields = head.headers().getAll(HeaderNames.X_FORWARDED_FOR);
        String[] hops = String.join(",", fields).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !conn.server().trusts(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private String peerIp() {
        return conn.peerAddress() instanceof InetSocketAddress isa
                ? isa.getAddress().getHostAddress()
                : null;
    }

    private boolean fromTrustedProxy() {
        String peer = peerIp();
        return peer != null && conn.server().trusts(peer);
    }

    /**
     * {@code "https"} over TLS, else {@code "http"}; behind a trusted proxy, its {@code
     * X-Forwarded-Proto}. aiohttp's {@code request.scheme}.
     */
    public String scheme() {
        if (fromTrustedProxy()) {
            String proto = head.headers().get("X-Forwarded-Proto");
            if (proto != null && !proto.isBlank()) {
                return proto.split(",")[0].trim().toLowerCase(Locale.ROOT);
            }
        }
        return conn.secure() ? "https" : "http";
    }

    /** Whether the request came over TLS (or, behind a trusted proxy, the proxy says so). */
    public boolean secure() {
        return scheme().equals("https");
    }

    /**
     * The host the client asked for: {@code Host} (behind a trusted proxy, {@code
     * X-Forwarded-Host}); aiohttp's {@code request.host}. Null when an HTTP/1.0 request has none.
     */
    public String host() {
        if (fromTrustedProxy()) {
            String h = head.headers().get(HeaderNames.X_FORWARDED_HOST);
            if (h != null && !h.isBlank()) {
                return h.split(",")[0].trim();
            }
        }
        return head.headers().get(HeaderNames.HOST);
    }

    /**
     * The absolute URL of the request, from {@link #scheme()}, {@link #host()} (else the local
     * address) and the target; aiohttp's {@code request.url}.
     */
    public URI url() {
        String host = host();
        if (host == null) {
            host = conn.localAddress() instanceof InetSocketAddress isa
                    ? isa.getHostString() + ":" + isa.getPort()
                    : "localhost";
        }
        try {
            return new URI(scheme() + "://" + host + head.target());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the request's URL is not a valid URI: " + e.getMessage(), e);
        }
    }

    // ---- state ----

    /** Stores {@code value} under {@code key} for this request (a middleware passing a user to the handler); aiohttp's {@code request[key]}. */
    public <T> Request set(AppKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        if (state == null) {
            state = new HashMap<>();
        }
        state.put(key, key.check(value));
        return this;
    }

    /**
     * The value stored under {@code key} for this request.
     *
     * @throws NoSuchElementException if none is
     */
    @SuppressWarnings("unchecked")
    public <T> T get(AppKey<T> key) {
        Object v = state == null ? null : state.get(key);
        if (v == null) {
            throw new NoSuchElementException(key + " is not set on this request");
        }
        return (T) v;
    }

    /** The value stored under {@code key} for this request, or {@code fallback}. */
    @SuppressWarnings("unchecked")
    public <T> T get(AppKey<T> key, T fallback) {
        Object v = state == null ? null : state.get(key);
        return v == null ? fallback : (T) v;
    }

    // ---- the body ----

    /** Whether the request has a body ({@code Content-Length} above 0, or chunked); aiohttp's {@code body_exists}. */
    public boolean hasBody() {
        return head.bodyKind() != io.asyncio4j.http.internal.BodyKind.NONE;
    }

    /** The declared {@code Content-Length}, or -1 (none, or chunked). */
    public long contentLength() {
        return head.bodyKind() == io.asyncio4j.http.internal.BodyKind.CHUNKED ? -1 : head.contentLength();
    }

    /** The media type of {@code Content-Type} in lower case, without parameters; {@code application/octet-stream} when absent. */
    public String contentType() {
        return MediaTypes.mediaType(head.headers().get(HeaderNames.CONTENT_TYPE));
    }

    /** The {@code charset} parameter of {@code Content-Type}, or null. */
    public String charset() {
        return MediaTypes.charset(head.headers().get(HeaderNames.CONTENT_TYPE));
    }

    /**
     * The body as a stream with back-pressure (the client is read from only as fast as this is
     * read); aiohttp's {@code request.content}. {@code Expect: 100-continue} is answered on the first
     * read.
     */
    public RequestContent content() {
        RequestContent c = content;
        if (c == null) {
            c = new RequestContent(this);
            content = c;
        }
        return c;
    }

    /**
     * The whole body; aiohttp's {@code request.read()}. Kept, so later calls (and {@link #text()},
     * {@link #json}) return it again; after part of it was streamed, the rest.
     *
     * <p><b>Cancellation.</b> The bytes read so far are lost and the connection closes after the
     * response (the rest of the body cannot be skipped reliably).
     *
     * @throws HttpRequestEntityTooLarge (413) if the body is longer than {@link
     *     Application#clientMaxSize()}
     * @throws io.asyncio4j.http.HttpParseException if the body is malformed or cut short (400)
     */
    public byte[] bytes() {
        if (body != null) {
            return body;
        }
        long max = app().clientMaxSize();
        long declared = contentLength();
        if (declared > max) {
            throw new HttpRequestEntityTooLarge(max, declared);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        if (content != null) {
            byte[] buffered = content.takeBuffered();
            all.write(buffered, 0, buffered.length);
        }
        ByteBuffer piece;
        while ((piece = conn.nextBodyPiece(this)) != null) {
            if (all.size() + (long) piece.remaining() > max) {
                throw new HttpRequestEntityTooLarge(max, all.size() + (long) piece.remaining());
            }
            byte[] chunk = new byte[piece.remaining()];
            piece.get(chunk);
            all.write(chunk, 0, chunk.length);
        }
        body = all.toByteArray();
        return body;
    }

    /**
     * The whole body as text, in the {@code charset} of {@code Content-Type}, else UTF-8; aiohttp's
     * {@code request.text()}.
     *
     * @throws HttpBadRequest if the charset is unknown
     * @throws HttpRequestEntityTooLarge as {@link #bytes()}
     */
    public String text() {
        String name = charset();
        Charset cs = name == null ? StandardCharsets.UTF_8 : MediaTypes.known(name);
        if (cs == null) {
            throw new HttpBadRequest("unknown charset " + name);
        }
        return new String(bytes(), cs);
    }

    /**
     * The body decoded from JSON as {@code type} with the application's {@link
     * Application#jsonCodec()}; aiohttp's {@code request.json()}. A body that is not JSON of that type
     * is the client's error: 400.
     *
     * @throws HttpBadRequest if the body cannot be decoded as {@code type}
     * @throws HttpRequestEntityTooLarge as {@link #bytes()}
     */
    public <T> T json(Class<T> type) {
        byte[] b = bytes();
        try {
            return app().jsonCodec().decode(b, type);
        } catch (IOException e) {
            throw new HttpBadRequest("the body is not JSON of the expected shape: " + e.getMessage());
        }
    }

    /**
     * The submitted form, read once and kept: aiohttp's {@code request.post()}. An {@code
     * application/x-www-form-urlencoded} body (also assumed without a {@code Content-Type}) or a
     * {@code multipart/form-data} one, whose file parts are streamed to temporary files that are
     * deleted when the request's handling ends. A request of a method without a body ({@code GET})
     * has an empty form. Text fields may hold {@link Application#clientMaxSize()} bytes in all; see
     * {@link #post(MultipartLimits)} for the other limits.
     *
     * <p><b>Cancellation.</b> The form is not kept, its temporary files are deleted, and the
     * connection closes after the response.
     *
     * @throws io.asyncio4j.http.HttpParseException 415 for a body that is not a form, 413 past a
     *     limit, 400 for a malformed body; a handler that lets it through answers that status
     */
    public Form post() {
        return post(MultipartLimits.defaults().withMaxFormMemory(app().clientMaxSize()));
    }

    /** {@link #post()} with other limits (the limits of the first call are those applied). */
    public Form post(MultipartLimits limits) {
        Form f = form;
        if (f == null) {
            String method = head.method();
            boolean withBody = method.equals("POST")
                    || method.equals("PUT")
                    || method.equals("PATCH")
                    || method.equals("DELETE")
                    || hasBody();
            f = withBody
                    ? Form.read(head.headers().get(HeaderNames.CONTENT_TYPE), bodySource(), limits, null)
                    : Form.of(java.util.List.of());
            form = f;
        }
        return f;
    }

    /**
     * A reader of the multipart body, part by part as it arrives: aiohttp's {@code
     * request.multipart()}. Nothing is buffered beyond the reader's buffer, so any size of upload
     * can be streamed where it goes.
     *
     * @throws io.asyncio4j.http.HttpParseException 415 if the body is not multipart, 400 if its
     *     boundary is missing or invalid
     */
    public MultipartReader multipart() {
        return multipart(MultipartLimits.defaults());
    }

    /** {@link #multipart()} with other limits. */
    public MultipartReader multipart(MultipartLimits limits) {
        return new MultipartReader(head.headers().get(HeaderNames.CONTENT_TYPE), bodySource(), limits);
    }

    /** The body as a {@link BodySource}: what is left of it on the connection, or the bytes read. */
    private BodySource bodySource() {
        if (body != null) {
            return BodySource.of(body);
        }
        return BodySources.reading(content()::read);
    }

    /** Releases what the request's handling left: the temporary files of {@link #post()}. */
    void cleanup() {
        if (form != null) {
            form.close();
        }
    }

    /** {@code <Request GET /path >}, as aiohttp prints one. */
    @Override
    public String toString() {
        return "<Request " + head.method() + " " + rawPath + " >";
    }
}
