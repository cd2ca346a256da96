package io.asyncio4j;

import io.asyncio4j.net.Resolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * asyncio's {@code sock_accept}, {@code sock_connect}, {@code sock_recv}, {@code sock_recv_into}
 * and {@code sock_sendall} on plain NIO channels: each tries the operation, and while the channel
 * is not ready parks the task on its loop's selector ({@link Loop#waitIo}), then tries again. The
 * public entry points are on {@link Loop}.
 */
final class SockOps {
    private SockOps() {}

    static SocketChannel accept(Loop loop, ServerSocketChannel server) throws IOException {
        Task<?> me = caller(loop, "sockAccept", server);
        SocketChannel accepted;
        while ((accepted = server.accept()) == null) {
            loop.waitIo(me, server, true);
        }
        accepted.configureBlocking(false);
        return accepted;
    }

    static void connect(Loop loop, SocketChannel channel, SocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        Task<?> me = caller(loop, "sockConnect", channel);
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            // asyncio resolves a host name first (getaddrinfo) and connects to the first answer.
            address = new InetSocketAddress(
                    Resolver.system().resolve(inet.getHostString()).get(0), inet.getPort());
        }
        if (channel.connect(address)) {
            return;
        }
        while (true) {
            loop.waitIo(me, channel, false);
            if (channel.finishConnect()) {
                return;
            }
        }
    }

    static int recvInto(Loop loop, SocketChannel channel, ByteBuffer buffer) throws IOException {
        return recvInto(loop, channel, buffer, "sockRecvInto");
    }

    private static int recvInto(Loop loop, SocketChannel channel, ByteBuffer buffer, String operation)
            throws IOException {
        Objects.requireNonNull(buffer, "buffer");
        Task<?> me = caller(loop, operation, channel);
        if (!buffer.hasRemaining()) {
            return 0;
        }
        int n;
        while ((n = channel.read(buffer)) == 0) {
            loop.waitIo(me, channel, true);
        }
        return n;
    }

    static byte[] recv(Loop loop, SocketChannel channel, int max) throws IOException {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, got " + max);
        }
        ByteBuffer buffer = ByteBuffer.allocate(max);
        int n = recvInto(loop, channel, buffer, "sockRecv");
        return n <= 0 ? new byte[0] : Arrays.copyOf(buffer.array(), n);
    }

    static void sendAll(Loop loop, SocketChannel channel, ByteBuffer data) throws IOException {
        Objects.requireNonNull(data, "data");
        Task<?> me = caller(loop, "sockSendall", channel);
        while (data.hasRemaining()) {
            if (channel.write(data) == 0) {
                loop.waitIo(me, channel, false);
            }
        }
    }

    /** The calling task, after checking it runs on {@code loop} and the channel does not block. */
    private static Task<?> caller(Loop loop, String operation, SelectableChannel channel) {
        Objects.requireNonNull(channel, "channel");
        Task<?> me = Task.currentOrThrow("Loop." + operation);
        if (me.loop != loop) {
            throw new IllegalStateException("Loop." + operation + " was called on loop " + loop.name()
                    + " from a task of loop " + me.loop.name() + "; call it on the task's own loop"
                    + " (Asyncio.currentLoop())");
        }
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("Loop." + operation + " needs a non-blocking channel: call"
                    + " channel.configureBlocking(false) first (asyncio's sock_* methods require the same)");
        }
        return me;
    }
}
