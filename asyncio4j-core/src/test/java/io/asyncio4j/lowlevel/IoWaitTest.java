package io.asyncio4j.lowlevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoWaitTest {
    @Test
    void tasksWaitForNonBlockingChannelsOnTheLoopsOwnSelector() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open();
                ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            String echoed = loop.run(() -> {
                Task<Void> echo = Asyncio.createTask(() -> {
                    SocketChannel conn;
                    while ((conn = server.accept()) == null) {
                        IoWait.readable(server);
                    }
                    log.add("accepted");
                    conn.configureBlocking(false);
                    ByteBuffer buf = ByteBuffer.allocate(64);
                    while (buf.position() < 5) {
                        if (conn.read(buf) == 0) {
                            IoWait.readable(conn);
                        }
                    }
                    buf.flip();
                    while (buf.hasRemaining()) {
                        if (conn.write(buf) == 0) {
                            IoWait.writable(conn);
                        }
                    }
                    IoWait.forget(conn);
                    conn.close();
                });
                SocketChannel client = SocketChannel.open();
                client.configureBlocking(false);
                if (!client.connect(server.getLocalAddress())) {
                    IoWait.writable(client);
                    client.finishConnect();
                }
                log.add("connected");
                client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer in = ByteBuffer.allocate(5);
                while (in.hasRemaining()) {
                    if (client.read(in) == 0) {
                        IoWait.readable(client);
                    }
                }
                echo.await();
                IoWait.forget(client);
                client.close();
                return new String(in.array(), StandardCharsets.US_ASCII);
            });
            assertThat(echoed).isEqualTo("hello");
        }
        assertThat(log).contains("accepted", "connected");
    }

    @Test
    void aCancelledIoWaitWithdrawsItsInterest() throws Exception {
        try (Loop loop = Loop.open();
                ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            loop.run(() -> {
                Task<Void> waiter = Asyncio.createTask(() -> IoWait.readable(server));
                Asyncio.yieldNow();
                waiter.cancel();
                assertThatThrownBy(waiter::await).isInstanceOf(CancelledError.class);
                Task<Void> second = Asyncio.createTask(() -> IoWait.readable(server));
                Asyncio.yieldNow();
                second.cancel();
                assertThatThrownBy(second::await).isInstanceOf(CancelledError.class);
                IoWait.forget(server);
                return null;
            });
        }
    }

    @Test
    void addReaderRunsACallbackOnTheLoopForEachReadinessUntilRemoved() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open();
                ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            loop.run(() -> {
                io.asyncio4j.Future<Void> twoAccepted = new io.asyncio4j.Future<>();
                List<SocketChannel> accepted = new ArrayList<>();
                loop.addReader(server, () -> {
                    try {
                        SocketChannel c = server.accept();
                        if (c != null) {
                            accepted.add(c);
                            log.add("accepted on " + Thread.currentThread().getName());
                            if (accepted.size() == 2) {
                                twoAccepted.setResult(null);
                            }
                        }
                    } catch (java.io.IOException e) {
                        twoAccepted.setException(e);
                    }
                });
                SocketChannel a = SocketChannel.open(server.getLocalAddress());
                SocketChannel b = SocketChannel.open(server.getLocalAddress());
                twoAccepted.await();
                assertThat(loop.removeReader(server)).isTrue();
                assertThat(loop.removeReader(server)).isFalse();
                for (SocketChannel c : accepted) {
                    IoWait.forget(c);
                    c.close();
                }
                a.close();
                b.close();
                IoWait.forget(server);
                return null;
            });
            assertThat(log).containsExactly("accepted on " + loop.name(), "accepted on " + loop.name());
        }
    }
}
