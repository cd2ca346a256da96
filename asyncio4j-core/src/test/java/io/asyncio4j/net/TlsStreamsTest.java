package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static io.asyncio4j.net.NetTests.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS through SSLEngine: against openssl's s_server and s_client, and against ourselves, with a
 * certificate made by openssl when the tests start.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsStreamsTest {
    @TempDir
    static Path dir;

    static TlsFixtures tls;

    @BeforeAll
    static void makeCertificate() throws Exception {
        assumeTrue(NetTests.onPath("openssl"), "openssl is not installed: the TLS tests are skipped");
        tls = TlsFixtures.create(dir);
    }

    private static TlsOptions client() throws Exception {
        return TlsOptions.client(tls.clientContext());
    }

    private static TlsOptions server() throws Exception {
        return TlsOptions.server(tls.serverContext());
    }

    @Test
    void ourClientTalksToOpensslServer() throws Exception {
        try (NetTests.Peer s = new NetTests.Peer(List.of(
                "openssl",
                "s_server",
                "-accept",
                "127.0.0.1:0",
                "-cert",
                tls.cert.toString(),
                "-key",
                tls.key.toString(),
                "-rev",
                "-naccept",
                "1",
                "-alpn",
                "foo"))) {
            int port = Integer.parseInt(s.await("ACCEPT 127.0.0.1:"));
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                StreamPair conn = Streams.openConnection(
                        "localhost", port, ConnectOptions.defaults().tls(client().applicationProtocols("bar", "foo")));
                out.add("alpn " + conn.writer().applicationProtocol());
                out.add("protocol " + conn.writer().sslSession().getProtocol());
                conn.writer().write(ascii("hello\n"));
                out.add(ascii(conn.reader().readLine()).strip());
                conn.writer().close();
                conn.writer().waitClosed();
                return out;
            });
            assertThat(log).containsExactly("alpn foo", "protocol TLSv1.3", "olleh");
        }
    }

    @Test
    void opensslClientTalksToOurServer() throws Exception {
        List<String> printed = NetTests.run(() -> {
            List<String> served = Collections.synchronizedList(new ArrayList<>());
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        served.add(ascii(reader.readLine()).strip());
                        writer.write(ascii("pong " + writer.applicationProtocol() + "\n"));
                    },
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().tls(server().applicationProtocols("h2", "http/1.1")));
            int port = port(server);
            List<String> out = Asyncio.toThread(() -> {
                try (NetTests.Peer c = new NetTests.Peer(List.of(
                        "openssl",
                        "s_client",
                        "-connect",
                        "127.0.0.1:" + port,
                        "-servername",
                        "localhost",
                        "-CAfile",
                        tls.cert.toString(),
                        "-verify_return_error",
                        "-verify_hostname",
                        "localhost",
                        "-alpn",
                        "http/1.1",
                        "-quiet"))) {
                    OutputStream stdin = c.process.getOutputStream();
                    stdin.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                    stdin.flush();
                    List<String> lines = new ArrayList<>();
                    for (String line : c.rest()) {
                        if (!line.startsWith("depth=") && !line.startsWith("verify return")) {
                            lines.add(line);
                        }
                    }
                    return lines;
                }
            });
            server.close();
            server.waitClosed();
            assertThat(served).containsExactly("ping");
            return out;
        });
        assertThat(printed).containsExactly("pong http/1.1");
    }

    @Test
    void renegotiationByTheClientIsRefused() throws Exception {
        List<String> log = NetTests.run(() -> {
            Future<String> outcome = new Future<>();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        try {
                            outcome.setResult("read " + ascii(reader.readLine()));
                        } catch (UncheckedIOException e) {
                            outcome.setResult(e.getCause().getClass().getSimpleName() + ": "
                                    + e.getCause().getMessage());
                        }
                    },
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().tls(server().protocols("TLSv1.2")));
            int port = port(server);
            NetTests.Peer c = new NetTests.Peer(List.of(
                    "openssl",
                    "s_client",
                    "-connect",
                    "127.0.0.1:" + port,
                    "-tls1_2",
                    "-servername",
                    "localhost",
                    "-CAfile",
                    tls.cert.toString()));
            try {
                Asyncio.toThread(() -> {
                    c.await("---"); // the handshake is done once it prints its session summary
                    OutputStream stdin = c.process.getOutputStream();
                    stdin.write("R\n".getBytes(StandardCharsets.US_ASCII)); // s_client: renegotiate
                    stdin.flush();
                    return null;
                });
                String result = outcome.await();
                server.close();
                server.waitClosed();
                return List.of(result);
            } finally {
                c.close();
            }
        });
        assertThat(log)
                .containsExactly(
                        "SSLException: the peer asked to renegotiate the TLS session; renegotiation is" + " refused");
    }

    @Test
    void startTlsUpgradesAPlainConnectionAndCloseNotifyEndsTheStream() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            TlsOptions serverTls = server().applicationProtocols("smtp");
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        out.add("server got " + ascii(reader.readLine()).strip());
                        writer.write(ascii("GO\n"));
                        writer.startTls(serverTls);
                        out.add("server got " + ascii(reader.readLine()).strip() + " over "
                                + writer.sslSession().getProtocol());
                        writer.write(ascii("secret received\n"));
                        out.add("server read after close_notify: " + reader.read(10).length + ", atEof "
                                + reader.atEof());
                    },
                    "127.0.0.1",
                    0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            conn.writer().write(ascii("STARTTLS\n"));
            out.add("client got " + ascii(conn.reader().readLine()).strip());
            conn.writer().startTls(client().serverName("localhost").applicationProtocols("smtp"));
            out.add("client alpn " + conn.writer().applicationProtocol());
            assertThat(conn.writer().canWriteEof()).isFalse();
            conn.writer().write(ascii("secret\n"));
            out.add("client got " + ascii(conn.reader().readLine()).strip());
            conn.writer().close();
            conn.writer().waitClosed();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "server got STARTTLS",
                        "client got GO",
                        "client alpn smtp",
                        "server got secret over TLSv1.3",
                        "client got secret received",
                        "server read after close_notify: 0, atEof true");
    }

    @Test
    void handshakeWorkRunsOffTheLoop() throws Exception {
        String loopName = NetTests.run(() -> {
            Server server = Streams.startServer(
                    (reader, writer) -> writer.write(reader.readLine()),
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().tls(server()));
            tls.trustCheckThreads.clear();
            StreamPair conn = Streams.openConnection(
                    "localhost", port(server), ConnectOptions.defaults().tls(client()));
            conn.writer().write(ascii("x\n"));
            assertThat(ascii(conn.reader().readLine())).isEqualTo("x\n");
            conn.close();
            server.close();
            server.waitClosed();
            return Asyncio.currentLoop().name();
        });
        assertThat(tls.trustCheckThreads)
                .isNotEmpty()
                .allSatisfy(name -> assertThat(name).startsWith(loopName + "-worker-"));
    }

    @Test
    void tenMegabytesThroughTlsArriveIntact() throws Exception {
        NetTests.run(() -> {
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        byte[] chunk;
                        while ((chunk = reader.read(100_000)).length > 0) {
                            writer.write(chunk);
                            writer.drain();
                        }
                    },
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().tls(server()));
            StreamPair conn = Streams.openConnection(
                    "localhost", port(server), ConnectOptions.defaults().tls(client()));
            int total = 10 * 1024 * 1024;
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            Task<Integer> reader = Asyncio.createTask(() -> {
                int n = 0;
                while (n < total) {
                    byte[] chunk = conn.reader().read(1 << 20);
                    received.update(chunk);
                    n += chunk.length;
                }
                return n;
            });
            Random random = new Random(7);
            byte[] block = new byte[50_000];
            for (int written = 0; written < total; written += block.length) {
                random.nextBytes(block);
                int len = Math.min(block.length, total - written);
                sent.update(block, 0, len);
                conn.writer().write(block, 0, len);
                conn.writer().drain();
            }
            assertThat(reader.await()).isEqualTo(total);
            assertThat(HexFormat.of().formatHex(received.digest()))
                    .isEqualTo(HexFormat.of().formatHex(sent.digest()));
            conn.close();
            server.close();
            server.waitClosed();
            return null;
        });
    }

    @Test
    void anUntrustedCertificateOrAWrongNameFailsTheHandshake() throws Exception {
        NetTests.run(() -> {
            List<String> handled = new ArrayList<>();
            Server server = Streams.startServer(
                    (reader, writer) -> handled.add("handler ran"),
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().tls(server()));
            assertThatThrownBy(() -> Streams.openConnection(
                            "localhost", port(server), ConnectOptions.defaults().tls(TlsOptions.client())))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("PKIX");
            assertThatThrownBy(() -> Streams.openConnection(
                            "127.0.0.1",
                            port(server),
                            ConnectOptions.defaults().tls(client().serverName("wrong.example"))))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("wrong.example");
            server.close();
            server.waitClosed();
            assertThat(handled).isEmpty();
            return null;
        });
    }

    @Test
    void aPeerThatDropsMidHandshakeHarmsNothing() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Server tlsServer = Streams.startServer(
                    (reader, writer) -> writer.write(ascii("hello\n")),
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().tls(server()));
            // A client that starts a ClientHello record and hangs up.
            StreamPair raw = Streams.openConnection("127.0.0.1", port(tlsServer));
            raw.writer().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00});
            raw.writer().writeEof();
            out.add("raw client sees eof: " + (raw.reader().read(100).length == 0));
            // The server still serves.
            StreamPair good = Streams.openConnection(
                    "localhost", port(tlsServer), ConnectOptions.defaults().tls(client()));
            out.add("good client got " + ascii(good.reader().readLine()).strip());
            good.close();
            raw.close();
            // A server that hangs up during our handshake.
            Server rude = Streams.startServer((reader, writer) -> writer.abort(), "127.0.0.1", 0);
            try {
                Streams.openConnection(
                        "localhost", port(rude), ConnectOptions.defaults().tls(client()));
            } catch (SSLException | java.net.SocketException e) {
                // A handshake error, or a reset when the server hung up on unread bytes.
                out.add("our client failed the handshake");
            }
            rude.close();
            rude.waitClosed();
            tlsServer.close();
            tlsServer.waitClosed();
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "raw client sees eof: true", "good client got hello", "our client failed the handshake");
    }

    @Test
    void aSilentPeerIsCutOffByTheHandshakeTimeout() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Server server = Streams.startServer(
                    (reader, writer) -> out.add("handler ran"),
                    "127.0.0.1",
                    0,
                    ServerOptions.defaults().tls(server().handshakeTimeout(Duration.ofMillis(200))));
            // The server's handshake timer starts once it has accepted, which is after the connect
            // began: at least the timeout passes between the two.
            long start = System.nanoTime();
            StreamPair silent = Streams.openConnection("127.0.0.1", port(server));
            byte[] got = Asyncio.timeout(
                    Duration.ofSeconds(30), () -> silent.reader().read(100));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            out.add("server hung up: " + (got.length == 0) + ", after the timeout: " + (ms >= 200));
            silent.close();
            // Our client against a silent server: its handshake times out too.
            Server mute = Streams.startServer((reader, writer) -> reader.read(), "127.0.0.1", 0);
            try {
                Streams.openConnection(
                        "localhost",
                        port(mute),
                        ConnectOptions.defaults().tls(client().handshakeTimeout(Duration.ofMillis(200))));
            } catch (SocketTimeoutException e) {
                out.add("client: " + e.getMessage().replaceAll("localhost/127.0.0.1:\\d+", "<peer>"));
            }
            mute.close();
            mute.waitClosed();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "server hung up: true, after the timeout: true",
                        "client: the TLS handshake with <peer> took longer than PT0.2S");
    }
}
