package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that start serving later, and streams over sockets made elsewhere (asyncio's {@code
 * start_serving=False}, {@code sock=} and {@code connect_accepted_socket}), against CPython peers.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AdoptedSocketsTest {
    @TempDir
    Path dir;

    private static final ConnectionHandler ECHO = (reader, writer) -> {
        byte[] line;
        while ((line = reader.readLine()).length > 0) {
            writer.write(ascii("echo: " + ascii(line)));
            writer.drain();
        }
    };

    @Test
    void aServerThatDoesNotStartServingAcceptsNothingUntilItDoes() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        List<String> log = NetTests.run(() -> {
            List<String> events = new ArrayList<>();
            Server server = Streams.startServer(
                    ECHO, "127.0.0.1", 0, ServerOptions.defaults().startServing(false));
            events.add("serving " + server.isServing());
            events.add("sockets " + server.sockets().size() + " at the bound address "
                    + server.sockets()
                            .get(0)
                            .getLocalAddress()
                            .equals(server.addresses().get(0)));
            try (NetTests.Peer py =
                    NetTests.Peer.python("held_client.py", Integer.toString(NetTests.port(server)), "hi")) {
                events.add(Asyncio.toThread(py::readLine));
                events.add("handlers run before startServing: " + server.activeConnections());
                server.startServing();
                server.startServing(); // harmless twice
                events.add("serving " + server.isServing());
                events.add(Asyncio.toThread(py::readLine));
            }
            server.close();
            events.add("sockets after close " + server.sockets().size());
            assertThatThrownBy(server::startServing).isInstanceOf(IllegalStateException.class);
            server.waitClosed();
            return events;
        });
        assertThat(log)
                .containsExactly(
                        "serving false",
                        "sockets 1 at the bound address true",
                        "CONNECTED",
                        "handlers run before startServing: 0",
                        "serving true",
                        "got echo: hi",
                        "sockets after close 0");
    }

    @Test
    void serveForeverStartsAServerThatWasNotServing() throws Exception {
        List<String> log = NetTests.run(() -> {
            Server server = Streams.startServer(
                    ECHO, "127.0.0.1", 0, ServerOptions.defaults().startServing(false));
            Task<Void> forever = Asyncio.createTask(server::serveForever);
            StreamPair conn = Streams.openConnection("127.0.0.1", NetTests.port(server));
            conn.writer().write(ascii("x\n"));
            String answer = ascii(conn.reader().readLine());
            conn.close();
            forever.cancel();
            Asyncio.gatherSettled(List.of(forever));
            server.waitClosed();
            return List.of(answer, "serving " + server.isServing());
        });
        assertThat(log).containsExactly("echo: x\n", "serving false");
    }

    @Test
    void aListenerBoundElsewhereServesACpythonClient() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        List<String> printed = NetTests.run(() -> {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            Server server = Streams.startServer(ECHO, listener, ServerOptions.defaults());
            int port = NetTests.port(server);
            List<String> out = Asyncio.toThread(() -> {
                try (NetTests.Peer py = NetTests.Peer.python("line_client.py", Integer.toString(port), "a", "b")) {
                    return py.rest();
                }
            });
            server.close();
            server.waitClosed();
            out.add("listener open after close: " + listener.isOpen());
            return out;
        });
        assertThat(printed).containsExactly("got echo: a", "got echo: b", "eof", "listener open after close: false");
    }

    @Test
    void aUnixListenerBoundElsewhereKeepsItsFile() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        Path path = dir.resolve("adopted.sock");
        List<String> printed = NetTests.run(() -> {
            ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(path));
            Server server = Streams.startServer(ECHO, listener, ServerOptions.defaults());
            List<String> out = Asyncio.toThread(() -> {
                try (NetTests.Peer py = NetTests.Peer.python("line_client.py", "--unix", path.toString(), "u")) {
                    return py.rest();
                }
            });
            server.close();
            server.waitClosed();
            out.add("file kept " + Files.exists(path));
            return out;
        });
        assertThat(printed).containsExactly("got echo: u", "eof", "file kept true");
    }

    @Test
    void aChannelConnectedElsewhereTalksToACpythonServer() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        try (NetTests.Peer py = NetTests.Peer.python("echo_server.py")) {
            int port = Integer.parseInt(py.await("PORT"));
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                SocketChannel unconnected = SocketChannel.open();
                assertThatThrownBy(() -> Streams.openConnection(unconnected, ConnectOptions.defaults()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("connect it first");
                unconnected.close();
                // Connected in blocking mode, outside asyncio4j, then handed over.
                SocketChannel ch = Asyncio.toThread(() -> SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
                StreamPair conn = Streams.openConnection(ch, ConnectOptions.defaults());
                out.add("peer " + conn.writer().peerAddress());
                conn.writer().write(ascii("one\n"));
                out.add(ascii(conn.reader().readLine()));
                conn.writer().writeEof();
                out.add(ascii(conn.reader().read()));
                conn.close();
                conn.writer().waitClosed();
                out.add("channel open " + ch.isOpen());
                return out;
            });
            assertThat(log).containsExactly("peer /127.0.0.1:" + port, "echo: one\n", "bye 4\n", "channel open false");
        }
    }

    @Test
    void aConnectionAcceptedElsewhereServesACpythonClient() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        List<String> printed = NetTests.run(() -> {
            List<String> served = Collections.synchronizedList(new ArrayList<>());
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.configureBlocking(false);
                int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
                Task<List<String>> client = Asyncio.createTask(() -> Asyncio.toThread(() -> {
                    try (NetTests.Peer py = NetTests.Peer.python("line_client.py", Integer.toString(port), "x")) {
                        return py.rest();
                    }
                }));
                SocketChannel accepted = Asyncio.currentLoop().sockAccept(listener);
                try (SocketChannel unconnected = SocketChannel.open()) {
                    assertThatThrownBy(() -> Streams.connectAcceptedSocket(unconnected, ServerOptions.defaults()))
                            .isInstanceOf(IllegalArgumentException.class);
                }
                StreamPair conn = Streams.connectAcceptedSocket(accepted, ServerOptions.defaults());
                ECHO.handle(conn.reader(), conn.writer());
                served.add("served");
                conn.close();
                conn.writer().waitClosed();
                List<String> out = new ArrayList<>(client.await());
                out.addAll(served);
                return out;
            }
        });
        assertThat(printed).containsExactly("got echo: x", "eof", "served");
    }
}
