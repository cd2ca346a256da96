package io.asyncio4j.http.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP Basic authentication (RFC 7617), aiohttp's {@code BasicAuth}: sent as an {@code
 * Authorization} header, never to another origin after a redirect.
 *
 * @param login the user name; may not contain {@code ':'}
 * @param password the password
 */
public record BasicAuth(String login, String password) {
    /**
     * Checks the login.
     *
     * @throws IllegalArgumentException if {@code login} contains {@code ':'}, which would make the
     *     credentials ambiguous
     */
    public BasicAuth {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(password, "password");
        if (login.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic auth login may not contain ':' (RFC 7617): " + login);
        }
    }

    /**
     * The credentials of a URL's raw user information ({@code user:password}, percent-encoded; no
     * password: an empty one), as aiohttp's {@code BasicAuth.from_url}.
     */
    static BasicAuth fromUserInfo(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String login = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String password = colon < 0 ? "" : rawUserInfo.substring(colon + 1);
        return new BasicAuth(percentDecoded(login), percentDecoded(password));
    }

    /** RFC 3986 percent-decoding: URLDecoder's, but for its form rule that a '+' is a space. */
    private static String percentDecoded(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The {@code Authorization} header value: {@code Basic base64(login:password)}, UTF-8. */
    public String encode() {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The password is not shown. */
    @Override
    public String toString() {
        return "BasicAuth[login=" + login + ", password=***]";
    }
}
