package io.asyncio4j.http.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An HTTP proxy: where it listens, and the credentials it asks for (sent as {@code
 * Proxy-Authorization}, to the proxy only). Requests to {@code http} URLs go to it in absolute form;
 * {@code https} URLs through a {@code CONNECT} tunnel, TLS end to end with the origin.
 *
 * @param origin the proxy's scheme ({@code http}), host and port
 * @param auth its credentials, or null
 */
record HttpProxy(Origin origin, BasicAuth auth) {
    /**
     * The proxy of {@code url} ({@code http://[user:password@]host[:port]}; port 80 when absent,
     * credentials in the URL unless {@code auth} is given).
     *
     * @throws IllegalArgumentException if it is not such a URL
     */
    static HttpProxy parse(String url, BasicAuth auth) {
        URI u;
        try {
            u = new URI(url.contains("://") ? url : "http://" + url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the proxy '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            throw new IllegalArgumentException("the proxy '" + url + "' speaks TLS itself, which is not supported;"
                    + " use its http:// address (a tunnel to an https site is still encrypted end to end)");
        }
        if (!scheme.equals("http") || u.getHost() == null) {
            throw new IllegalArgumentException(
                    "a proxy is an http://host:port URL, got '" + url + "' (SOCKS proxies are not supported)");
        }
        BasicAuth a = auth;
        String info = u.getRawUserInfo();
        if (a == null && info != null) {
            a = BasicAuth.fromUserInfo(info);
        }
        return new HttpProxy(Origin.of(u), a);
    }

    /** {@code http://host:port}, without the credentials. */
    @Override
    public String toString() {
        return origin.toString();
    }
}
