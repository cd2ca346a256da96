package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.internal.net.NetLoop;
import io.asyncio4j.lowlevel.IoWait;
import io.asyncio4j.lowlevel.Parking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.List;

/**
 * A UDP socket on the loop's selector: asyncio's datagram endpoint, as awaitable calls instead of a
 * protocol. {@link #bind} makes an unconnected endpoint (a server, or a client that talks to many
 * peers), {@link #connect} one tied to a single peer.
 *
 * {@snippet :
 * try (DatagramEndpoint server = DatagramEndpoint.bind("127.0.0.1", 9999)) {
 *     while (true) {
 *         Datagram d = server.receive();
 *         server.send(d.data(), d.sender()); // echo
 *     }
 * }
 * }
 *
 * <p>An endpoint belongs to the loop of the task that made it. One task at a time may wait in
 * {@link #receive()} and one in {@code send}. I/O errors are thrown as {@link UncheckedIOException}
 * naming the operation, the peer and the cause: for a connected endpoint, an ICMP "port unreachable"
 * answering an earlier datagram arrives on a later call as a {@link
 * java.net.PortUnreachableException} inside it (as asyncio's {@code error_received} with {@code
 * ConnectionRefusedError}); an unconnected endpoint never hears of it, as in asyncio.
 */
public final class DatagramEndpoint implements AutoCloseable {
    /** The largest datagram {@link #receive()} returns whole; longer ones are truncated by the OS. */
    public static final int MAX_DATAGRAM = NetLoop.READ_SIZE;

    private final Loop loop;
    private final DatagramChannel channel;
    private final NetLoop net;
    private final SocketAddress remote;
    private boolean closed;

    private DatagramEndpoint(Loop loop, DatagramChannel channel, SocketAddress remote) {
        this.loop = loop;
        this.channel = channel;
        this.net = NetLoop.of(loop);
        this.remote = remote;
    }

