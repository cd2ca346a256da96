package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hooks into the life of a session's requests: aiohttp's {@code TraceConfig}. Register hooks, then
 * give the config to {@link SessionOptions#trace}; from then on it is frozen. Each hook gets the
 * request's context, a map that lives as long as the request's attempt (aiohttp's {@code
 * trace_config_ctx}; it holds {@code RequestOptions.traceRequestCtx} under {@code
 * "traceRequestCtx"}), and the event:
 *
 * {@snippet :
 * TraceConfig trace = new TraceConfig()
 *         .onRequestStart((ctx, e) -> ctx.put("start", System.nanoTime()))
 *         .onRequestEnd((ctx, e) -> System.out.printf("%s %s: %d in %d µs%n", e.method(), e.url(),
 *                 e.response().status(), (System.nanoTime() - (long) ctx.get("start")) / 1000));
 * try (ClientSession session = new ClientSession(SessionOptions.defaults().trace(trace))) {
 *     session.get(url).close();
 * }
 * }
 *
 * <p>Hooks run in the request's task, at the moment they describe, in the order they were added;
 * they should be quick. An exception a hook throws fails the request. With no hook registered, a
 * request pays for none.
 *
 * <p>A request attempt (each attempt of a {@link RetryPolicy} is one) sends {@code RequestStart},
 * then per connection it needs {@code ConnectionQueuedStart/End} (when the pool's limits make it
 * wait), {@code ConnectionReuseconn} or {@code ConnectionCreateStart}, the DNS events, {@code
 * ConnectionCreateEnd}; {@code RequestHeadersSent}; {@code RequestRedirect} per redirect; and at
 * last {@code RequestEnd} (the response head arrived) or {@code RequestException}. aiohttp's chunk
 * events ({@code on_request_chunk_sent}, {@code on_response_chunk_received}) are not offered.
 */
public final class TraceConfig {
    /**
     * A hook for events of type {@code E}.
     *
     * @param <E> the event
     */
    @FunctionalInterface
    public interface Hook<E> {
        /** Called with the request's context and the event. */
        void on(Map<String, Object> ctx, E event);
    }

    /** A request attempt starts; {@code headers} are its own and the session's. */
    public record RequestStart(String method, URI url, Headers headers) {}

    /** The final response's head arrived ({@code url} is the last one, after redirects). */
    public record RequestEnd(String method, URI url, Headers headers, ClientResponse response) {}

    /** The attempt failed (a cancellation too). */
    public record RequestException(String method, URI url, Headers headers, Throwable exception) {}

    /** A redirect response arrived and is followed; {@code url} is the one that redirected. */
    public record RequestRedirect(String method, URI url, Headers headers, ClientResponse response) {}

    /** The request's head was written; {@code headers} are the ones sent. */
    public record RequestHeadersSent(String method, URI url, Headers headers) {}

    /** The pool's limits make the request wait for a connection. */
    public record ConnectionQueuedStart() {}

    /** The wait for a connection ended. */
    public record ConnectionQueuedEnd() {}

    /** A new connection is being made. */
    public record ConnectionCreateStart() {}

    /** The new connection is ready (TLS handshake and proxy tunnel included). */
    public record ConnectionCreateEnd() {}

    /** An idle keep-alive connection is used. */
    public record ConnectionReuseconn() {}

    /** A host name is being looked up. */
    public record DnsResolveHostStart(String host) {}

    /** The lookup of a host name ended. */
    public record DnsResolveHostEnd(String host) {}

    /** A host's addresses came from the session's DNS cache. */
    public record DnsCacheHit(String host) {}

    /** A host's addresses were not in the DNS cache (or expired). */
    public record DnsCacheMiss(String host) {}

