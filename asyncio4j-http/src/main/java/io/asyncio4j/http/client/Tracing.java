package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The trace hooks of one request attempt: each of its session's {@link TraceConfig}s with the
 * attempt's context for it. {@link #NONE} when the session traces nothing: each call then returns
 * at once, without building its event. Loop thread only.
 */
final class Tracing {
    static final Tracing NONE = new Tracing(List.of(), null);

    private final List<TraceConfig> configs;
    private final List<Map<String, Object>> contexts;

    private Tracing(List<TraceConfig> configs, Object requestCtx) {
        this.configs = configs;
        this.contexts = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            Map<String, Object> ctx = new HashMap<>();
            if (requestCtx != null) {
                ctx.put("traceRequestCtx", requestCtx);
            }
            contexts.add(ctx);
        }
    }

    /** The tracing of a new attempt, for {@code configs} (none: {@link #NONE}). */
    static Tracing start(List<TraceConfig> configs, Object requestCtx) {
        return configs.isEmpty() ? NONE : new Tracing(configs, requestCtx);
    }

    /** Sends {@code event} to the hooks of each config that {@code hooks} picks. */
    private <E> void send(Function<TraceConfig, List<TraceConfig.Hook<E>>> hooks, E event) {
        for (int i = 0; i < configs.size(); i++) {
            for (TraceConfig.Hook<E> h : hooks.apply(configs.get(i))) {
                h.on(contexts.get(i), event);
            }
        }
    }

    private boolean none(Function<TraceConfig, List<?>> hooks) {
        for (TraceConfig c : configs) {
            if (!hooks.apply(c).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    void requestStart(String method, URI url, Headers headers) {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.requestStart)) {
            send(c -> c.requestStart, new TraceConfig.RequestStart(method, url, headers));
        }
    }

    void requestEnd(String method, URI url, Headers headers, ClientResponse response) {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.requestEnd)) {
            send(c -> c.requestEnd, new TraceConfig.RequestEnd(method, url, headers, response));
        }
    }

    void requestException(String method, URI url, Headers headers, Throwable exception) {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.requestException)) {
            send(c -> c.requestException, new TraceConfig.RequestException(method, url, headers, exception));
        }
    }

    void requestRedirect(String method, URI url, Headers headers, ClientResponse response) {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.requestRedirect)) {
            send(c -> c.requestRedirect, new TraceConfig.RequestRedirect(method, url, headers, response));
        }
    }

    void requestHeadersSent(String method, URI url, Headers headers) {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.requestHeadersSent)) {
            send(c -> c.requestHeadersSent, new TraceConfig.RequestHeadersSent(method, url, headers));
        }
    }

    void connectionQueuedStart() {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.connectionQueuedStart)) {
            send(c -> c.connectionQueuedStart, new TraceConfig.ConnectionQueuedStart());
        }
    }

    void connectionQueuedEnd() {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.connectionQueuedEnd)) {
            send(c -> c.connectionQueuedEnd, new TraceConfig.ConnectionQueuedEnd());
        }
    }

    void connectionCreateStart() {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.connectionCreateStart)) {
            send(c -> c.connectionCreateStart, new TraceConfig.ConnectionCreateStart());
        }
    }

    void connectionCreateEnd() {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.connectionCreateEnd)) {
            send(c -> c.connectionCreateEnd, new TraceConfig.ConnectionCreateEnd());
        }
    }

    void connectionReuseconn() {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.connectionReuseconn)) {
            send(c -> c.connectionReuseconn, new TraceConfig.ConnectionReuseconn());
        }
    }

    void dnsResolveHostStart(String host) {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.dnsResolveHostStart)) {
            send(c -> c.dnsResolveHostStart, new TraceConfig.DnsResolveHostStart(host));
        }
    }

    void dnsResolveHostEnd(String host) {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.dnsResolveHostEnd)) {
            send(c -> c.dnsResolveHostEnd, new TraceConfig.DnsResolveHostEnd(host));
        }
    }

    void dnsCacheHit(String host) {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.dnsCacheHit)) {
            send(c -> c.dnsCacheHit, new TraceConfig.DnsCacheHit(host));
        }
    }

    void dnsCacheMiss(String host) {
        if (configs.isEmpty()) {
            return; // no config: no event built, no hook looked up
        }
        if (!none(c -> c.dnsCacheMiss)) {
            send(c -> c.dnsCacheMiss, new TraceConfig.DnsCacheMiss(host));
        }
    }
}
