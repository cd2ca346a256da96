package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.Ascii;
import io.asyncio4j.http.internal.HttpDates;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A cookie a response sets ({@code Set-Cookie}, RFC 6265): a name, a value and the attributes that
 * scope it. Immutable; each {@code with} method returns a changed copy. The path is {@code /} unless
 * changed, as aiohttp's {@code set_cookie}.
 *
 * {@snippet :
 * response.setCookie(ResponseCookie.of("session", token)
 *         .withHttpOnly(true)
 *         .withSecure(true)
 *         .withSameSite(ResponseCookie.SameSite.LAX)
 *         .withMaxAge(Duration.ofDays(7)));
 * // Set-Cookie: session=...; Max-Age=604800; Path=/; Secure; HttpOnly; SameSite=Lax
 * }
 *
 * <p>Checked as it is built, with errors that name the character or rule and the fix: the name is
 * an RFC 6265 token; the value holds only cookie-octets (no space, comma, semicolon, backslash or
 * double quote but around the whole value, nothing beyond ASCII), so anything else must be encoded
 * first; the domain holds letters, digits, dots and hyphens; the path starts with {@code /}.
 * {@link #headerValue()} also checks the rules between attributes that browsers enforce by
 * dropping the cookie silently: {@code SameSite=None} and {@code Partitioned} need {@code Secure},
 * a {@code __Secure-} name needs {@code Secure}, a {@code __Host-} name needs {@code Secure}, path
 * {@code /} and no domain.
 *
 * @param name the name
 * @param value the value, as sent (possibly in double quotes)
 * @param expires when it expires, or null (a session cookie, unless {@code maxAge})
 * @param maxAge how long it lives, to the second, or null; zero deletes it
 * @param domain the domain it is sent to besides this host's, or null (this host only)
 * @param path the path it is sent under, or null (the request's directory)
 * @param secure sent over https only
 * @param httpOnly hidden from scripts
 * @param sameSite whether it goes with cross-site requests, or null (the browser's default)
 * @param partitioned kept per top-level site (CHIPS)
 */
public record ResponseCookie(
        String name,
        String value,
        Instant expires,
        Duration maxAge,
        String domain,
        String path,
        boolean secure,
        boolean httpOnly,
        SameSite sameSite,
        boolean partitioned) {

    /** The {@code SameSite} attribute. */
    public enum SameSite {
        /** Sent with same-site requests only. */
        STRICT("Strict"),
        /** Also sent with top-level cross-site navigations (the browsers' default). */
        LAX("Lax"),
        /** Sent with every request; requires {@code Secure}. */
        NONE("None");

        private final String text;

        SameSite(String text) {
            this.text = text;
        }

        /** How it is written: {@code Strict}, {@code Lax}, {@code None}. */
        public String text() {
            return text;
        }
    }

    /**
     * Checks each field on its own (the rules between fields are checked by {@link #headerValue()}).
     *
     * @throws IllegalArgumentException naming the character or rule broken, and the fix
     */
    public ResponseCookie {
        Objects.requireNonNull(name, "cookie name");
        Objects.requireNonNull(value, "value of cookie " + name);
        checkName(name);
        checkValue(name, value);
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException(
                    "cookie " + name + " has a negative Max-Age (" + maxAge + "); Duration.ZERO deletes a cookie");
        }
        if (domain != null) {
            checkDomain(name, domain);
        }
        if (path != null) {
            checkPath(name, path);
        }
    }

    /**
     * A cookie with path {@code /} and no other attribute.
     *
     * @throws IllegalArgumentException if the name is not a token or the value holds a character a
     *     cookie value cannot hold
     */
    public static ResponseCookie of(String name, String value) {
        return new ResponseCookie(name, value, null, null, null, "/", false, false, null, false);
    }

    /** This cookie with another {@link #expires()}. */
    public ResponseCookie withExpires(Instant value) {
        return new ResponseCookie(
                name, this.value, value, maxAge, domain, path, secure, httpOnly, sameSite, partitioned);
    }

    /** This cookie with another {@link #maxAge()}. */
    public ResponseCookie withMaxAge(Duration value) {
        return new ResponseCookie(
                name, this.value, expires, value, domain, path, secure, httpOnly, sameSite, partitioned);
    }

    /** This cookie with another {@link #domain()}. */
    public ResponseCookie withDomain(String value) {
        return new ResponseCookie(
                name, this.value, expires, maxAge, value, path, secure, httpOnly, sameSite, partitioned);
    }

    /** This cookie with another {@link #path()}. */
    public ResponseCookie withPath(String value) {
        return new ResponseCookie(
                name, this.value, expires, maxAge, domain, value, secure, httpOnly, sameSite, partitioned);
    }

    /** This cookie with another {@link #secure()}. */
    public ResponseCookie withSecure(boolean value) {
        return new ResponseCookie(
                name, this.value, expires, maxAge, domain, path, value, httpOnly, sameSite, partitioned);
    }

    /** This cookie with another {@link #httpOnly()}. */
    public ResponseCookie withHttpOnly(boolean value) {
        return new ResponseCookie(
                name, this.value, expires, maxAge, domain, path, secure, value, sameSite, partitioned);
    }

    /** This cookie with another {@link #sameSite()}. */
    public ResponseCookie withSameSite(SameSite value) {
        return new ResponseCookie(
                name, this.value, expires, maxAge, domain, path, secure, httpOnly, value, partitioned);
    }

    /** This cookie with another {@link #partitioned()}. */
    public ResponseCookie withPartitioned(boolean value) {
        return new ResponseCookie(name, this.value, expires, maxAge, domain, path, secure, httpOnly, sameSite, value);
    }

    /**
     * The cookie that deletes {@code name} from a browser: an empty value, {@code Max-Age=0} and an
     * {@code Expires} in 1970 (for clients that know only {@code Expires}), with the path and domain
     * it was set with (a cookie is replaced only by one of the same name, domain and path); {@code
     * Secure} for a {@code __Secure-} or {@code __Host-} name, which a browser requires.
     */
    public static ResponseCookie deleting(String name, String path, String domain) {
        boolean prefixed = hasPrefix(name, "__Secure-") || hasPrefix(name, "__Host-");
        return new ResponseCookie(name, "", Instant.EPOCH, Duration.ZERO, domain, path, prefixed, false, null, false);
    }

    /**
     * The {@code Set-Cookie} value: {@code name=value; Expires=...; Max-Age=...; Domain=...;
     * Path=...; Secure; HttpOnly; SameSite=...; Partitioned}.
     *
     * @throws IllegalStateException if the attributes break a rule browsers enforce (see the class
     *     comment), naming it and the fix
     */
    public String headerValue() {
        if (sameSite == SameSite.NONE && !secure) {
            throw new IllegalStateException("cookie " + name + " has SameSite=None without Secure, which browsers"
                    + " refuse; add withSecure(true) (and serve it over https)");
        }
        if (partitioned && !secure) {
            throw new IllegalStateException("cookie " + name + " is Partitioned without Secure, which browsers"
                    + " refuse; add withSecure(true)");
        }
        if (hasPrefix(name, "__Secure-") && !secure) {
            throw new IllegalStateException("cookie " + name + " has the __Secure- prefix, which browsers accept"
                    + " only with Secure; add withSecure(true)");
        }
        if (hasPrefix(name, "__Host-") && (!secure || domain != null || !"/".equals(path))) {
            throw new IllegalStateException("cookie " + name + " has the __Host- prefix, which browsers accept only"
                    + " with Secure, Path=/ and no Domain; it has" + (secure ? "" : " no Secure")
                    + (domain != null ? " Domain=" + domain : "") + ("/".equals(path) ? "" : " Path=" + path));
        }
        StringBuilder s = new StringBuilder(name).append('=').append(value);
        if (expires != null) {
            s.append("; Expires=").append(HttpDates.format(expires));
        }
        if (maxAge != null) {
            s.append("; Max-Age=").append(maxAge.getSeconds());
        }
        if (domain != null) {
            s.append("; Domain=").append(domain);
        }
        if (path != null) {
            s.append("; Path=").append(path);
        }
        if (secure) {
            s.append("; Secure");
        }
        if (httpOnly) {
            s.append("; HttpOnly");
        }
        if (sameSite != null) {
            s.append("; SameSite=").append(sameSite.text());
        }
        if (partitioned) {
            s.append("; Partitioned");
        }
        return s.toString();
    }

    /** The {@code Set-Cookie} value, as {@link #headerValue()}. */
    @Override
    public String toString() {
        return headerValue();
    }

    private static boolean hasPrefix(String name, String prefix) {
        return name.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static String describe(char c) {
        return c > 0xff ? String.format("U+%04X", (int) c) : Ascii.describe(c);
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cookie name cannot be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Ascii.isToken(c)) {
                throw new IllegalArgumentException("cookie name \"" + name + "\" holds " + describe(c) + " at index "
                        + i + ": a cookie name is an RFC 6265 token (letters, digits and !#$%&'*+-.^_`|~)");
            }
        }
    }

    /** RFC 6265 section 4.1.1: cookie-octet, optionally the whole in double quotes. */
    private static void checkValue(String name, String value) {
        int from = 0;
        int to = value.length();
        if (to >= 2 && value.charAt(0) == '"' && value.charAt(to - 1) == '"') {
            from = 1;
            to--;
        }
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            boolean ok = c == 0x21
                    || (c >= 0x23 && c <= 0x2b)
                    || (c >= 0x2d && c <= 0x3a)
                    || (c >= 0x3c && c <= 0x5b)
                    || (c >= 0x5d && c <= 0x7e);
            if (!ok) {
                throw new IllegalArgumentException("the value of cookie " + name + " holds " + describe(c)
                        + " at index "
                        + i + ", which a cookie value cannot hold (RFC 6265: no space, comma, semicolon, backslash,"
                        + " double quote or non-ASCII); encode the value first (URLEncoder or Base64)");
            }
        }
    }

    private static void checkDomain(String name, String domain) {
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("cookie " + name + " has an empty Domain; use null for this host only");
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("the Domain of cookie " + name + " (\"" + domain + "\") holds "
                        + describe(c) + " at index " + i + "; a domain holds letters, digits, dots and hyphens"
                        + " (an internationalised name in its xn-- form)");
            }
        }
    }

    private static void checkPath(String name, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the Path of cookie " + name + " (\"" + path
                    + "\") does not start with '/', so browsers would ignore it; give an absolute path");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';' || c > 0x7e) {
                throw new IllegalArgumentException("the Path of cookie " + name + " holds " + describe(c) + " at index "
                        + i + "; percent-encode it");
            }
        }
    }
}
