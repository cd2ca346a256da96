package io.asyncio4j.http.client;

import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: scheme, host and port, the key of the pool (aiohttp's {@code
 * ConnectionKey}). The host is lower case, without the brackets of an IPv6 literal.
 */
record Origin(String scheme, String host, int port) {
    /** The origin of {@code url}, whose scheme is http or https and which has a host (checked before). */
    static Origin of(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = Urls.bareHost(url);
        int port = url.getPort();
        if (port == -1) {
            port = scheme.equals("https") ? 443 : 80;
        }
        return new Origin(scheme, host, port);
    }

    boolean tls() {
        return scheme.equals("https");
    }

    // equals and hashCode by hand: a record's own go through invokedynamic and method handles, slow
    // to warm up for a key that every request looks up.
    @Override
    public boolean equals(Object o) {
        return o instanceof Origin other
                && port == other.port
                && host.equals(other.host)
                && scheme.equals(other.scheme);
    }

    @Override
    public int hashCode() {
        return (scheme.hashCode() * 31 + host.hashCode()) * 31 + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
