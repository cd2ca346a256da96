package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static io.asyncio4j.net.NetTests.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS options from PEM files, as Python's load_cert_chain and cafile: a server from openssl's
 * certificate and key files, checked by a CPython ssl client and by our own client trusting the
 * same certificate file; files in the wrong form get a message that says how to fix them.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsPemTest {
    @TempDir
    static Path dir;

    static TlsFixtures tls;

    @BeforeAll
    static void makeCertificate() throws Exception {
        assumeTrue(NetTests.onPath("openssl"), "openssl is not installed: the TLS tests are skipped");
        tls = TlsFixtures.create(dir);
    }

    private static Server echoServer(TlsOptions options) throws IOException {
        return Streams.startServer(
                (reader, writer) -> {
                    writer.write(reader.readLine());
                    writer.drain();
                    reader.read();
                    writer.close();
                },
                "127.0.0.1",
                0,
                ServerOptions.defaults().tls(options));
    }

    @Test
    void aServerFromPemFilesIsVerifiedByOurClientTrustingTheSameCertificateFile() throws Exception {
        String got = NetTests.run(() -> {
            Server server = echoServer(TlsOptions.server(tls.cert, tls.key));
            StreamPair conn = Streams.openConnection(
                    "localhost", port(server), ConnectOptions.defaults().tls(TlsOptions.client(tls.cert)));
            conn.writer().write(ascii("over pem\n"));
            String line = ascii(conn.reader().readLine()).strip();
            conn.close();
            server.close();
            server.waitClosed();
            return line;
        });
        assertThat(got).isEqualTo("over pem");
    }

    @Test
    void aServerFromPemFilesIsVerifiedByCpythonSsl() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: skipped");
        String result = NetTests.run(() -> {
            Server server = echoServer(TlsOptions.server(tls.cert, tls.key));
            String printed = io.asyncio4j.Asyncio.toThread(() -> {
                try (NetTests.Peer py = NetTests.Peer.python(
                        "isolation_clients.py",
                        "tls",
                        "127.0.0.1",
                        Integer.toString(port(server)),
                        "3",
                        "100",
                        tls.cert.toString())) {
                    return String.join(" | ", py.rest());
                }
            });
            server.close();
            server.waitClosed();
            return printed;
        });
        assertThat(result).isEqualTo("ok 3");
    }

    @Test
    void aClientTrustingAnotherCertificateRefusesTheServer() throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        TlsFixtures stranger = TlsFixtures.create(other);
        List<String> log = NetTests.run(() -> {
            Server server = Streams.startServer(
                    (reader, writer) -> reader.read(),
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().tls(TlsOptions.server(tls.cert, tls.key)));
            String outcome;
            try {
                Streams.openConnection(
                        "localhost", port(server), ConnectOptions.defaults().tls(TlsOptions.client(stranger.cert)));
                outcome = "connected";
            } catch (javax.net.ssl.SSLHandshakeException e) {
                outcome = "refused: " + e.getClass().getSimpleName();
            }
            server.close();
            server.waitClosed();
            return List.of(outcome);
        });
        assertThat(log).containsExactly("refused: SSLHandshakeException");
    }

    @Test
    void filesInTheWrongFormAreNamedWithTheFix() throws Exception {
        Path sec1 = dir.resolve("sec1.pem");
        Files.writeString(sec1, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsOptions.server(tls.cert, sec1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(sec1.toString())
                .hasMessageContaining("older PKCS#1/SEC1 form")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + sec1);

        Path encrypted = dir.resolve("encrypted.pem");
        Files.writeString(
                encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsOptions.server(tls.cert, encrypted))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("but an encrypted one");

        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> TlsOptions.client(empty))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(empty + " holds no certificate");

        assertThatThrownBy(() -> TlsOptions.server(tls.key, tls.key))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(tls.key.toString());
    }
}
