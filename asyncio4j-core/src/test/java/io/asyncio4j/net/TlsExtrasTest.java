package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** getExtraInfo and the TLS shutdown timeout, against openssl and CPython peers. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsExtrasTest {
    @TempDir
    static Path dir;

    static TlsFixtures tls;

    @BeforeAll
    static void makeCertificate() throws Exception {
        assumeTrue(NetTests.onPath("openssl"), "openssl is not installed: the TLS tests are skipped");
        tls = TlsFixtures.create(dir);
    }

    @Test
    void extraInfoOfATlsStreamComesFromTheHandshakeWithOpenssl() throws Exception {
        try (NetTests.Peer s = new NetTests.Peer(List.of(
                "openssl",
                "s_server",
                "-accept",
                "127.0.0.1:0",
                "-cert",
                tls.cert.toString(),
                "-key",
                tls.key.toString(),
                "-ciphersuites",
                "TLS_CHACHA20_POLY1305_SHA256",
                "-rev",
                "-naccept",
                "1"))) {
            int port = Integer.parseInt(s.await("ACCEPT 127.0.0.1:"));
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                StreamPair conn = Streams.openConnection(
                        "localhost", port, ConnectOptions.defaults().tls(TlsOptions.client(tls.clientContext())));
                StreamWriter w = conn.writer();
                out.add("peername " + w.getExtraInfo("peername").equals(w.peerAddress()) + " "
                        + w.getExtraInfo("peername"));
                out.add("sockname " + w.getExtraInfo("sockname").equals(w.localAddress()));
                out.add("socket " + (w.getExtraInfo("socket") instanceof SocketChannel ch && ch.isOpen()));
                out.add("ssl_object " + (w.getExtraInfo("ssl_object") == w.sslSession()) + " "
                        + ((SSLSession) w.getExtraInfo("ssl_object")).getProtocol());
                out.add("peercert "
                        + ((X509Certificate) w.getExtraInfo("peercert"))
                                .getSubjectX500Principal()
                                .getName());
                out.add("cipher " + w.getExtraInfo("cipher"));
                out.add("compression " + w.getExtraInfo("compression"));
                out.add("unknown " + w.getExtraInfo("no such thing", "default"));
                w.write(ascii("hello\n"));
                out.add(ascii(conn.reader().readLine()).strip());
                w.close();
                w.waitClosed();
                return out;
            });
            assertThat(log)
                    .containsExactly(
                            "peername true localhost/127.0.0.1:" + port,
                            "sockname true",
                            "socket true",
                            "ssl_object true TLSv1.3",
                            "peercert CN=localhost",
                            "cipher TLS_CHACHA20_POLY1305_SHA256",
                            "compression null",
                            "unknown default",
                            "olleh");
        }
    }

    @Test
    void extraInfoOfAPlainStreamHasNoTls() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        try (NetTests.Peer py = NetTests.Peer.python("echo_server.py")) {
            int port = Integer.parseInt(py.await("PORT"));
            List<Object> info = NetTests.run(() -> {
                StreamPair conn = Streams.openConnection("127.0.0.1", port);
                List<Object> out = new ArrayList<>();
                for (String name : List.of("ssl_object", "peercert", "cipher", "alpn_protocol")) {
                    out.add(conn.writer().getExtraInfo(name));
                }
                out.add(conn.writer().getExtraInfo("peername").toString());
                conn.close();
                conn.writer().waitClosed();
                return out;
            });
            assertThat(info).containsExactly(null, null, null, null, "/127.0.0.1:" + port);
        }
    }

    @Test
    void aPeerThatStopsReadingIsCutOffByTheShutdownTimeout() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        try (NetTests.Peer py = NetTests.Peer.python("tls_stall_server.py", tls.cert.toString(), tls.key.toString())) {
            int port = Integer.parseInt(py.await("PORT"));
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                TlsOptions options = TlsOptions.client(tls.clientContext()).shutdownTimeout(Duration.ofMillis(200));
                StreamPair conn = Streams.openConnection(
                        "localhost", port, ConnectOptions.defaults().tls(options));
                out.add(Asyncio.toThread(py::readLine));
                // More than the peer's window and both socket buffers hold: stays buffered here.
                conn.writer().write(new byte[16 * 1024 * 1024]);
                conn.writer().close();
                out.add("closing with " + (conn.writer().bufferedBytes() > 0 ? "bytes" : "nothing") + " buffered");
                Asyncio.timeout(NetTests.BODY_TIMEOUT, () -> {
                    conn.writer().waitClosed();
                    return null;
                });
                out.add("closed");
                try {
                    conn.writer().drain();
                } catch (UncheckedIOException e) {
                    out.add(e.getCause().getClass().getSimpleName() + ": "
                            + (e.getMessage().contains("TLS shutdown") ? "names the TLS shutdown" : e.getMessage()));
                }
                return out;
            });
            assertThat(log)
                    .containsExactly(
                            "HANDSHAKEN",
                            "closing with bytes buffered",
                            "closed",
                            SocketTimeoutException.class.getSimpleName() + ": names the TLS shutdown");
        }
    }

    @Test
    void sendfileOverTlsReachesACpythonTlsSinkIntact() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        Path file = SockExtrasTest.randomFile(dir, 3_000_000);
        byte[] content = java.nio.file.Files.readAllBytes(file);
        try (NetTests.Peer py =
                NetTests.Peer.python("sink_server.py", "--tls", tls.cert.toString(), tls.key.toString())) {
            int port = Integer.parseInt(py.await("PORT"));
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                StreamPair conn = Streams.openConnection(
                        "localhost", port, ConnectOptions.defaults().tls(TlsOptions.client(tls.clientContext())));
                try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(file)) {
                    conn.writer().write(ascii("HEAD"));
                    out.add("sent " + conn.writer().sendfile(f, 10, 2_999_980));
                    out.add("position " + f.position());
                }
                conn.writer().close();
                conn.writer().waitClosed();
                out.add(Asyncio.toThread(() -> py.await("GOT")));
                return out;
            });
            byte[] range = java.util.Arrays.copyOfRange(content, 10, 2_999_990);
            assertThat(log)
                    .containsExactly(
                            "sent 2999980",
                            "position 2999990",
                            (range.length + 4) + " " + SockExtrasTest.sha256(ascii("HEAD"), range));
        }
    }
}
