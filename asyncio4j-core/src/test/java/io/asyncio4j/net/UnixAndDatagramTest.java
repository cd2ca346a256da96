package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.PortUnreachableException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Unix-domain streams and UDP datagrams, against CPython asyncio peers and ourselves. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnixAndDatagramTest {
    @TempDir
    Path dir;

    @Test
    void unixStreamsToACpythonServer() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        Path sock = dir.resolve("py.sock");
        try (NetTests.Peer py = NetTests.Peer.python("echo_server.py", "--unix", sock.toString())) {
            py.await("READY");
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                StreamPair conn = Streams.openUnixConnection(sock);
                out.add("peer " + conn.writer().peerAddress());
                conn.writer().write(ascii("over unix\n"));
                out.add(ascii(conn.reader().readLine()).strip());
                conn.writer().writeEof();
                out.add(ascii(conn.reader().readLine()).strip());
                conn.close();
                return out;
            });
            assertThat(log).containsExactly("peer " + sock, "echo: over unix", "bye 10");
        }
    }

    @Test
    void aCpythonClientToOurUnixServer() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        Path sock = dir.resolve("ours.sock");
        List<String> printed = NetTests.run(() -> {
            Server server = Streams.startUnixServer(
                    (reader, writer) -> {
                        byte[] line;
                        while ((line = reader.readLine()).length > 0) {
                            writer.write(ascii(">" + ascii(line)));
                        }
                    },
                    sock);
            assertThat(server.addresses()).containsExactly(UnixDomainSocketAddress.of(sock));
            List<String> out = Asyncio.toThread(() -> {
                try (NetTests.Peer py = NetTests.Peer.python("line_client.py", "--unix", sock.toString(), "a", "b")) {
                    return py.rest();
                }
            });
            server.close();
            server.waitClosed();
            assertThat(Files.exists(sock))
                    .as("the socket file is removed on close")
                    .isFalse();
            return out;
        });
        assertThat(printed).containsExactly("got >a", "got >b", "eof");
    }

    @Test
    void aStaleSocketFileIsReplacedButAnOrdinaryFileIsNot() throws Exception {
        Path sock = dir.resolve("stale.sock");
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "not a socket");
        NetTests.run(() -> {
            // A server that dies without cleaning up leaves its file behind.
            try (var leftover = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                leftover.bind(UnixDomainSocketAddress.of(sock));
            }
            assertThat(Files.exists(sock)).isTrue();
            Server server = Streams.startUnixServer((reader, writer) -> writer.write(ascii("fresh\n")), sock);
            StreamPair c = Streams.openUnixConnection(sock);
            assertThat(ascii(c.reader().readLine())).isEqualTo("fresh\n");
            c.close();
            server.close();
            server.waitClosed();
            assertThatThrownBy(() -> Streams.startUnixServer((reader, writer) -> {}, plain))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("not a socket");
            return null;
        });
    }

    @Test
    void datagramsEchoedByACpythonServer() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        try (NetTests.Peer py = NetTests.Peer.python("udp_echo.py")) {
            int port = Integer.parseInt(py.await("PORT"));
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                try (DatagramEndpoint connected = DatagramEndpoint.connect("127.0.0.1", port)) {
                    connected.send(ascii("ping"));
                    Datagram d = Asyncio.timeout(Duration.ofSeconds(30), connected::receive);
                    out.add(ascii(d.data()) + " from " + d.sender());
                }
                try (DatagramEndpoint unconnected = DatagramEndpoint.bind("127.0.0.1", 0)) {
                    unconnected.send(ascii("pong"), new java.net.InetSocketAddress("127.0.0.1", port));
                    Datagram d = Asyncio.timeout(Duration.ofSeconds(30), unconnected::receive);
                    out.add(ascii(d.data()));
                }
                return out;
            });
            assertThat(log).containsExactly("echo: ping from /127.0.0.1:" + port, "echo: pong");
        }
    }

    @Test
    void aCpythonClientToOurDatagramServer() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        List<String> printed = NetTests.run(() -> {
            DatagramEndpoint server = DatagramEndpoint.bind("127.0.0.1", 0);
            Task<Void> echo = Asyncio.createTask(() -> {
                while (true) {
                    Datagram d = server.receive();
                    server.send(ascii(ascii(d.data()).toUpperCase()), d.sender());
                }
            });
            List<String> out = Asyncio.toThread(() -> {
                try (NetTests.Peer py = NetTests.Peer.python(
                        "udp_client.py", Integer.toString(server.localAddress().getPort()), "one", "two")) {
                    return py.rest();
                }
            });
            echo.cancel();
            assertThatThrownBy(echo::await).isInstanceOf(CancelledError.class);
            server.close();
            return out;
        });
        assertThat(printed).containsExactly("got ONE", "got TWO");
    }

    @Test
    void closingAnEndpointWakesItsReceiver() throws Exception {
        NetTests.run(() -> {
            DatagramEndpoint ep = DatagramEndpoint.bind("127.0.0.1", 0);
            Task<Datagram> receiving = Asyncio.createTask(ep::receive);
            Asyncio.sleep(Duration.ofMillis(10));
            ep.close();
            assertThatThrownBy(receiving::await)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("closed");
            return null;
        });
    }

    @Test
    void aPortUnreachableNamesThePeerAndTheCause() throws Exception {
        String message = NetTests.run(() -> {
            // The port is held by a UDP socket connected elsewhere, which takes no datagram from
            // us: the kernel answers port unreachable, and while the socket is open no other
            // program can take the port (a port merely closed could be reused).
            try (java.nio.channels.DatagramChannel holder = java.nio.channels.DatagramChannel.open()
                            .bind(new java.net.InetSocketAddress("127.0.0.1", 0))
                            .connect(new java.net.InetSocketAddress("127.0.0.1", 9));
                    DatagramEndpoint ep = DatagramEndpoint.connect(
                            "127.0.0.1", ((java.net.InetSocketAddress) holder.getLocalAddress()).getPort())) {
                ep.send(ascii("anyone?"));
                UncheckedIOException e = (UncheckedIOException) Asyncio.timeout(NetTests.BODY_TIMEOUT, () -> {
                    try {
                        ep.receive();
                        return null;
                    } catch (UncheckedIOException expected) {
                        return expected;
                    }
                });
                assertThat(e).isNotNull().hasCauseInstanceOf(PortUnreachableException.class);
                return e.getMessage();
            }
        });
        assertThat(message)
                .startsWith("receive (peer /127.0.0.1:")
                .contains("port unreachable")
                .doesNotContain("null");
    }

    @Test
    void aConnectedEndpointBoundToALocalAddressIsSeenFromThereByCpython() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        try (NetTests.Peer py = NetTests.Peer.python("udp_echo.py", "--whoami")) {
            int port = Integer.parseInt(py.await("PORT"));
            List<String> log = NetTests.run(() -> {
                // 127.0.0.2 is loopback too, but never the address the kernel would pick itself.
                try (DatagramEndpoint ep =
                        DatagramEndpoint.connect("127.0.0.1", port, new java.net.InetSocketAddress("127.0.0.2", 0))) {
                    ep.send(ascii("who?"));
                    Datagram d = Asyncio.timeout(NetTests.BODY_TIMEOUT, ep::receive);
                    return List.of(ascii(d.data()), "local " + ep.localAddress());
                }
            });
            assertThat(log.get(0)).isEqualTo("you are " + log.get(1).substring("local /".length()));
            assertThat(log.get(1)).startsWith("local /127.0.0.2:");
        }
    }
}
