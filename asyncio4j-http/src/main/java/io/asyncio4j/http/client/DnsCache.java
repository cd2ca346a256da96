package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.net.Resolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's DNS cache, aiohttp's {@code ttl_dns_cache}: the addresses of a host, kept for a TTL
 * counted on the loop's clock (so a virtual clock drives it in tests). Lookups go through the core's
 * {@link Resolver}; several requests for a host that is not cached share one lookup, which goes on
 * when one of them is cancelled (aiohttp's throttled lookups). Failures are not cached. Address
 * literals are never looked up nor cached, and send no trace event.
 *
 * <p>Loop thread only, like its session.
 */
final class DnsCache {
    private final Loop loop;
    private final Resolver resolver;
    /** How long an answer is kept: a positive number of nanoseconds, or -1 for ever. */
    private final long ttlNanos;

    private final boolean enabled;
    private final Map<String, Entry> cache = new HashMap<>();
    private final Map<String, Task<Answer>> lookups = new HashMap<>();

    private record Entry(List<InetAddress> addresses, long expires) {}

    /** A lookup's outcome; the lookup task returns it instead of failing, so no failure goes unretrieved. */
    private record Answer(List<InetAddress> addresses, Exception error) {}

    /**
     * A cache over {@code resolver}; {@code ttl} null keeps answers for ever, {@code enabled} false
     * looks every host up each time.
     */
    DnsCache(Loop loop, Resolver resolver, Duration ttl, boolean enabled) {
        this.loop = loop;
        this.resolver = resolver;
        this.ttlNanos = ttl == null ? -1 : ttl.toNanos();
        this.enabled = enabled && ttlNanos != 0;
    }

    /** The addresses of {@code host}: from the cache while fresh, else from the resolver. */
    List<InetAddress> resolve(String host, Tracing trace) throws IOException {
        if (Urls.isIpAddress(host)) {
            return resolver.resolve(host); // parsed, not looked up: no DNS event, as in aiohttp
        }
        if (!enabled) {
            return lookUp(host, trace);
        }
        Entry e = cache.get(host);
        if (e != null && (ttlNanos < 0 || loop.time() - e.expires < 0)) {
            trace.dnsCacheHit(host);
            return e.addresses;
        }
        trace.dnsCacheMiss(host);
        Task<Answer> lookup = lookups.get(host);
        if (lookup == null) {
            lookup = Asyncio.createTask("DNS lookup of " + host, () -> answer(host, trace));
            lookups.put(host, lookup);
        }
        Answer a;
        try {
            a = Asyncio.shield(lookup); // a cancelled request leaves the lookup to the others
        } catch (IOException | RuntimeException | Error ex) {
            throw ex;
        } catch (Exception ex) {
            throw new IOException(ex);
        }
        if (a.error instanceof IOException io) {
            throw io;
        }
        if (a.error instanceof RuntimeException r) {
            throw r;
        }
        return a.addresses;
    }

    private Answer answer(String host, Tracing trace) {
        try {
            List<InetAddress> addresses = lookUp(host, trace);
            if (addresses.isEmpty()) {
                return new Answer(null, new UnknownHostException(host + ": no addresses"));
            }
            cache.put(host, new Entry(List.copyOf(addresses), ttlNanos < 0 ? 0 : loop.time() + ttlNanos));
            return new Answer(addresses, null);
        } catch (IOException | RuntimeException e) {
            return new Answer(null, e);
        } finally {
            lookups.remove(host);
        }
    }

    private List<InetAddress> lookUp(String host, Tracing trace) throws IOException {
        trace.dnsResolveHostStart(host);
        List<InetAddress> addresses = resolver.resolve(host);
        trace.dnsResolveHostEnd(host);
        return addresses;
    }

    /** Forgets every answer (aiohttp's {@code clear_dns_cache}). */
    void clear() {
        cache.clear();
    }

    /** The number of hosts cached (expired ones included until next asked). */
    int size() {
        return cache.size();
    }
}
