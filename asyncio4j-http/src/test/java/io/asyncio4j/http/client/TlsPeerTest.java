package io.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.testing.AsyncioTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLHandshakeException;

/**
 * {@code https} against TLS stacks nobody here wrote (nginx's and openssl's own {@code s_server}),
 * with a CA made by openssl for the test: verification is on, so a good chain passes and a wrong
 * name or an untrusted CA fails before any byte of the request is sent.
 */
class TlsPeerTest {

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void nginxWithATestCaCarriesKeepAliveRequestsOverTls() throws Exception {
        Path dir = Files.createTempDirectory("tls-peer");
        TestPki ca = TestPki.create(dir, "good");
        TestPki.ServerCert cert = ca.issue("localhost", "DNS:localhost,IP:127.0.0.1");
        try (Peer nginx = Peer.nginxTls(cert, "location /status { return 204; }")) {
            byte[] big = new byte[2 << 20];
            new Random(7).nextBytes(big);
            Files.write(nginx.dir().resolve("www/big.bin"), big);
            String text = "over TLS, gzipped by nginx.\n".repeat(500);
            Files.writeString(nginx.dir().resolve("www/text.txt"), text);

            try (ClientSession session =
                    new ClientSession(SessionOptions.defaults().limit(4).tls(TlsOptions.client(ca.caCert)))) {
                List<Task<String>> tasks = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    tasks.add(Asyncio.createTask(() -> {
                        try (ClientResponse r = session.get(nginx.httpsUrl("/text.txt"))) {
                            return r.headers().get("Content-Encoding") + " "
                                    + r.text().length();
                        }
                    }));
                }
                assertThat(Asyncio.gather(tasks)).containsOnly("gzip " + text.length());
                ClientSession.Statistics s = session.statistics();
                assertThat(s.created()).isLessThanOrEqualTo(4);
                assertThat(s.created() + s.reused()).isEqualTo(40);

                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (ClientResponse r = session.get(nginx.httpsUrl("/big.bin"))) {
                    for (byte[] chunk : r.content().iterChunked(32 * 1024)) {
                        sha.update(chunk);
                    }
                }
                assertThat(sha.digest())
                        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(big));
                // The certificate names 127.0.0.1 too, so an IP URL verifies as well.
                try (ClientResponse r = session.get("https://127.0.0.1:" + nginx.port() + "/status")) {
                    assertThat(r.status()).isEqualTo(204);
                }
                assertThat(session.statistics().inUse()).isZero();
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void opensslServerAnswersOverTls() throws Exception {
        Path dir = Files.createTempDirectory("tls-peer");
        TestPki ca = TestPki.create(dir, "good");
        TestPki.ServerCert cert = ca.issue("localhost", "DNS:localhost,IP:127.0.0.1");
        try (Peer openssl = Peer.opensslHttp(cert)) {
            Files.writeString(
                    openssl.dir().resolve("hello"),
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\nhello from openssl",
                    StandardCharsets.US_ASCII);
            try (ClientSession session =
                    new ClientSession(SessionOptions.defaults().tls(TlsOptions.client(ca.caCert)))) {
                for (int i = 0; i < 2; i++) {
                    try (ClientResponse r = session.get(openssl.httpsUrl("/hello"))) {
                        assertThat(r.status()).isEqualTo(200);
                        assertThat(r.text()).isEqualTo("hello from openssl");
                    }
                }
                assertThat(session.statistics().inUse()).isZero();
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void anUntrustedCaFailsWithAConnectorErrorNamingTheUrl() throws Exception {
        Path dir = Files.createTempDirectory("tls-peer");
        TestPki good = TestPki.create(dir, "good");
        TestPki rogue = TestPki.create(dir, "rogue");
        TestPki.ServerCert cert = good.issue("localhost", "DNS:localhost,IP:127.0.0.1");
        try (Peer nginx = Peer.nginxTls(cert, "")) {
            Files.writeString(nginx.dir().resolve("www/x.txt"), "x");
            String url = nginx.httpsUrl("/x.txt");
            for (TlsOptions trust : List.of(TlsOptions.client(rogue.caCert), TlsOptions.client())) {
                try (ClientSession session =
                        new ClientSession(SessionOptions.defaults().tls(trust))) {
                    ClientConnectorError e = catchThrowableOfType(ClientConnectorError.class, () -> session.get(url));
                    assertThat(e.getMessage()).contains("GET " + url).contains("not trusted");
                    assertThat(e.url().toString()).isEqualTo(url);
                    assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
                    assertThat(session.statistics().inUse()).isZero();
                    assertThat(session.statistics().idle()).isZero();
                }
            }
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aCertificateForAnotherNameFailsWithAConnectorErrorNamingTheUrl() throws Exception {
        Path dir = Files.createTempDirectory("tls-peer");
        TestPki ca = TestPki.create(dir, "good");
        TestPki.ServerCert elsewhere = ca.issue("elsewhere", "DNS:elsewhere.test");
        try (Peer openssl = Peer.opensslHttp(elsewhere)) {
            Files.writeString(
                    openssl.dir().resolve("hello"),
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
                    StandardCharsets.US_ASCII);
            String url = openssl.httpsUrl("/hello");
            try (ClientSession session =
                    new ClientSession(SessionOptions.defaults().tls(TlsOptions.client(ca.caCert)))) {
                ClientConnectorError e = catchThrowableOfType(ClientConnectorError.class, () -> session.get(url));
                assertThat(e.getMessage()).contains("GET " + url).contains("does not name localhost");
                assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
                assertThat(session.statistics().inUse()).isZero();
            }
            // The chain is good: only the name was wrong.
            try (ClientSession session = new ClientSession(
                    SessionOptions.defaults().tls(TlsOptions.client(ca.caCert).verifyHostname(false)))) {
                try (ClientResponse r = session.get(url)) {
                    assertThat(r.text()).isEqualTo("hi");
                }
            }
        }
    }
}
