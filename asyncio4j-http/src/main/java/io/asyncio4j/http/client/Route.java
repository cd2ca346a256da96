package io.asyncio4j.http.client;

import java.util.Objects;

/**
 * How a connection reaches an origin: directly, or through a proxy. The pool's key (aiohttp's
 * {@code ConnectionKey}): a connection made through one proxy never serves another route.
 *
 * @param origin where the requests go
 * @param proxy the proxy in between, or null
 */
record Route(Origin origin, HttpProxy proxy) {
    /** Whether requests on this route go to an HTTP proxy in absolute form (an http origin through a proxy). */
    boolean absoluteForm() {
        return proxy != null && !origin.tls();
    }

    // By hand, as Origin's: a record's own are slow to warm up for the pool's key.
    @Override
    public boolean equals(Object o) {
        return o instanceof Route other && origin.equals(other.origin) && Objects.equals(proxy, other.proxy);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + (proxy == null ? 0 : proxy.hashCode());
    }

    @Override
    public String toString() {
        return proxy == null ? origin.toString() : origin + " via proxy " + proxy;
    }
}
