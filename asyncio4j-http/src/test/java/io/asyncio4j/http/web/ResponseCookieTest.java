package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResponseCookieTest {
    @Test
    void everyAttributeInItsPlace() {
        ResponseCookie c = ResponseCookie.of("session", "abc123")
                .withExpires(Instant.parse("2030-01-02T03:04:05Z"))
                .withMaxAge(Duration.ofDays(7))
                .withDomain("example.com")
                .withPath("/app")
                .withSecure(true)
                .withHttpOnly(true)
                .withSameSite(ResponseCookie.SameSite.STRICT)
                .withPartitioned(true);
        assertThat(c.headerValue())
                .isEqualTo("session=abc123; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=604800;"
                        + " Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=Strict; Partitioned");
        assertThat(ResponseCookie.of("a", "b").headerValue())
                .as("path / by default, as aiohttp")
                .isEqualTo("a=b; Path=/");
        assertThat(ResponseCookie.of("a", "b").withPath(null).headerValue()).isEqualTo("a=b");
        assertThat(ResponseCookie.of("a", "").headerValue()).isEqualTo("a=; Path=/");
        assertThat(ResponseCookie.of("a", "\"quoted\"").headerValue()).isEqualTo("a=\"quoted\"; Path=/");
        assertThat(ResponseCookie.of("lax", "1")
                        .withSameSite(ResponseCookie.SameSite.LAX)
                        .toString())
                .isEqualTo("lax=1; Path=/; SameSite=Lax");
        assertThat(ResponseCookie.of("a", "b")
                        .withMaxAge(Duration.ofMillis(1500))
                        .headerValue())
                .as("to the second")
                .isEqualTo("a=b; Max-Age=1; Path=/");
    }

    @Test
    void deletingExpiresItAtOnce() {
        assertThat(ResponseCookie.deleting("session", "/", null).headerValue())
                .isEqualTo("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");
        assertThat(ResponseCookie.deleting("__Host-id", "/", null).headerValue())
                .as("a prefixed name needs Secure to be replaced")
                .isEqualTo("__Host-id=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; Secure");
        assertThat(ResponseCookie.deleting("x", "/a", "example.com").headerValue())
                .isEqualTo("x=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Domain=example.com; Path=/a");
    }

    @Test
    void namesAndValuesAreCheckedWithTheFix() {
        assertThatThrownBy(() -> ResponseCookie.of("a b", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cookie name \"a b\" holds SP (0x20) at index 1: a cookie name is an RFC 6265 token"
                        + " (letters, digits and !#$%&'*+-.^_`|~)");
        assertThatThrownBy(() -> ResponseCookie.of("", "v")).hasMessage("a cookie name cannot be empty");
        assertThatThrownBy(() -> ResponseCookie.of("a=b", "v")).hasMessageStartingWith("cookie name \"a=b\" holds '='");
        for (String bad :
                new String[] {"a b", "a;b", "a,b", "a\\b", "a\"b", "caf\u00e9", "a\r\nSet-Cookie: x=y", "\"a"}) {
            assertThatThrownBy(() -> ResponseCookie.of("n", bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("which a cookie value cannot hold")
                    .hasMessageEndingWith("encode the value first (URLEncoder or Base64)");
        }
        assertThatThrownBy(() -> ResponseCookie.of("n", "a;b"))
                .hasMessage("the value of cookie n holds ';' at index 1, which a cookie value cannot hold (RFC 6265:"
                        + " no space, comma, semicolon, backslash, double quote or non-ASCII); encode the value first"
                        + " (URLEncoder or Base64)");
    }

    @Test
    void attributesAreChecked() {
        ResponseCookie c = ResponseCookie.of("a", "b");
        assertThatThrownBy(() -> c.withDomain("evil.com; Secure"))
                .hasMessage(
                        "the Domain of cookie a (\"evil.com; Secure\") holds ';' at index 8; a domain holds letters,"
                                + " digits, dots and hyphens (an internationalised name in its xn-- form)");
        assertThatThrownBy(() -> c.withDomain(""))
                .hasMessage("cookie a has an empty Domain; use null for this host only");
        assertThatThrownBy(() -> c.withPath("app"))
                .hasMessage("the Path of cookie a (\"app\") does not start with '/', so browsers would ignore it; give"
                        + " an absolute path");
        assertThatThrownBy(() -> c.withPath("/a;b"))
                .hasMessage("the Path of cookie a holds ';' at index 2; percent-encode it");
        assertThatThrownBy(() -> c.withMaxAge(Duration.ofSeconds(-1)))
                .hasMessage("cookie a has a negative Max-Age (PT-1S); Duration.ZERO deletes a cookie");
    }

    @Test
    void rulesBrowsersEnforceSilentlyAreErrorsHere() {
        assertThatThrownBy(() -> ResponseCookie.of("a", "b")
                        .withSameSite(ResponseCookie.SameSite.NONE)
                        .headerValue())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "cookie a has SameSite=None without Secure, which browsers refuse; add withSecure(true) (and"
                                + " serve it over https)");
        assertThat(ResponseCookie.of("a", "b")
                        .withSameSite(ResponseCookie.SameSite.NONE)
                        .withSecure(true)
                        .headerValue())
                .isEqualTo("a=b; Path=/; Secure; SameSite=None");
        assertThatThrownBy(
                        () -> ResponseCookie.of("a", "b").withPartitioned(true).headerValue())
                .hasMessage("cookie a is Partitioned without Secure, which browsers refuse; add withSecure(true)");
        assertThatThrownBy(() -> ResponseCookie.of("__Secure-id", "b").headerValue())
                .hasMessage("cookie __Secure-id has the __Secure- prefix, which browsers accept only with Secure; add"
                        + " withSecure(true)");
        assertThatThrownBy(() -> ResponseCookie.of("__Host-id", "b")
                        .withSecure(true)
                        .withDomain("example.com")
                        .withPath("/x")
                        .headerValue())
                .hasMessage(
                        "cookie __Host-id has the __Host- prefix, which browsers accept only with Secure, Path=/ and"
                                + " no Domain; it has Domain=example.com Path=/x");
        assertThat(ResponseCookie.of("__host-id", "b").withSecure(true).headerValue())
                .as("prefixes are matched ignoring case, as browsers do")
                .isEqualTo("__host-id=b; Path=/; Secure");
    }

    @Test
    void aResponseSetsOneCookiePerNameAndChecksItAtOnce() {
        StreamResponse r = new StreamResponse();
        r.setCookie("a", "1");
        r.setCookie(ResponseCookie.of("b", "2").withHttpOnly(true));
        r.setCookie("a", "3");
        r.delCookie("old");
        assertThat(r.cookies().keySet()).containsExactly("b", "a", "old");
        assertThat(r.cookies().get("a").value()).isEqualTo("3");
        assertThatThrownBy(() -> r.setCookie(ResponseCookie.of("x", "y").withSameSite(ResponseCookie.SameSite.NONE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cookie x has SameSite=None without Secure");
        assertThat(r.cookies()).doesNotContainKey("x");
    }
}
