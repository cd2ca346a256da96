package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    private byte[] data;
    private String contentType;
    private Object json;
    private boolean hasJson;
    private ClientTimeout timeout;
    private Boolean allowRedirects;
    private Integer maxRedirects;
    private Boolean raiseForStatus;
    private BasicAuth auth;
    private List<String> cookies = List.of();

    private RequestOptions() {}

    private RequestOptions copy() {
        RequestOptions c = new RequestOptions();
        c.params = params;
        c.headers = headers;
        c.data = data;
        c.contentType = contentType;
        c.json = json;
        c.hasJson = hasJson;
        c.timeout = timeout;
        c.allowRedirects = allowRedirects;
        c.maxRedirects = maxRedirects;
        c.raiseForStatus = raiseForStatus;
        c.auth = auth;
        c.cookies = cookies;
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
     * Sends {@code body} as the request body, as it is ({@code Content-Type: application/octet-stream}
     * unless a header says otherwise); aiohttp's {@code data=bytes}.
     */
    public RequestOptions data(byte[] body) {
        RequestOptions c = body(Objects.requireNonNull(body, "body").clone(), "application/octet-stream");
        return c;
    }

    /** Sends {@code text} in UTF-8 ({@code Content-Type: text/plain; charset=utf-8}). */
    public RequestOptions data(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /**
     * Sends {@code fields} as an HTML form ({@code application/x-www-form-urlencoded}), in the map's
     * order; aiohttp's {@code data=dict}.
     */
    public RequestOptions form(Map<String, ?> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!s.isEmpty()) {
                s.append('&');
            }
            s.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        });
        return body(s.toString().getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    }

    /**
     * Sends {@code value} as JSON ({@code Content-Type: application/json}), written by the session's
     * {@link JsonCodec} when the request is made; aiohttp's {@code json=}.
     */
    public RequestOptions json(Object value) {
        RequestOptions c = copy();
        c.data = null;
        c.json = value;
        c.hasJson = true;
        c.contentType = "application/json";
        return c;
    }

    private RequestOptions body(byte[] body, String type) {
        RequestOptions c = copy();
        c.data = body;
        c.contentType = type;
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

    List<String> params() {
        return params;
    }

    Headers headers() {
        return headers;
    }

    byte[] data() {
        return data;
    }

    String contentType() {
        return contentType;
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
        if (data != null) {
            s.append("data=").append(data.length).append(" bytes, ");
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
}