    final List<Hook<RequestStart>> requestStart = new ArrayList<>();
    final List<Hook<RequestEnd>> requestEnd = new ArrayList<>();
    final List<Hook<RequestException>> requestException = new ArrayList<>();
    final List<Hook<RequestRedirect>> requestRedirect = new ArrayList<>();
    final List<Hook<RequestHeadersSent>> requestHeadersSent = new ArrayList<>();
    final List<Hook<ConnectionQueuedStart>> connectionQueuedStart = new ArrayList<>();
    final List<Hook<ConnectionQueuedEnd>> connectionQueuedEnd = new ArrayList<>();
    final List<Hook<ConnectionCreateStart>> connectionCreateStart = new ArrayList<>();
    final List<Hook<ConnectionCreateEnd>> connectionCreateEnd = new ArrayList<>();
    final List<Hook<ConnectionReuseconn>> connectionReuseconn = new ArrayList<>();
    final List<Hook<DnsResolveHostStart>> dnsResolveHostStart = new ArrayList<>();
    final List<Hook<DnsResolveHostEnd>> dnsResolveHostEnd = new ArrayList<>();
    final List<Hook<DnsCacheHit>> dnsCacheHit = new ArrayList<>();
    final List<Hook<DnsCacheMiss>> dnsCacheMiss = new ArrayList<>();

    private boolean frozen;

    /** A config without hooks. */
    public TraceConfig() {}

    /** Adds a hook for {@link RequestStart}. */
    public TraceConfig onRequestStart(Hook<RequestStart> hook) {
        return add(requestStart, hook);
    }

    /** Adds a hook for {@link RequestEnd}. */
    public TraceConfig onRequestEnd(Hook<RequestEnd> hook) {
        return add(requestEnd, hook);
    }

    /** Adds a hook for {@link RequestException}. */
    public TraceConfig onRequestException(Hook<RequestException> hook) {
        return add(requestException, hook);
    }

    /** Adds a hook for {@link RequestRedirect}. */
    public TraceConfig onRequestRedirect(Hook<RequestRedirect> hook) {
        return add(requestRedirect, hook);
    }

    /** Adds a hook for {@link RequestHeadersSent}. */
    public TraceConfig onRequestHeadersSent(Hook<RequestHeadersSent> hook) {
        return add(requestHeadersSent, hook);
    }

    /** Adds a hook for {@link ConnectionQueuedStart}. */
    public TraceConfig onConnectionQueuedStart(Hook<ConnectionQueuedStart> hook) {
        return add(connectionQueuedStart, hook);
    }

    /** Adds a hook for {@link ConnectionQueuedEnd}. */
    public TraceConfig onConnectionQueuedEnd(Hook<ConnectionQueuedEnd> hook) {
        return add(connectionQueuedEnd, hook);
    }

    /** Adds a hook for {@link ConnectionCreateStart}. */
    public TraceConfig onConnectionCreateStart(Hook<ConnectionCreateStart> hook) {
        return add(connectionCreateStart, hook);
    }

    /** Adds a hook for {@link ConnectionCreateEnd}. */
    public TraceConfig onConnectionCreateEnd(Hook<ConnectionCreateEnd> hook) {
        return add(connectionCreateEnd, hook);
    }

    /** Adds a hook for {@link ConnectionReuseconn}. */
    public TraceConfig onConnectionReuseconn(Hook<ConnectionReuseconn> hook) {
        return add(connectionReuseconn, hook);
    }

    /** Adds a hook for {@link DnsResolveHostStart}. */
    public TraceConfig onDnsResolveHostStart(Hook<DnsResolveHostStart> hook) {
        return add(dnsResolveHostStart, hook);
    }

    /** Adds a hook for {@link DnsResolveHostEnd}. */
    public TraceConfig onDnsResolveHostEnd(Hook<DnsResolveHostEnd> hook) {
        return add(dnsResolveHostEnd, hook);
    }

    /** Adds a hook for {@link DnsCacheHit}. */
    public TraceConfig onDnsCacheHit(Hook<DnsCacheHit> hook) {
        return add(dnsCacheHit, hook);
    }

    /** Adds a hook for {@link DnsCacheMiss}. */
    public TraceConfig onDnsCacheMiss(Hook<DnsCacheMiss> hook) {
        return add(dnsCacheMiss, hook);
    }

    private <E> TraceConfig add(List<Hook<E>> hooks, Hook<E> hook) {
        if (frozen) {
            throw new IllegalStateException("this TraceConfig is given to a session already and cannot change;"
                    + " add every hook before SessionOptions.trace(config)");
        }
        hooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** Forbids further hooks: a session is using the config. */
    void freeze() {
        frozen = true;
    }

    /** Whether a session uses this config (no hook may be added then). */
    public boolean isFrozen() {
        return frozen;
    }

    @Override
    public String toString() {
        return "TraceConfig[" + (frozen ? "frozen" : "open") + "]";
    }
}
