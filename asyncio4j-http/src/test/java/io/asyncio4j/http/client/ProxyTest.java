package io.asyncio4j.http.client;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.testing.AsyncioTest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Requests through a real HTTP proxy (tinyproxy): absolute-form for http, a CONNECT tunnel with
 * TLS to the origin for https, proxy authentication, and the environment's proxies with NO_PROXY.
 */
class ProxyTest {
    record Seen(String target, Map<String, String> headers) {}

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void httpGoesToTheProxyInAbsoluteFormAndHttpsThroughATunnel() throws Exception {
        Path dir = Files.createTempDirectory("tls-peer");
        TestPki ca = TestPki.create(dir, "ca");
        TestPki.ServerCert cert = ca.issue("localhost", "DNS:localhost,IP:127.0.0.1");
        try (Peer proxy = Peer.tinyproxy("");
                Peer aiohttp = Peer.aiohttp();
                Peer nginx = Peer.nginxTls(cert, "");
                ClientSession session = new ClientSession(SessionOptions.defaults()
                        .proxy("http://127.0.0.1:" + proxy.port())
                        .tls(TlsOptions.client(ca.caCert)))) {
            Files.writeString(nginx.dir().resolve("www/secret.txt"), "through the tunnel");

            try (ClientResponse r = session.get(aiohttp.url("/headers?q=1"))) {
                Seen seen = r.json(Seen.class);
                assertThat(seen.target()).isEqualTo("/headers?q=1");
                assertThat(seen.headers().get("Via"))
                        .as("tinyproxy forwarded it")
                        .contains("tinyproxy");
                assertThat(seen.headers().get("Host")).isEqualTo("127.0.0.1:" + aiohttp.port());
            }
            assertThat(proxy.log()).contains("GET http://127.0.0.1:" + aiohttp.port() + "/headers?q=1 HTTP/1.1");

            for (int i = 0; i < 2; i++) {
                try (ClientResponse r = session.get(nginx.httpsUrl("/secret.txt"))) {
                    assertThat(r.text()).isEqualTo("through the tunnel");
                }
            }
            assertThat(proxy.log()).contains("CONNECT localhost:" + nginx.port() + " HTTP/1.1");
            ClientSession.Statistics s = session.statistics();
            assertThat(s.created())
                    .as("one to the proxy for http, one tunnel for https")
                    .isEqualTo(2);
            assertThat(s.reused())
                    .as("the tunnel carried the second https request")
                    .isEqualTo(1);

            // a request's own proxy: none of its own here, so directly to aiohttp when asked to
            try (ClientResponse r = session.get(aiohttp.url("/headers"), proxy("http://127.0.0.1:" + proxy.port()))) {
                assertThat(r.json(Seen.class).headers().get("Via")).contains("tinyproxy");
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aProxyThatWantsCredentialsGetsThemAndOnlyIt() throws Exception {
        Path dir = Files.createTempDirectory("tls-peer");
        TestPki ca = TestPki.create(dir, "ca");
        TestPki.ServerCert cert = ca.issue("localhost", "DNS:localhost,IP:127.0.0.1");
        try (Peer proxy = Peer.tinyproxy("BasicAuth ann s3cret");
                Peer aiohttp = Peer.aiohttp();
                Peer nginx = Peer.nginxTls(cert, "")) {
            Files.writeString(nginx.dir().resolve("www/x.txt"), "x");
            String proxyUrl = "http://127.0.0.1:" + proxy.port();
            SessionOptions tls = SessionOptions.defaults().tls(TlsOptions.client(ca.caCert));

            try (ClientSession session = new ClientSession(tls.proxy(proxyUrl))) {
                // http: the proxy's 407 is the answer
                try (ClientResponse r = session.get(aiohttp.url("/headers"))) {
                    assertThat(r.status()).isEqualTo(407);
                }
                // https: the tunnel is refused
                String url = nginx.httpsUrl("/x.txt");
                ClientHttpProxyError e = catchThrowableOfType(ClientHttpProxyError.class, () -> session.get(url));
                assertThat(e.status()).isEqualTo(407);
                assertThat(e.getMessage())
                        .startsWith("the proxy " + proxyUrl + " refused to open a tunnel to localhost:" + nginx.port()
                                + " for GET " + url + ": 407 ")
                        .endsWith("(give the proxy's credentials with proxyAuth)");
                assertThat(session.statistics().inUse()).isZero();
            }
            for (SessionOptions withAuth : new SessionOptions[] {
                tls.proxy(proxyUrl).proxyAuth(new BasicAuth("ann", "s3cret")),
                tls.proxy("http://ann:s3cret@127.0.0.1:" + proxy.port())
            }) {
                try (ClientSession session = new ClientSession(withAuth)) {
                    try (ClientResponse r = session.get(aiohttp.url("/headers"))) {
                        Seen seen = r.json(Seen.class);
                        assertThat(seen.headers().get("Via")).contains("tinyproxy");
                        assertThat(seen.headers())
                                .as("the credentials are the proxy's: it does not pass them on")
                                .doesNotContainKey("Proxy-Authorization");
                    }
                    try (ClientResponse r = session.get(nginx.httpsUrl("/x.txt"))) {
                        assertThat(r.text()).isEqualTo("x");
                    }
                }
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void trustEnvUsesTheEnvironmentsProxyExceptWhereNoProxySaysNot() throws Exception {
        try (Peer proxy = Peer.tinyproxy("");
                Peer aiohttp = Peer.aiohttp();
                ClientSession session = new ClientSession(SessionOptions.defaults()
                        .trustEnv(true)
                        .environment(Map.of(
                                "HTTP_PROXY", "http://127.0.0.1:1", // the lower-case one wins
                                "http_proxy", "http://127.0.0.1:" + proxy.port(),
                                "NO_PROXY", "example.com, localhost:" + aiohttp.port())))) {
            try (ClientResponse r = session.get(aiohttp.url("/headers"))) {
                assertThat(r.json(Seen.class).headers().get("Via")).contains("tinyproxy");
            }
            try (ClientResponse r = session.get(aiohttp.localhostUrl("/headers"))) {
                assertThat(r.json(Seen.class).headers())
                        .as("NO_PROXY names localhost")
                        .doesNotContainKey("Via");
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void aProxyThatCannotBeReachedIsNamed() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String proxyUrl = "http://127.0.0.1:" + closed;
        try (ClientSession session = new ClientSession(SessionOptions.defaults().proxy(proxyUrl))) {
            ClientProxyConnectionError e =
                    catchThrowableOfType(ClientProxyConnectionError.class, () -> session.get("http://example.test/"));
            assertThat(e.getMessage())
                    .startsWith("cannot connect to the proxy " + proxyUrl + " for GET http://example.test/");
            assertThat(e.port()).isEqualTo(closed);
        }
    }

    @AsyncioTest
    void noProxyMatchesHostsTheirSubdomainsAndPorts() {
        ProxyEnvironment env = ProxyEnvironment.of(
                Map.of("https_proxy", "proxy.internal:3128", "no_proxy", ".corp.example,10.0.0.1, svc:8080,[::1]"));
        assertThat(env.bypass("corp.example", 443)).isTrue();
        assertThat(env.bypass("a.b.corp.example", 443)).isTrue();
        assertThat(env.bypass("notcorp.example", 443)).isFalse();
        assertThat(env.bypass("10.0.0.1", 80)).isTrue();
        assertThat(env.bypass("svc", 8080)).isTrue();
        assertThat(env.bypass("svc", 8081)).isFalse();
        assertThat(env.bypass("::1", 80)).isTrue();
        assertThat(env.forUrl(java.net.URI.create("https://x.test/")).toString())
                .isEqualTo("http://proxy.internal:3128");
        assertThat(env.forUrl(java.net.URI.create("http://x.test/")))
                .as("no http_proxy")
                .isNull();
        assertThat(ProxyEnvironment.of(Map.of("no_proxy", "*", "http_proxy", "http://p:1"))
                        .forUrl(java.net.URI.create("http://x/")))
                .isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ProxyEnvironment.of(Map.of("HTTPS_PROXY", "https://p:1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the environment variable https_proxy (or HTTPS_PROXY) is not usable: the proxy"
                        + " 'https://p:1' speaks TLS itself");
    }
}
