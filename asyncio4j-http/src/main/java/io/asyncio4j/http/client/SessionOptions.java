package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.net.Resolver;
import io.asyncio4j.net.TlsOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ClientSession} makes its requests: aiohttp's keyword arguments of {@code
 * ClientSession(...)} and of its {@code TCPConnector(...)}. Immutable; each method returns a
 * changed copy.
 *
 * {@snippet :
 * SessionOptions options = SessionOptions.defaults()
 *         .baseUrl("http://127.0.0.1:8080/api/")
 *         .header("User-Agent", "my-crawler/1.0")
 *         .timeout(ClientTimeout.defaults().total(Duration.ofSeconds(30)))
 *         .limitPerHost(10);
 * try (ClientSession session = new ClientSession(options)) {
 *     // ...
 * }
 * }
 */
public final class SessionOptions {
    /** The JDK's resolver, off the loop, without a cache of its own: the session caches. */
    private static final Resolver UNCACHED = Resolver.system(Duration.ZERO);

    private static final SessionOptions DEFAULTS = new SessionOptions();

    private URI baseUrl;
    private Headers headers = new Headers();
    private ClientTimeout timeout = ClientTimeout.defaults();
    private int limit = 100;
    private int limitPerHost;
    private Duration keepaliveTimeout = Duration.ofSeconds(15);
    private boolean raiseForStatus;
    private CookieJar cookieJar;
    private TlsOptions tls = TlsOptions.client();
    private JsonCodec jsonCodec;
    private boolean autoDecompress = true;
    private BasicAuth auth;
    private int maxRedirects = 10;
    private HttpLimits limits = HttpLimits.defaults();
    private HttpProxy proxy;
    private boolean trustEnv;
    private Resolver resolver = UNCACHED;
    private Duration ttlDnsCache = Duration.ofSeconds(10);
    private boolean useDnsCache = true;
    private Duration happyEyeballsDelay = Duration.ofMillis(250);
    private RetryPolicy retry;
    private List<TraceConfig> traceConfigs = List.of();
    /** The environment {@code trustEnv} reads; null: the process's. A seam for tests. */
    private Map<String, String> environment;

    private SessionOptions() {}

    private SessionOptions copy() {
        SessionOptions c = new SessionOptions();
        c.baseUrl = baseUrl;
        c.headers = headers;
        c.timeout = timeout;
        c.limit = limit;
        c.limitPerHost = limitPerHost;
        c.keepaliveTimeout = keepaliveTimeout;
        c.raiseForStatus = raiseForStatus;
        c.cookieJar = cookieJar;
        c.tls = tls;
        c.jsonCodec = jsonCodec;
        c.autoDecompress = autoDecompress;
        c.auth = auth;
        c.maxRedirects = maxRedirects;
        c.limits = limits;
        c.proxy = proxy;
        c.trustEnv = trustEnv;
        c.resolver = resolver;
        c.ttlDnsCache = ttlDnsCache;
        c.useDnsCache = useDnsCache;
        c.happyEyeballsDelay = happyEyeballsDelay;
        c.retry = retry;
        c.traceConfigs = traceConfigs;
        c.environment = environment;
        return c;
    }

