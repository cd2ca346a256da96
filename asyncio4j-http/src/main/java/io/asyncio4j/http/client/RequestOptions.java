package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.MultipartWriter;
import io.asyncio4j.http.internal.BytesPayload;
import io.asyncio4j.http.internal.ChunksPayload;
import io.asyncio4j.http.internal.FilePayload;
import io.asyncio4j.http.internal.MultipartAccess;
import io.asyncio4j.http.internal.Payload;
import io.asyncio4j.http.internal.ReaderPayload;
import io.asyncio4j.net.StreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one request adds to its session's settings: aiohttp's keyword arguments of {@code
 * session.get(url, ...)}. Immutable; each method returns a changed copy. Start from the static
 * factories of {@link Options}, which have the same names, and chain:
 *
 * {@snippet :
 * import static io.asyncio4j.http.client.Options.*;
 *
 * try (ClientResponse r = session.get(url, params("q", "asyncio").header("Accept", "application/json"))) {
 *     System.out.println(r.status());
 * }
 * session.post(url, json(Map.of("name", "x")).raiseForStatus(true)).close();
 * }
 *
 * <p>Unset choices ({@code timeout}, {@code allowRedirects}, {@code raiseForStatus}...) fall back to
 * the session's; headers are added over the session's default headers, a name given here replacing
 * the session's fields of that name.
 */
public final class RequestOptions {
    static final RequestOptions NONE = new RequestOptions();

    /** Query parameters as name, value, name, value... (not yet encoded). */
    private List<String> params = List.of();

    private Headers headers;
    private Payload body;
    private Object json;
    private boolean hasJson;
    private ClientTimeout timeout;
    private Boolean allowRedirects;
    private Integer maxRedirects;
    private Boolean raiseForStatus;
    private BasicAuth auth;
    private List<String> cookies = List.of();
    private String proxy;
    private BasicAuth proxyAuth;
    private RetryPolicy retry;
    private Object traceRequestCtx;

    private RequestOptions() {}

    private RequestOptions copy() {
        RequestOptions c = new RequestOptions();
        c.params = params;
        c.headers = headers;
        c.body = body;
        c.json = json;
        c.hasJson = hasJson;
        c.timeout = timeout;
        c.allowRedirects = allowRedirects;
        c.maxRedirects = maxRedirects;
        c.raiseForStatus = raiseForStatus;
        c.auth = auth;
        c.cookies = cookies;
        c.proxy = proxy;
        c.proxyAuth = proxyAuth;
        c.retry = retry;
        c.traceRequestCtx = traceRequestCtx;
        return c;
    }

    /** No option: the session's settings as they are. */
    public static RequestOptions none() {
        return NONE;
    }

