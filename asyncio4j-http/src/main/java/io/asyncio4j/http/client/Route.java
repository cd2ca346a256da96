package io.asyncio4j.http.client;

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

    @Override
    public String toString() {
        return proxy == null ? origin.toString() : origin + " via proxy " + proxy;
    }
}
