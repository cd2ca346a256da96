package io.asyncio4j;

import io.asyncio4j.net.Datagram;
import io.asyncio4j.net.Resolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * asyncio's {@code sock_accept}, {@code sock_connect}, {@code sock_recv}, {@code sock_recv_into},
 * {@code sock_sendall}, {@code sock_recvfrom}, {@code sock_recvfrom_into}, {@code sock_sendto} and
 * {@code sock_sendfile} on plain NIO channels: each tries the operation, and while the channel
 * is not ready parks the task on its loop's selector ({@link LoopIo#waitFor}), then tries again. The
 * public entry points are on {@link Loop}.
 *
 * <p>It stays in {@code io.asyncio4j} rather than {@code internal.io} because it parks the calling
 * task through {@code LoopIo.waitFor} and {@code Task}'s cancellation checks, which are
 * package-private so that users cannot park or wake tasks behind the loop's back.
 */
final class SockOps {
    private SockOps() {}

    static SocketChannel accept(Loop loop, ServerSocketChannel server) throws IOException {
        Task<?> me = caller(loop, "sockAccept", server);
        SocketChannel accepted;
        while ((accepted = server.accept()) == null) {
            loop.io.waitFor(me, server, true);
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
            loop.io.waitFor(me, channel, false);
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
            loop.io.waitFor(me, channel, true);
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
                loop.io.waitFor(me, channel, false);
            }
        }
    }

    static Datagram recvfrom(Loop loop, DatagramChannel channel, int max) throws IOException {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, got " + max);
        }
        ByteBuffer buffer = ByteBuffer.allocate(max);
        SocketAddress sender = recvfromInto(loop, channel, buffer, "sockRecvfrom");
        return new Datagram(Arrays.copyOf(buffer.array(), buffer.position()), sender);
    }

    static SocketAddress recvfromInto(Loop loop, DatagramChannel channel, ByteBuffer buffer, String operation)
            throws IOException {
        Objects.requireNonNull(buffer, "buffer");
        Task<?> me = caller(loop, operation, channel);
        SocketAddress sender;
        while ((sender = channel.receive(buffer)) == null) {
            loop.io.waitFor(me, channel, true);
        }
        return sender;
    }

    static int sendto(Loop loop, DatagramChannel channel, ByteBuffer data, SocketAddress target) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(target, "target");
        Task<?> me = caller(loop, "sockSendto", channel);
        if (target instanceof InetSocketAddress inet && inet.isUnresolved()) {
            target = new InetSocketAddress(
                    Resolver.system().resolve(inet.getHostString()).get(0), inet.getPort());
        }
        int size = data.remaining();
        while (channel.send(data, target) == 0 && size > 0) {
            loop.io.waitFor(me, channel, false);
        }
        return size;
    }

    static long sendfile(Loop loop, SocketChannel channel, FileChannel file, long offset, long count)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Task<?> me = caller(loop, "sockSendfile", channel);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        long end = count < 0 ? file.size() : offset + count;
        long position = offset;
        try {
            while (position < end) {
                long n = file.transferTo(position, end - position, channel);
                if (n > 0) {
                    position += n;
                } else if (position >= file.size()) {
                    break; // the file is shorter than asked
                } else {
                    loop.io.waitFor(me, channel, false);
                }
            }
        } finally {
            // As asyncio: the file's position tells how far it was sent, also when cancelled.
            file.position(position);
        }
        return position - offset;
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