    /**
     * Adds query parameters, as names and values in pairs: {@code params("q", "x", "page", "2")}. A
     * name may repeat; they are percent-encoded and appended after the URL's own query.
     *
     * @throws IllegalArgumentException if the count is odd
     */
    public RequestOptions params(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "params takes names and values in pairs; got an odd count (" + namesAndValues.length + ")");
        }
        List<String> all = new ArrayList<>(params);
        for (String s : namesAndValues) {
            all.add(Objects.requireNonNull(s, "a query parameter name or value"));
        }
        RequestOptions c = copy();
        c.params = List.copyOf(all);
        return c;
    }

    /**
     * Adds query parameters from a map; a value that is an {@link Iterable} adds the name once per
     * element; other values are written with {@code String.valueOf}.
     */
    public RequestOptions params(Map<String, ?> params) {
        List<String> all = new ArrayList<>(this.params);
        params.forEach((name, value) -> {
            if (value instanceof Iterable<?> values) {
                for (Object v : values) {
                    all.add(name);
                    all.add(String.valueOf(v));
                }
            } else {
                all.add(name);
                all.add(String.valueOf(value));
            }
        });
        RequestOptions c = copy();
        c.params = List.copyOf(all);
        return c;
    }

    /**
     * Adds a header field (after any of the same name given here).
     *
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or
     *     another control byte (see {@link Headers#add})
     */
    public RequestOptions header(String name, String value) {
        Headers h = headers == null ? new Headers() : headers.copy();
        h.add(name, value);
        RequestOptions c = copy();
        c.headers = h;
        return c;
    }

    /** Adds every field of {@code headers}. */
    public RequestOptions headers(Headers headers) {
        Headers h = this.headers == null ? new Headers() : this.headers.copy();
        headers.forEach(h::add);
        RequestOptions c = copy();
        c.headers = h;
        return c;
    }

    /** Adds every entry of {@code headers} as a field. */
    public RequestOptions headers(Map<String, String> headers) {
        Headers h = this.headers == null ? new Headers() : this.headers.copy();
        headers.forEach(h::add);
        RequestOptions c = copy();
        c.headers = h;
        return c;
    }

    /**
     * Sends {@code body} (copied) as the request body ({@code Content-Type:
     * application/octet-stream} unless a header says otherwise); aiohttp's {@code data=bytes}.
     */
    public RequestOptions data(byte[] body) {
        return body(new BytesPayload(Objects.requireNonNull(body, "body").clone(), "application/octet-stream"));
    }

    /** Sends {@code text} in UTF-8 ({@code Content-Type: text/plain; charset=utf-8}). */
    public RequestOptions data(String text) {
        return body(new BytesPayload(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8"));
    }

    /**
     * Sends the file at {@code file} with {@code Content-Length}; aiohttp's {@code data=open(path,
     * "rb")}. The file is opened (off the loop) when the request is sent, and sent with {@code
     * sendfile}: zero-copy on a plain connection, read in chunks off the loop under TLS. Its {@code
     * Content-Type} is guessed from its name ({@code application/octet-stream} when unknown). It
     * can be sent again (a 307 or 308 redirect, a retry).
     */
    public RequestOptions data(Path file) {
        return body(new FilePayload(Objects.requireNonNull(file, "file"), null));
    }

    /**
     * Sends what {@code reader} gives until its end of stream, chunked ({@code
     * application/octet-stream}); aiohttp's {@code data=stream_reader}. It is sent once: a redirect
     * that would repeat it (307, 308) fails with {@link ClientPayloadError}, and no retry sends it
     * again. The reader must belong to the request's loop.
     */
    public RequestOptions data(StreamReader reader) {
        return body(new ReaderPayload(Objects.requireNonNull(reader, "reader")));
    }

    /**
     * Sends the pieces of {@code chunks} as they come, chunked ({@code application/octet-stream});
     * aiohttp's {@code data=generator}. The iterator may park the request's task between pieces (wait
     * on a queue, read a socket), as an async generator awaits. Sent once, as {@link
     * #data(StreamReader)}.
     */
    public RequestOptions data(Iterable<byte[]> chunks) {
        return body(new ChunksPayload(Objects.requireNonNull(chunks, "chunks")));
    }

    /**
     * Sends what {@code writer} writes, chunked ({@code application/octet-stream}); see {@link
     * BodyWriter}. Sent once, as {@link #data(StreamReader)}.
     */
    public RequestOptions data(BodyWriter writer) {
        return body(new WriterPayload(writer));
    }

    /**
     * Sends {@code form}: urlencoded when its fields are all text, else {@code multipart/form-data};
     * aiohttp's {@code data=FormData(...)}. The fields are read when the request is sent.
     */
    public RequestOptions data(FormData form) {
        Objects.requireNonNull(form, "form");
        return body(new Deferred(form::payload, "a FormData"));
    }

    /**
     * Sends {@code multipart} ({@code Content-Type: multipart/...; boundary=...}); aiohttp's {@code
     * data=MultipartWriter(...)}. Its parts are read when the request is sent.
     */
    public RequestOptions data(MultipartWriter multipart) {
        Objects.requireNonNull(multipart, "multipart");
        return body(new Deferred(() -> MultipartAccess.get().payload(multipart), multipart.toString()));
    }

    /**
     * Sends {@code fields} as an HTML form ({@code application/x-www-form-urlencoded}), in the map's
     * order; aiohttp's {@code data=dict}.
     */
    public RequestOptions form(Map<String, ?> fields) {
        return body(new FormData(fields).payload());
    }

    /**
     * Sends {@code value} as JSON ({@code Content-Type: application/json}), written by the session's
     * {@link JsonCodec} when the request is made; aiohttp's {@code json=}.
     */
    public RequestOptions json(Object value) {
        RequestOptions c = copy();
        c.body = null;
        c.json = value;
        c.hasJson = true;
        return c;
    }

    private RequestOptions body(Payload payload) {
        RequestOptions c = copy();
        c.body = payload;
        c.json = null;
        c.hasJson = false;
        return c;
    }

    /** Uses {@code timeout} instead of the session's. */
    public RequestOptions timeout(ClientTimeout timeout) {
        RequestOptions c = copy();
        c.timeout = Objects.requireNonNull(timeout, "timeout");
        return c;
    }

    /** Whether redirects are followed (the session's choice by default: yes). */
    public RequestOptions allowRedirects(boolean allow) {
        RequestOptions c = copy();
        c.allowRedirects = allow;
        return c;
    }

    /**
     * How many redirects are followed before {@link TooManyRedirects} (the session's, 10 by default).
     *
     * @throws IllegalArgumentException if negative
     */
    public RequestOptions maxRedirects(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative: " + max);
        }
        RequestOptions c = copy();
        c.maxRedirects = max;
        return c;
    }

    /** Whether a status of 400 or more throws {@link ClientResponseError} (the session's choice by default). */
    public RequestOptions raiseForStatus(boolean raise) {
        RequestOptions c = copy();
        c.raiseForStatus = raise;
        return c;
    }

    /** Authenticates with {@code auth} (never sent to another origin after a redirect). */
    public RequestOptions auth(BasicAuth auth) {
        RequestOptions c = copy();
        c.auth = Objects.requireNonNull(auth, "auth");
        return c;
    }

    /**
     * Sends these cookies with this request, besides the cookie jar's (only to the first URL: not
     * after a redirect to another origin).
     */
    public RequestOptions cookies(Map<String, String> cookies) {
        List<String> all = new ArrayList<>(this.cookies);
        cookies.forEach((name, value) -> {
            all.add(name);
            all.add(value);
        });
        RequestOptions c = copy();
        c.cookies = List.copyOf(all);
        return c;
    }

    /**
     * Sends this request through the HTTP proxy at {@code url}, instead of the session's (or the
     * environment's); aiohttp's {@code proxy=}. See {@link SessionOptions#proxy}.
     *
     * @throws IllegalArgumentException if {@code url} is not an http URL
     */
    public RequestOptions proxy(String url) {
        HttpProxy.parse(Objects.requireNonNull(url, "url"), null); // fails now, not at the request
        RequestOptions c = copy();
        c.proxy = url;
        return c;
    }

    /**
     * The credentials for the proxy this request goes through, its own or the session's (sent to the
     * proxy only); aiohttp's {@code proxy_auth}.
     */
    public RequestOptions proxyAuth(BasicAuth auth) {
        RequestOptions c = copy();
        c.proxyAuth = Objects.requireNonNull(auth, "auth");
        return c;
    }

    /**
     * Sends this request again as {@code policy} says, instead of the session's policy ({@link
     * RetryPolicy#none()} turns the session's off for this request).
     */
    public RequestOptions retry(RetryPolicy policy) {
        RequestOptions c = copy();
        c.retry = Objects.requireNonNull(policy, "policy");
        return c;
    }

    /**
     * A value for this request's trace hooks, found in their context under {@code
     * "traceRequestCtx"}; aiohttp's {@code trace_request_ctx}.
     */
    public RequestOptions traceRequestCtx(Object value) {
        RequestOptions c = copy();
        c.traceRequestCtx = Objects.requireNonNull(value, "value");
        return c;
    }

    Object traceRequestCtx() {
        return traceRequestCtx;
    }

    RetryPolicy retry() {
        return retry;
    }

    /** The request's own proxy, or null. */
    HttpProxy proxy() {
        return proxy == null ? null : HttpProxy.parse(proxy, proxyAuth);
    }

    /** The request's proxy credentials, or null. */
    BasicAuth proxyAuth() {
        return proxyAuth;
    }

    List<String> params() {
        return params;
    }

    Headers headers() {
        return headers;
    }

    /** The body, or null; a deferred one (a form, a multipart body) made now, from its current fields. */
    Payload body() {
        return body instanceof Deferred d ? d.make() : body;
    }

    boolean hasJson() {
        return hasJson;
    }

    Object json() {
        return json;
    }

    ClientTimeout timeout() {
        return timeout;
    }

    Boolean allowRedirects() {
        return allowRedirects;
    }

    Integer maxRedirects() {
        return maxRedirects;
    }

    Boolean raiseForStatus() {
        return raiseForStatus;
    }

    BasicAuth auth() {
        return auth;
    }

    List<String> cookies() {
        return cookies;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RequestOptions[");
        if (!params.isEmpty()) {
            s.append("params=").append(params).append(", ");
        }
        if (headers != null) {
            s.append("headers=").append(headers).append(", ");
        }
        if (body != null) {
            s.append("data=").append(body.describe()).append(", ");
        }
        if (hasJson) {
            s.append("json, ");
        }
        if (timeout != null) {
            s.append("timeout=").append(timeout).append(", ");
        }
        if (allowRedirects != null) {
            s.append("allowRedirects=").append(allowRedirects).append(", ");
        }
        if (maxRedirects != null) {
            s.append("maxRedirects=").append(maxRedirects).append(", ");
        }
        if (raiseForStatus != null) {
            s.append("raiseForStatus=").append(raiseForStatus).append(", ");
        }
        if (auth != null) {
            s.append(auth).append(", ");
        }
        if (s.charAt(s.length() - 1) == ' ') {
            s.setLength(s.length() - 2);
        }
        return s.append(']').toString();
    }

    /**
     * A body made when the request is sent (a form or multipart body whose fields may still change
     * after the options were built); only {@link #body()} makes it, so its methods are never called.
     */
    private static final class Deferred extends Payload {
        private final Supplier<Payload> maker;
        private final String what;

        Deferred(Supplier<Payload> maker, String what) {
            this.maker = maker;
            this.what = what;
        }

        Payload make() {
            return maker.get();
        }

        @Override
        public boolean replayable() {
            return true;
        }

        @Override
        protected Sending open() {
            throw new IllegalStateException("a deferred body is made before it is sent");
        }

        @Override
        public String describe() {
            return what;
        }
    }
}
