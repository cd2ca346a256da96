package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** asyncio's sock_* loop methods on plain non-blocking NIO channels. */
class LoopSocketsTest {
    private static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.configureBlocking(false);
        return server;
    }

    private static int port(ServerSocketChannel server) throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    @Test
    void aMegabyteMakesTheRoundTripIntactThroughAcceptConnectRecvAndSendall() throws Exception {
        byte[] payload = new byte[1 << 20];
        new Random(42).nextBytes(payload);
        List<String> log = new ArrayList<>();
        byte[] echoed = TestLoops.run(() -> {
            Loop loop = Asyncio.currentLoop();
            try (ServerSocketChannel server = listen()) {
                Task<Void> echo = Asyncio.createTask(() -> {
                    try (SocketChannel conn = loop.sockAccept(server)) {
                        log.add("accepted, blocking=" + conn.isBlocking());
                        byte[] chunk;
                        while ((chunk = loop.sockRecv(conn, 65536)).length > 0) {
                            loop.sockSendall(conn, chunk);
                        }
                        log.add("server saw EOF");
                    }
                });
                try (SocketChannel client = SocketChannel.open()) {
                    client.configureBlocking(false);
                    // A name, not an address: resolved off the loop first, as asyncio does.
                    loop.sockConnect(client, InetSocketAddress.createUnresolved("127.0.0.1", port(server)));
                    Task<Void> writer = Asyncio.createTask(() -> {
                        loop.sockSendall(client, payload);
                        client.shutdownOutput();
                    });
                    ByteBuffer in = ByteBuffer.allocate(payload.length + 1);
                    while (loop.sockRecvInto(client, in) >= 0) {
                        // until the echo server closes
                    }
                    log.add("client saw EOF");
                    Asyncio.gather(writer, echo);
                    return Arrays.copyOf(in.array(), in.position());
                }
            }
        });
        assertThat(echoed).isEqualTo(payload);
        assertThat(log).containsExactly("accepted, blocking=false", "server saw EOF", "client saw EOF");
    }

    @Test
    void aCancelledRecvConsumesNothing() throws Exception {
        List<String> log = TestLoops.run(() -> {
            Loop loop = Asyncio.currentLoop();
            List<String> seen = new ArrayList<>();
            try (ServerSocketChannel server = listen();
                    SocketChannel client = SocketChannel.open()) {
                client.configureBlocking(false);
                loop.sockConnect(client, server.getLocalAddress());
                try (SocketChannel conn = loop.sockAccept(server)) {
                    Task<byte[]> reader = Asyncio.createTask(() -> loop.sockRecv(conn, 100));
                    Asyncio.yieldNow(); // the reader parks on the selector
                    reader.cancel();
                    try {
                        reader.await();
                    } catch (CancelledError e) {
                        seen.add("reader cancelled");
                    }
                    loop.sockSendall(client, "hello".getBytes());
                    seen.add(new String(loop.sockRecv(conn, 100)));
                    client.close();
                    seen.add("after close: " + loop.sockRecv(conn, 100).length + " bytes, "
                            + loop.sockRecvInto(conn, ByteBuffer.allocate(10)));
                }
            }
            return seen;
        });
        assertThat(log).containsExactly("reader cancelled", "hello", "after close: 0 bytes, -1");
    }

    @Test
    void aCancelledSendallTellsHowMuchWentOut() throws Exception {
        int[] sent = TestLoops.run(() -> {
            Loop loop = Asyncio.currentLoop();
            try (ServerSocketChannel server = listen();
                    SocketChannel client = SocketChannel.open()) {
                client.configureBlocking(false);
                loop.sockConnect(client, server.getLocalAddress());
                try (SocketChannel conn = loop.sockAccept(server)) { // never reads
                    ByteBuffer data = ByteBuffer.allocate(64 << 20);
                    Task<Void> sender = Asyncio.createTask(() -> loop.sockSendall(client, data));
                    // The sender runs, fills the socket buffers and parks on the selector; only then,
                    // with nothing left to run, does the virtual clock move.
                    Asyncio.sleep(Duration.ofMillis(10));
                    sender.cancel();
                    assertThatThrownBy(sender::await).isInstanceOf(CancelledError.class);
                    return new int[] {data.position(), data.capacity()};
                }
            }
        });
        assertThat(sent[0]).isPositive().isLessThan(sent[1]);
    }

    @Test
    void aBlockingChannelOrAnotherLoopIsRefusedClearly() throws Exception {
        try (Loop other = Loop.open()) {
            TestLoops.run(() -> {
                Loop loop = Asyncio.currentLoop();
                try (SocketChannel blocking = SocketChannel.open();
                        SocketChannel plain = SocketChannel.open()) {
                    assertThatThrownBy(() -> loop.sockRecv(blocking, 10))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("Loop.sockRecv needs a non-blocking channel")
                            .hasMessageContaining("configureBlocking(false)");
                    plain.configureBlocking(false);
                    assertThatThrownBy(() -> other.sockSendall(plain, new byte[1]))
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("from a task of loop " + loop.name());
                    assertThatThrownBy(() -> loop.sockRecv(plain, -1))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("max must be >= 0");
                }
                return null;
            });
        }
        try (SocketChannel plain = SocketChannel.open()) {
            plain.configureBlocking(false);
            try (Loop loop = Loop.open()) {
                assertThatThrownBy(() -> loop.sockRecv(plain, 10))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Loop.sockRecv must be called from a task");
            }
        }
    }
}
