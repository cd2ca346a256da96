package io.asyncio4j.http.client;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The cookies of a session, kept and sent as RFC 6265 says (aiohttp's {@code CookieJar}): a cookie
 * set by a response is sent back to the URLs its domain and path cover, over https only when {@code
 * Secure}, until it expires ({@code Max-Age} before {@code Expires}; a past date or a {@code
 * Max-Age} of 0 deletes it). A cookie without {@code Domain} goes back to its host only; a {@code
 * Domain} that does not cover the host that set it is refused.
 *
 * <p>Like aiohttp, a jar refuses cookies from hosts given as IP addresses unless it is {@link
 * #unsafe()}, since an address names no domain a cookie could be scoped to. Unlike aiohttp, it
 * refuses a {@code Domain} that is a public suffix ({@code Domain=co.uk} from {@code shop.co.uk}:
 * every site under {@code co.uk} would get it), as browsers do (RFC 6265 section 5.3), with the
 * Public Suffix List the JDK ships; a public suffix that is the host itself makes a host-only
 * cookie.
 *
 * <p>Loop thread only, like its session.
 */
public final class CookieJar {
    private static final DateTimeFormatter[] DATES = {
        DateTimeFormatter.RFC_1123_DATE_TIME,
        DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss zzz", Locale.ROOT),
        DateTimeFormatter.ofPattern("EEE, dd-MMM-yy HH:mm:ss zzz", Locale.ROOT),
        DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(java.time.ZoneOffset.UTC),
    };

    private final boolean unsafe;
    private final InstantSource clock;
    private long sequence;

    /**
     * One cookie as kept.
     *
     * @param name the name
     * @param value the value
     * @param domain the domain it is sent to (lower case)
     * @param path the path it is sent under
     * @param hostOnly whether only {@code domain} itself gets it (no {@code Domain} attribute was given)
     * @param secure whether it goes over https only
     * @param httpOnly whether it had {@code HttpOnly} (kept for inspection; a client sends it all the same)
     * @param expires when it expires, or null for a session cookie
     */
    public record Cookie(
            String name,
            String value,
            String domain,
            String path,
            boolean hostOnly,
            boolean secure,
            boolean httpOnly,
            Instant expires) {}

    /** Holds a cookie with the order it was first set in. */
    private record Kept(Cookie cookie, long created) {}

    private final List<Kept> kept = new ArrayList<>();

    /** A jar that refuses cookies from IP-address hosts, as aiohttp's default. */
    public CookieJar() {
        this(false, InstantSource.system());
    }

    CookieJar(boolean unsafe, InstantSource clock) {
        this.unsafe = unsafe;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A jar that also keeps cookies from hosts given as IP addresses (aiohttp's {@code CookieJar(unsafe=True)}). */
    public static CookieJar unsafe() {
        return new CookieJar(true, InstantSource.system());
    }

    /** Whether cookies from IP-address hosts are kept. */
    public boolean isUnsafe() {
        return unsafe;
    }

    /** The cookies kept and not expired, in the order they were first set. */
    public List<Cookie> cookies() {
        purge();
        List<Cookie> all = new ArrayList<>(kept.size());
        for (Kept k : kept) {
            all.add(k.cookie);
        }
        return all;
    }

    /** The number of cookies kept and not expired. */
    public int size() {
        purge();
        return kept.size();
    }

    /** Forgets every cookie. */
    public void clear() {
        kept.clear();
    }

    /**
     * Keeps cookies as if {@code url}'s server had set them with no attribute (host-only, path
     * {@code /}); aiohttp's {@code update_cookies(dict, url)}.
     */
    public void updateCookies(Map<String, String> values, URI url) {
        List<String> lines = new ArrayList<>();
        values.forEach((name, value) -> lines.add(name + "=" + value + "; Path=/"));
        update(lines, url);
    }

    /**
     * The cookies to send to {@code url}, name to value, most specific path first; aiohttp's {@code
     * filter_cookies}.
     */
    public Map<String, String> filterCookies(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Cookie c : matching(url)) {
            out.putIfAbsent(c.name(), c.value());
        }
        return out;
    }

    /** Keeps the cookies of the {@code Set-Cookie} field values received from {@code url}. */
    void update(List<String> setCookies, URI url) {
        if (setCookies.isEmpty()) {
            return;
        }
        String host = Urls.bareHost(url);
        if (!unsafe && Urls.isIpAddress(host)) {
            return;
        }
        for (String line : setCookies) {
            Cookie c = parse(line, url, host);
            if (c != null) {
                store(c);
            }
        }
    }

    /** The {@code Cookie} header value for {@code url}, or null when no cookie applies. */
    String header(URI url) {
        if (kept.isEmpty()) {
            return null;
        }
        List<Cookie> match = matching(url);
        if (match.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (Cookie c : match) {
            if (!s.isEmpty()) {
                s.append("; ");
            }
            s.append(c.name()).append('=').append(c.value());
        }
        return s.toString();
    }

    private List<Cookie> matching(URI url) {
        purge();
        String host = Urls.bareHost(url);
        boolean https = url.getScheme().equalsIgnoreCase("https");
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        List<Kept> match = new ArrayList<>();
        for (Kept k : kept) {
            Cookie c = k.cookie;
            if (c.secure() && !https) {
                continue;
            }
            if (c.hostOnly() ? !host.equals(c.domain()) : !domainMatches(host, c.domain())) {
                continue;
            }
            if (!pathMatches(path, c.path())) {
                continue;
            }
            match.add(k);
        }
        match.sort(
                Comparator.comparingInt((Kept k) -> -k.cookie.path().length()).thenComparingLong(k -> k.created));
        List<Cookie> out = new ArrayList<>(match.size());
        for (Kept k : match) {
            out.add(k.cookie);
        }
        return out;
    }

    private void store(Cookie c) {
        for (int i = 0; i < kept.size(); i++) {
            Cookie old = kept.get(i).cookie;
            if (old.name().equals(c.name())
                    && old.domain().equals(c.domain())
                    && old.path().equals(c.path())) {
                if (expired(c)) {
                    kept.remove(i);
                } else {
                    kept.set(i, new Kept(c, kept.get(i).created));
                }
                return;
            }
        }
        if (!expired(c)) {
            kept.add(new Kept(c, sequence++));
        }
    }

    private boolean expired(Cookie c) {
        return c.expires() != null && !c.expires().isAfter(clock.instant());
    }

    private void purge() {
        kept.removeIf(k -> expired(k.cookie));
    }

    /** RFC 6265 section 5.2: one {@code Set-Cookie} value, or null when it is to be ignored. */
    private Cookie parse(String line, URI url, String host) {
        String[] parts = line.split(";");
        String pair = parts[0];
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            return null;
        }
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        if (name.isEmpty()) {
            return null;
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        String domain = null;
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        Instant expires = null;
        Instant maxAgeExpiry = null;
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].trim();
            int e = attr.indexOf('=');
            String key = (e < 0 ? attr : attr.substring(0, e)).trim().toLowerCase(Locale.ROOT);
            String val = e < 0 ? "" : attr.substring(e + 1).trim();
            switch (key) {
                case "domain" -> {
                    String d = val.startsWith(".") ? val.substring(1) : val;
                    if (!d.isEmpty()) {
                        domain = d.toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = val.startsWith("/") ? val : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "max-age" -> {
                    try {
                        long seconds = Long.parseLong(val);
                        maxAgeExpiry = seconds <= 0
                                ? Instant.EPOCH
                                : clock.instant().plusSeconds(Math.min(seconds, 400L * 24 * 3600));
                    } catch (NumberFormatException ex) {
                        // RFC 6265: an invalid Max-Age is ignored
                    }
                }
                case "expires" -> expires = parseDate(val);
                default -> {}
            }
        }
        if (maxAgeExpiry != null) {
            expires = maxAgeExpiry;
        }
        if (domain != null && PublicSuffixes.isPublicSuffix(domain)) {
            if (!domain.equals(host)) {
                return null; // it would go to every site under that suffix
            }
            domain = null;
        }
        boolean hostOnly = domain == null;
        if (hostOnly) {
            domain = host;
        } else if (!domainMatches(host, domain)) {
            return null;
        }
        if (path == null) {
            path = defaultPath(url);
        }
        return new Cookie(name, value, domain, path, hostOnly, secure, httpOnly, expires);
    }

    private static Instant parseDate(String text) {
        for (DateTimeFormatter f : DATES) {
            try {
                return ZonedDateTime.parse(text, f).toInstant();
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }

    /** RFC 6265 section 5.1.3. */
    private static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain)
                && host.charAt(host.length() - domain.length() - 1) == '.'
                && !Urls.isIpAddress(host);
    }

    /** RFC 6265 section 5.1.4. */
    private static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        if (requestPath.startsWith(cookiePath)) {
            return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/';
        }
        return false;
    }

    /** RFC 6265 section 5.1.4's default-path. */
    private static String defaultPath(URI url) {
        String p = url.getRawPath();
        if (p == null || p.isEmpty() || p.charAt(0) != '/') {
            return "/";
        }
        int last = p.lastIndexOf('/');
        return last == 0 ? "/" : p.substring(0, last);
    }

    @Override
    public String toString() {
        return "CookieJar[" + size() + " cookies" + (unsafe ? ", unsafe" : "") + "]";
    }
}