    /**
     * An unconnected endpoint bound to {@code host:port} (port 0: any free port; host null: every
     * interface). Resolves the host off the loop.
     */
    public static DatagramEndpoint bind(String host, int port) throws IOException {
        Loop loop = loopOfCaller("DatagramEndpoint.bind");
        InetSocketAddress local = host == null || host.isEmpty()
                ? new InetSocketAddress(port)
                : new InetSocketAddress(Resolver.system().resolve(host).get(0), port);
        DatagramChannel ch = open(local.getAddress());
        try {
            ch.bind(local);
            return new DatagramEndpoint(loop, ch, null);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * An endpoint connected to {@code host:port}, bound to a free local port: it only exchanges
     * datagrams with that peer. Resolves the host off the loop.
     */
    public static DatagramEndpoint connect(String host, int port) throws IOException {
        return connect(host, port, null);
    }

    /**
     * An endpoint connected to {@code host:port} and bound to {@code local} (asyncio's {@code
     * local_addr} with {@code remote_addr}): the peer sees datagrams come from that address, port 0
     * picking a free port. Resolves the host off the loop.
     *
     * @param local the local address to bind, or null for any
     */
    public static DatagramEndpoint connect(String host, int port, InetSocketAddress local) throws IOException {
        Loop loop = loopOfCaller("DatagramEndpoint.connect");
        List<InetAddress> addresses = Resolver.system().resolve(host);
        InetSocketAddress target = new InetSocketAddress(addresses.get(0), port);
        DatagramChannel ch = open(target.getAddress());
        try {
            if (local != null) {
                ch.bind(local);
            }
            ch.connect(target);
            return new DatagramEndpoint(loop, ch, target);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static Loop loopOfCaller(String operation) {
        Parking.currentTask(operation);
        return Asyncio.currentLoop();
    }

    private static DatagramChannel open(InetAddress address) throws IOException {
        DatagramChannel ch = address instanceof Inet6Address
                ? DatagramChannel.open(StandardProtocolFamily.INET6)
                : address.isAnyLocalAddress()
                        ? DatagramChannel.open()
                        : DatagramChannel.open(StandardProtocolFamily.INET);
        ch.configureBlocking(false);
        return ch;
    }

    /**
     * Sends {@code data} as one datagram to the connected peer.
     *
     * <p><b>Cancellation.</b> When cancelled while the socket's buffer is full, nothing is sent.
     *
     * @throws IllegalStateException if the endpoint is not connected
     */
    public void send(byte[] data) {
        if (remote == null) {
            throw new IllegalStateException("send(data) needs a connected endpoint; use send(data, target)");
        }
        send(data, null);
    }

    /**
     * Sends {@code data} as one datagram to {@code target} (null: the connected peer). Parks only
     * while the socket's send buffer is full.
     *
     * <p><b>Cancellation.</b> When cancelled while parked, nothing is sent.
     */
    public void send(byte[] data, SocketAddress target) {
        checkThread("send");
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            while (true) {
                int n = target == null ? channel.write(b) : channel.send(b, target);
                if (n > 0 || data.length == 0) {
                    return;
                }
                IoWait.writable(channel);
                checkOpen("send");
            }
        } catch (IOException e) {
            throw failure("send", target == null ? remote : target, e);
        }
    }

    /**
     * Parks until a datagram arrives and returns it with its sender.
     *
     * <p><b>Cancellation.</b> Nothing is received: a datagram that arrives later waits for the next
     * call.
     */
    public Datagram receive() {
        checkThread("receive");
        try {
            while (true) {
                ByteBuffer buf = net.takeReadBuffer();
                try {
                    SocketAddress sender = channel.receive(buf);
                    if (sender != null) {
                        buf.flip();
                        byte[] data = new byte[buf.remaining()];
                        buf.get(data);
                        return new Datagram(data, sender);
                    }
                } finally {
                    net.giveBack(buf);
                }
                IoWait.readable(channel);
                checkOpen("receive");
            }
        } catch (IOException e) {
            throw failure("receive", remote, e);
        }
    }

    /** An I/O error as thrown to the caller: naming the operation, the peer and the cause. */
    private UncheckedIOException failure(String operation, SocketAddress peer, IOException e) {
        String cause;
        if (e instanceof PortUnreachableException) {
            cause = "port unreachable (the peer's host answered ICMP port unreachable to an earlier datagram:"
                    + " nothing listens there)";
        } else {
            cause = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        }
        String where = peer != null ? " (peer " + peer + ", local " + localOrNull() + ")" : "";
        return new UncheckedIOException(operation + where + ": " + cause, e);
    }

    private SocketAddress localOrNull() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Joins the multicast {@code group} on {@code networkInterface}; drop the returned key to leave.
     */
    public MembershipKey joinGroup(InetAddress group, NetworkInterface networkInterface) throws IOException {
        checkThread("joinGroup");
        return channel.join(group, networkInterface);
    }

    /** Sets a socket option ({@code SO_BROADCAST}, {@code IP_MULTICAST_TTL}, {@code SO_RCVBUF}, ...). */
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        checkThread("setOption");
        channel.setOption(option, value);
    }

    /** Allows sending to broadcast addresses ({@code SO_BROADCAST}). */
    public void allowBroadcast() throws IOException {
        setOption(StandardSocketOptions.SO_BROADCAST, true);
    }

    /** The bound local address (with the port chosen for port 0). */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The connected peer, or null for an unconnected endpoint. */
    public SocketAddress remoteAddress() {
        return remote;
    }

    /** Closes the socket; a task waiting in {@link #receive()} or {@code send} gets an error. */
    @Override
    public void close() {
        checkThread("close");
        if (closed) {
            return;
        }
        closed = true;
        IoWait.forget(channel);
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private void checkThread(String operation) {
        Parking.checkThread(loop, "DatagramEndpoint." + operation);
    }

    private void checkOpen(String operation) throws IOException {
        if (closed) {
            throw new IOException(operation + ": the endpoint was closed");
        }
    }

    @Override
    public String toString() {
        return "DatagramEndpoint[" + (remote != null ? "connected to " + remote : "unconnected")
                + (closed ? ", closed" : "") + "]";
    }
}
