package io.asyncio4j.http.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxies the environment names, for {@code trustEnv}: {@code HTTP_PROXY}, {@code HTTPS_PROXY}
 * and {@code NO_PROXY}, each also in lower case (which wins, as in CPython's {@code urllib}, which
 * aiohttp uses). {@code NO_PROXY} is a comma-separated list of host names (a name also covers its
 * subdomains; a leading dot is allowed), IP addresses, each with an optional {@code :port}, or
 * {@code *} for every host.
 */
final class ProxyEnvironment {
    private final HttpProxy http;
    private final HttpProxy https;
    private final List<String> noProxy;
    private final boolean noProxyAll;

    private ProxyEnvironment(HttpProxy http, HttpProxy https, List<String> noProxy, boolean noProxyAll) {
        this.http = http;
        this.https = https;
        this.noProxy = noProxy;
        this.noProxyAll = noProxyAll;
    }

    /**
     * The proxies of {@code env}.
     *
     * @throws IllegalArgumentException naming the variable, if a proxy variable is not an http URL
     */
    static ProxyEnvironment of(Map<String, String> env) {
        String noProxy = variable(env, "no_proxy");
        List<String> entries = new ArrayList<>();
        boolean all = false;
        if (noProxy != null) {
            for (String e : noProxy.split(",")) {
                String entry = e.trim().toLowerCase(Locale.ROOT);
                if (entry.equals("*")) {
                    all = true;
                } else if (!entry.isEmpty()) {
                    entries.add(entry.startsWith(".") ? entry.substring(1) : entry);
                }
            }
        }
        return new ProxyEnvironment(proxy(env, "http_proxy"), proxy(env, "https_proxy"), List.copyOf(entries), all);
    }

    private static String variable(Map<String, String> env, String lower) {
        String v = env.get(lower);
        if (v == null || v.isBlank()) {
            v = env.get(lower.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static HttpProxy proxy(Map<String, String> env, String lower) {
        String url = variable(env, lower);
        if (url == null) {
            return null;
        }
        try {
            return HttpProxy.parse(url, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the environment variable " + lower + " (or " + lower.toUpperCase(Locale.ROOT) + ") is not usable: "
                            + e.getMessage() + "; fix it, or turn SessionOptions.trustEnv off",
                    e);
        }
    }

    /** The proxy for {@code url}, or null: none for its scheme, or {@code NO_PROXY} covers its host. */
    HttpProxy forUrl(URI url) {
        HttpProxy p = url.getScheme().equalsIgnoreCase("https") ? https : http;
        if (p == null || bypass(Urls.bareHost(url), Origin.of(url).port())) {
            return null;
        }
        return p;
    }

    /** Whether {@code NO_PROXY} covers {@code host} (lower case, no brackets) on {@code port}. */
    boolean bypass(String host, int port) {
        if (noProxyAll) {
            return true;
        }
        for (String entry : noProxy) {
            String name = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && !entry.endsWith("]")) {
                if (!entry.substring(colon + 1).equals(Integer.toString(port))) {
                    continue;
                }
                name = entry.substring(0, colon);
            }
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            if (host.equals(name) || host.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ProxyEnvironment[http=" + http + ", https=" + https + ", noProxy="
                + (noProxyAll ? "*" : String.join(",", noProxy)) + "]";
    }
}
