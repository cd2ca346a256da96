package io.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.net.Resolver;
import io.asyncio4j.testing.AsyncioTest;
import java.net.InetAddress;
import java.util.List;

/** Cookies scoped to a public suffix are refused, with the Public Suffix List the JDK ships. */
class PublicSuffixTest {
    record Echo(String cookie) {}

    @AsyncioTest
    void theListKnowsIcannAndPrivateSuffixesWildcardsAndExceptions() {
        assumeTrue(PublicSuffixes.available(), "this JDK has no lib/security/public_suffix_list.dat");
        assertThat(PublicSuffixes.isPublicSuffix("com")).isTrue();
        assertThat(PublicSuffixes.isPublicSuffix("co.uk")).isTrue();
        assertThat(PublicSuffixes.isPublicSuffix("github.io"))
                .as("private section")
                .isTrue();
        assertThat(PublicSuffixes.isPublicSuffix("anything.ck")).as("*.ck").isTrue();
        assertThat(PublicSuffixes.isPublicSuffix("www.ck")).as("!www.ck").isFalse();
        assertThat(PublicSuffixes.isPublicSuffix("xn--p1ai"))
                .as("рф, in punycode")
                .isTrue();
        assertThat(PublicSuffixes.isPublicSuffix("example.co.uk")).isFalse();
        assertThat(PublicSuffixes.isPublicSuffix("example.com")).isFalse();
        assertThat(PublicSuffixes.isPublicSuffix("localhost"))
                .as("a single label")
                .isTrue();
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aCookieForAPublicSuffixIsRefusedAndOneForTheSiteKept() throws Exception {
        assumeTrue(PublicSuffixes.available(), "this JDK has no lib/security/public_suffix_list.dat");
        Resolver everywhereLoopback = host -> List.of(InetAddress.getLoopbackAddress());
        try (Peer peer = Peer.aiohttp();
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().resolver(everywhereLoopback))) {
            String shop = "http://www.shop.co.uk:" + peer.port();
            session.get(shop + "/cookies/domain?name=wide&domain=co.uk").close();
            session.get(shop + "/cookies/domain?name=site&domain=shop.co.uk").close();
            String pages = "http://ann.github.io:" + peer.port();
            session.get(pages + "/cookies/domain?name=pages&domain=github.io").close();
            try (ClientResponse r = session.get("http://other.shop.co.uk:" + peer.port() + "/cookies/show")) {
                assertThat(r.json(Echo.class).cookie()).isEqualTo("site=1");
            }
            try (ClientResponse r = session.get("http://bob.github.io:" + peer.port() + "/cookies/show")) {
                assertThat(r.json(Echo.class).cookie())
                        .as("github.io is a public suffix")
                        .isNull();
            }
            assertThat(session.cookieJar().cookies())
                    .extracting(CookieJar.Cookie::name, CookieJar.Cookie::domain)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("site", "shop.co.uk"));
        }
    }
}
