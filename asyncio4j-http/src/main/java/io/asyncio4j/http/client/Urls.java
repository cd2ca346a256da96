package io.asyncio4j.http.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** URL handling for requests: resolving against the base URL, checking, query parameters, targets. */
final class Urls {
    private Urls() {}

    /**
     * The absolute URL to request: {@code url} resolved against {@code base} (RFC 3986) when it is
     * relative, with {@code params} (names and values in pairs) appended to its query and its
     * fragment dropped.
     *
     * @throws InvalidUrl if it does not parse, is relative without a base, has no host or a scheme
     *     other than http and https
     */
    static URI resolve(URI base, String url, List<String> params) throws InvalidUrl {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidUrl(url, e.getMessage(), null);
        }
        if (!u.isAbsolute()) {
            if (base == null) {
                throw new InvalidUrl(
                        url,
                        "a relative URL needs SessionOptions.baseUrl; or give an absolute one like http://host/path",
                        null);
            }
            u = base.resolve(u);
        }
        check(u, url);
        return withParams(u, params);
    }

    /** Checks a URL to request; {@code text} is what the caller gave, for the message. */
    static void check(URI u, String text) throws InvalidUrl {
        String scheme = u.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new InvalidUrl(text, "the scheme must be http or https, not " + scheme, u);
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new InvalidUrl(text, "it has no host (or the host is not a valid name)", u);
        }
    }

    private static URI withParams(URI u, List<String> params) throws InvalidUrl {
        if (params.isEmpty() && u.getRawFragment() == null) {
            return u;
        }
        StringBuilder s = new StringBuilder();
        s.append(u.getScheme()).append("://").append(u.getRawAuthority());
        s.append(u.getRawPath() == null ? "" : u.getRawPath());
        String query = u.getRawQuery();
        if (query != null) {
            s.append('?').append(query);
        }
        for (int i = 0; i < params.size(); i += 2) {
            s.append(i == 0 && query == null ? '?' : '&');
            s.append(URLEncoder.encode(params.get(i), StandardCharsets.UTF_8));
            s.append('=');
            s.append(URLEncoder.encode(params.get(i + 1), StandardCharsets.UTF_8));
        }
        try {
            return new URI(s.toString());
        } catch (URISyntaxException e) {
            throw new InvalidUrl(u.toString(), e.getMessage(), u);
        }
    }

    /** The request target of {@code u}: its path ({@code /} when empty) and query, as written. */
    static String target(URI u) {
        String path = u.getRawPath();
        String query = u.getRawQuery();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        return query == null ? path : path + "?" + query;
    }

    /** The {@code Host} header of {@code u}: the host, and the port unless it is the scheme's. */
    static String hostHeader(URI u) {
        int port = u.getPort();
        boolean https = u.getScheme().equalsIgnoreCase("https");
        if (port == -1 || port == (https ? 443 : 80)) {
            return u.getHost();
        }
        return u.getHost() + ":" + port;
    }

    /** The host of {@code u} in lower case, without the brackets of an IPv6 literal. */
    static String bareHost(URI u) {
        String h = u.getHost().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }

    /** The URL without user information, for messages and {@link ClientResponse#url()}. */
    static URI withoutUserInfo(URI u) {
        if (u.getRawUserInfo() == null) {
            return u;
        }
        String authority = u.getRawAuthority();
        String s = u.getScheme() + "://" + authority.substring(authority.indexOf('@') + 1) + u.getRawPath()
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        return URI.create(s);
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal (cookies are not kept for those unless asked). */
    static boolean isIpAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