    /**
     * aiohttp's defaults: no base URL, no default header, {@link ClientTimeout#defaults()}, at most
     * 100 connections in use ({@code limit}), no limit per host, idle connections kept 15 seconds, no
     * {@code raiseForStatus}, a fresh cookie jar per session that refuses cookies from IP addresses,
     * TLS verified with the JDK's trust store, {@code gzip} and {@code deflate} decoded, at most 10
     * redirects.
     */
    public static SessionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The URL that relative URLs are resolved against (RFC 3986, as aiohttp's {@code base_url}): with
     * {@code "http://h/api/"}, {@code session.get("users")} requests {@code http://h/api/users}.
     *
     * @throws IllegalArgumentException if {@code baseUrl} is not an absolute http or https URL
     */
    public SessionOptions baseUrl(String baseUrl) {
        URI u;
        try {
            u = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("baseUrl '" + baseUrl + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = u.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || u.getHost() == null) {
            throw new IllegalArgumentException(
                    "baseUrl must be an absolute http:// or https:// URL with a host, got '" + baseUrl + "'");
        }
        SessionOptions c = copy();
        c.baseUrl = u;
        return c;
    }

    /** Adds a header field sent with every request (a request's own field of that name replaces it). */
    public SessionOptions header(String name, String value) {
        SessionOptions c = copy();
        c.headers = headers.copy().add(name, value);
        return c;
    }

    /** Adds every entry of {@code headers} as a default header field. */
    public SessionOptions headers(Map<String, String> headers) {
        Headers h = this.headers.copy();
        headers.forEach(h::add);
        SessionOptions c = copy();
        c.headers = h;
        return c;
    }

    /** The timeouts of every request ({@link ClientTimeout#defaults()} unless set). */
    public SessionOptions timeout(ClientTimeout timeout) {
        SessionOptions c = copy();
        c.timeout = Objects.requireNonNull(timeout, "timeout");
        return c;
    }

    /**
     * The most connections in use at once, all hosts together (100, as aiohttp's {@code
     * TCPConnector(limit=100)}); 0 means no limit. Requests beyond it wait, first come first served.
     */
    public SessionOptions limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (no limit) or positive: " + limit);
        }
        SessionOptions c = copy();
        c.limit = limit;
        return c;
    }

    /** The most connections in use at once to one host (scheme, host and port); 0 (the default) means no limit. */
    public SessionOptions limitPerHost(int limitPerHost) {
        if (limitPerHost < 0) {
            throw new IllegalArgumentException("limitPerHost must be 0 (no limit) or positive: " + limitPerHost);
        }
        SessionOptions c = copy();
        c.limitPerHost = limitPerHost;
        return c;
    }

    /** How long an idle keep-alive connection is kept for reuse (15 seconds, as aiohttp's {@code keepalive_timeout}). */
    public SessionOptions keepaliveTimeout(Duration keepaliveTimeout) {
        if (keepaliveTimeout.isNegative()) {
            throw new IllegalArgumentException("keepaliveTimeout must not be negative: " + keepaliveTimeout);
        }
        SessionOptions c = copy();
        c.keepaliveTimeout = keepaliveTimeout;
        return c;
    }

    /** Whether a status of 400 or more throws {@link ClientResponseError} (off by default). */
    public SessionOptions raiseForStatus(boolean raise) {
        SessionOptions c = copy();
        c.raiseForStatus = raise;
        return c;
    }

    /** The cookie jar (by default each session gets a new {@link CookieJar}); pass one to share or inspect it. */
    public SessionOptions cookieJar(CookieJar jar) {
        SessionOptions c = copy();
        c.cookieJar = Objects.requireNonNull(jar, "jar");
        return c;
    }

    /**
     * How {@code https} URLs speak TLS: {@link TlsOptions#client()} by default (the JDK's trust
     * store, host names verified); {@code TlsOptions.client(sslContext)} for custom trust material.
     */
    public SessionOptions tls(TlsOptions tls) {
        if (!tls.isClient()) {
            throw new IllegalArgumentException("a ClientSession needs client-side TlsOptions: " + tls);
        }
        SessionOptions c = copy();
        c.tls = tls;
        return c;
    }

    /** The JSON codec ({@link JsonCodec#defaultCodec()} unless set). */
    public SessionOptions jsonCodec(JsonCodec codec) {
        SessionOptions c = copy();
        c.jsonCodec = Objects.requireNonNull(codec, "codec");
        return c;
    }

    /**
     * Whether {@code Accept-Encoding: gzip, deflate} is sent and such bodies decoded (on by default,
     * as aiohttp's {@code auto_decompress}).
     */
    public SessionOptions autoDecompress(boolean decompress) {
        SessionOptions c = copy();
        c.autoDecompress = decompress;
        return c;
    }

    /** Authenticates every request with {@code auth} (never sent to another origin after a redirect). */
    public SessionOptions auth(BasicAuth auth) {
        SessionOptions c = copy();
        c.auth = Objects.requireNonNull(auth, "auth");
        return c;
    }

    /** How many redirects a request follows before {@link TooManyRedirects} (10). */
    public SessionOptions maxRedirects(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative: " + max);
        }
        SessionOptions c = copy();
        c.maxRedirects = max;
        return c;
    }

    /** The limits of the response parser ({@link HttpLimits#defaults()}). */
    public SessionOptions httpLimits(HttpLimits limits) {
        SessionOptions c = copy();
        c.limits = Objects.requireNonNull(limits, "limits");
        return c;
    }

    /**
     * Sends every request through the HTTP proxy at {@code url} ({@code http://[user:password@]host:port}):
     * aiohttp's {@code proxy=}. {@code https} URLs go through a {@code CONNECT} tunnel (TLS end to
     * end with the site, verified as without a proxy), {@code http} ones to the proxy in absolute
     * form. A request's own {@code proxy} replaces it.
     *
     * @throws IllegalArgumentException if {@code url} is not an http URL (TLS to the proxy itself and
     *     SOCKS are not supported)
     */
    public SessionOptions proxy(String url) {
        SessionOptions c = copy();
        c.proxy = HttpProxy.parse(Objects.requireNonNull(url, "url"), proxy == null ? null : proxy.auth());
        return c;
    }

    /**
     * The credentials the proxy asks for ({@code Proxy-Authorization}, sent to the proxy only);
     * aiohttp's {@code proxy_auth}. Set {@link #proxy} first; they replace any in its URL.
     *
     * @throws IllegalStateException if no proxy is set
     */
    public SessionOptions proxyAuth(BasicAuth auth) {
        if (proxy == null) {
            throw new IllegalStateException("proxyAuth needs a proxy: call proxy(url) first");
        }
        SessionOptions c = copy();
        c.proxy = new HttpProxy(proxy.origin(), Objects.requireNonNull(auth, "auth"));
        return c;
    }

    /**
     * Whether requests without a proxy of their own use the environment's: {@code HTTP_PROXY}, {@code
     * HTTPS_PROXY}, {@code NO_PROXY} (also lower case, which wins); aiohttp's {@code trust_env}. Off
     * by default. Read when the session makes its first request.
     */
    public SessionOptions trustEnv(boolean trust) {
        SessionOptions c = copy();
        c.trustEnv = trust;
        return c;
    }

