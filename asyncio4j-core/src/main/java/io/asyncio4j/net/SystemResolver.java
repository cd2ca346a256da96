package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Resolver#system()}: the JDK's lookup on the loop's default executor ({@code
 * Asyncio.toThread}), with a small TTL cache shared by every loop. Failures are not cached.
 */
final class SystemResolver implements Resolver {
    /** A blocking lookup; the JDK's unless a test replaces it. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] lookup(String host) throws IOException;
    }

    static final Lookup JDK_LOOKUP = InetAddress::getAllByName;
    static final SystemResolver DEFAULT = new SystemResolver(Duration.ofSeconds(10), JDK_LOOKUP);

    private static final int MAX_ENTRIES = 512;

    private record Entry(List<InetAddress> addresses, long expires) {}

    private final long ttlNanos;
    private final Lookup lookup;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    SystemResolver(Duration ttl, Lookup lookup) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
        this.ttlNanos = ttl.toNanos();
        this.lookup = lookup;
    }

    @Override
    public List<InetAddress> resolve(String host) throws IOException {
        if (Resolvers.isLiteral(host)) {
            return List.of(InetAddress.getByName(Resolvers.unbracket(host)));
        }
        String key = host.toLowerCase(java.util.Locale.ROOT);
        long now = System.nanoTime();
        Entry e = cache.get(key);
        if (e != null && e.expires - now > 0) {
            return e.addresses;
        }
        List<InetAddress> addresses;
        try {
            addresses = Asyncio.toThread(() -> List.of(lookup.lookup(host)));
        } catch (IOException | RuntimeException | CancelledError ex) {
            throw ex;
        } catch (Exception ex) {
            throw new UnknownHostException(host + ": " + ex);
        }
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host + ": no addresses");
        }
        if (ttlNanos > 0) {
            if (cache.size() >= MAX_ENTRIES) {
                long t = System.nanoTime();
                cache.values().removeIf(old -> old.expires - t <= 0);
                if (cache.size() >= MAX_ENTRIES) {
                    cache.clear();
                }
            }
            cache.put(key, new Entry(addresses, System.nanoTime() + ttlNanos));
        }
        return addresses;
    }

    @Override
    public String toString() {
        return "Resolver.system(ttl=" + Duration.ofNanos(ttlNanos) + ")";
    }
}
