package io.asyncio4j.http.client;

/** The trace hooks of one request. */
class Tracing {
    static final Tracing NONE = new Tracing();

    void dnsResolveHostStart(String host) {}

    void dnsResolveHostEnd(String host) {}

    void dnsCacheHit(String host) {}

    void dnsCacheMiss(String host) {}
}