    /** {@link #trustEnv} reading {@code env} instead of the process's environment: for tests. */
    SessionOptions environment(Map<String, String> env) {
        SessionOptions c = copy();
        c.environment = Map.copyOf(env);
        return c;
    }

    /**
     * How host names become addresses: the core's {@link Resolver} (by default the JDK's, off the
     * loop); the session caches its answers ({@link #ttlDnsCache}).
     */
    public SessionOptions resolver(Resolver resolver) {
        SessionOptions c = copy();
        c.resolver = Objects.requireNonNull(resolver, "resolver");
        return c;
    }

    /**
     * How long the session keeps a host's addresses: 10 seconds, as aiohttp's {@code
     * ttl_dns_cache}; null keeps them for the session's life. Counted on the loop's clock.
     *
     * @throws IllegalArgumentException if negative
     */
    public SessionOptions ttlDnsCache(Duration ttl) {
        if (ttl != null && ttl.isNegative()) {
            throw new IllegalArgumentException("ttlDnsCache must not be negative: " + ttl);
        }
        SessionOptions c = copy();
        c.ttlDnsCache = ttl;
        return c;
    }

    /** Whether the session caches DNS answers at all (yes, as aiohttp's {@code use_dns_cache}). */
    public SessionOptions useDnsCache(boolean use) {
        SessionOptions c = copy();
        c.useDnsCache = use;
        return c;
    }

    /**
     * Happy eyeballs (RFC 8305): when a host has several addresses, the next is tried after {@code
     * delay} if the previous has not connected yet, IPv6 and IPv4 interleaved; the first to connect
     * wins. 250 ms by default, as aiohttp's {@code happy_eyeballs_delay}; null tries one address
     * after the other.
     */
    public SessionOptions happyEyeballsDelay(Duration delay) {
        if (delay != null && delay.isNegative()) {
            throw new IllegalArgumentException("happyEyeballsDelay must not be negative: " + delay);
        }
        SessionOptions c = copy();
        c.happyEyeballsDelay = delay;
        return c;
    }

    /**
     * Sends failed requests again as {@code policy} says (none by default: each request is sent
     * once, apart from the stale-connection retry); a request's own {@link RequestOptions#retry}
     * replaces it.
     */
    public SessionOptions retry(RetryPolicy policy) {
        SessionOptions c = copy();
        c.retry = Objects.requireNonNull(policy, "policy");
        return c;
    }

    /**
     * Adds {@code config}'s hooks to every request (aiohttp's {@code trace_configs}); the config is
     * frozen from now on. Several configs run in the order given.
     */
    public SessionOptions trace(TraceConfig config) {
        config.freeze();
        List<TraceConfig> all = new ArrayList<>(traceConfigs);
        all.add(config);
        SessionOptions c = copy();
        c.traceConfigs = List.copyOf(all);
        return c;
    }

    List<TraceConfig> traceConfigs() {
        return traceConfigs;
    }

    RetryPolicy retry() {
        return retry;
    }

    Resolver resolver() {
        return resolver;
    }

    Duration ttlDnsCache() {
        return ttlDnsCache;
    }

    boolean useDnsCache() {
        return useDnsCache;
    }

    Duration happyEyeballsDelay() {
        return happyEyeballsDelay;
    }

    HttpProxy proxy() {
        return proxy;
    }

    boolean trustEnv() {
        return trustEnv;
    }

    Map<String, String> environment() {
        return environment != null ? environment : System.getenv();
    }

    URI baseUrl() {
        return baseUrl;
    }

    Headers headers() {
        return headers;
    }

    ClientTimeout timeout() {
        return timeout;
    }

    int limit() {
        return limit;
    }

    int limitPerHost() {
        return limitPerHost;
    }

    Duration keepaliveTimeout() {
        return keepaliveTimeout;
    }

    boolean raiseForStatus() {
        return raiseForStatus;
    }

    CookieJar cookieJar() {
        return cookieJar;
    }

    TlsOptions tls() {
        return tls;
    }

    JsonCodec jsonCodec() {
        return jsonCodec == null ? JsonCodec.defaultCodec() : jsonCodec;
    }

    boolean autoDecompress() {
        return autoDecompress;
    }

    BasicAuth auth() {
        return auth;
    }

    int maxRedirects() {
        return maxRedirects;
    }

    HttpLimits limits() {
        return limits;
    }

    @Override
    public String toString() {
        return "SessionOptions[baseUrl=" + baseUrl + ", headers=" + headers + ", timeout=" + timeout + ", limit="
                + limit + ", limitPerHost=" + limitPerHost + ", keepaliveTimeout=" + keepaliveTimeout
                + ", raiseForStatus=" + raiseForStatus + ", tls=" + tls + ", autoDecompress=" + autoDecompress
                + ", maxRedirects=" + maxRedirects + (proxy != null ? ", proxy=" + proxy : "")
                + (trustEnv ? ", trustEnv" : "") + "]";
    }
}
