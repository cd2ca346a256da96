package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static io.asyncio4j.net.NetTests.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connecting: timeouts, happy eyeballs, cancellation, and resolution off the loop. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectTest {

    /**
     * A listening socket on 127.0.0.2 whose accept queue is full and never drained: further connects
     * to it hang (the kernel drops their SYNs), as to a host that does not answer. Loopback and
     * Linux only: the queue's length is read from /proc/net/tcp.
     */
    static final class Blackhole implements AutoCloseable {
        private static final int BACKLOG = 1;
        private static final Path PROC_NET_TCP = Path.of("/proc/net/tcp");

        final ServerSocketChannel listener;
        final List<StreamPair> fillers = new ArrayList<>();
        final int port;

        Blackhole(int port) throws IOException {
            assumeTrue(Files.isReadable(PROC_NET_TCP), "needs Linux's /proc/net/tcp to see the accept queue");
            listener = ServerSocketChannel.open(StandardProtocolFamily.INET); // listed in /proc/net/tcp
            listener.bind(new InetSocketAddress("127.0.0.2", port), BACKLOG);
            this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        }

        /**
         * Fills the queue (in a task). Linux queues backlog + 1 connections and drops the SYNs of
         * any more; each filler is counted in the queue only once the kernel has taken it, which can
         * lag behind the client's side of the handshake, so the next connect waits for that.
         */
        void fill() throws Exception {
            while (awaitQueued(fillers.size()) <= BACKLOG) {
                fillers.add(Streams.openConnection(
                        "127.0.0.2", port, ConnectOptions.defaults().connectTimeout(Duration.ofSeconds(30))));
            }
        }

        /** Waits until the accept queue holds at least {@code n} connections; returns its length. */
        private long awaitQueued(int n) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long queued;
            while ((queued = queued()) < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the accept queue of 127.0.0.2:" + port + " holds " + queued + ", not " + n);
                }
                Asyncio.sleep(Duration.ofMillis(1));
            }
            return queued;
        }

        /** The accept queue's length: the rx_queue of the listening socket's line (state 0A). */
        private long queued() throws IOException {
            String local = String.format("0200007F:%04X", port);
            for (String line : Files.readAllLines(PROC_NET_TCP)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 4 && f[1].equals(local) && f[3].equals("0A")) {
                    return Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                }
            }
            throw new IllegalStateException("no listening socket 127.0.0.2:" + port + " in " + PROC_NET_TCP);
        }

        @Override
        public void close() throws IOException {
            fillers.forEach(StreamPair::close);
            listener.close();
        }
    }

    @Test
    void theConnectTimeoutFiresOnAHostThatDoesNotAnswer() throws Exception {
        NetTests.run(() -> {
            try (Blackhole hole = new Blackhole(0)) {
                hole.fill();
                long start = System.nanoTime();
                assertThatThrownBy(() -> Streams.openConnection(
                                "127.0.0.2",
                                hole.port,
                                ConnectOptions.defaults().connectTimeout(Duration.ofMillis(300))))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("connecting to 127.0.0.2:" + hole.port + " timed out after PT0.3S");
                assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(300_000_000L);
            }
            return null;
        });
    }

    @Test
    void happyEyeballsMovesToTheNextAddressAfterTheDelay() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Server server = Streams.startServer((reader, writer) -> writer.write(ascii("hi\n")), "127.0.0.1", 0);
            try (Blackhole hole = new Blackhole(port(server))) {
                hole.fill();
                Resolver twoAddresses =
                        host -> List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.1"));
                // One after the other: stuck on the first address until the timeout.
                try {
                    Streams.openConnection(
                            "service",
                            port(server),
                            ConnectOptions.defaults().resolver(twoAddresses).connectTimeout(Duration.ofMillis(400)));
                } catch (SocketTimeoutException e) {
                    out.add("in order: timed out on the silent address");
                }
                // Happy eyeballs: the second attempt starts after 100 ms and wins. The connect
                // timeout covers all attempts, so without happy eyeballs this would time out on
                // the silent address; connecting at all is the proof, not how fast it went.
                long start = System.nanoTime();
                StreamPair conn = Streams.openConnection(
                        "service",
                        port(server),
                        ConnectOptions.defaults()
                                .resolver(twoAddresses)
                                .happyEyeballsDelay(Duration.ofMillis(100))
                                .connectTimeout(Duration.ofSeconds(30)));
                long ms = (System.nanoTime() - start) / 1_000_000;
                out.add("happy eyeballs: connected to " + conn.writer().peerAddress() + " after the delay: "
                        + (ms >= 100));
                out.add(ascii(conn.reader().readLine()).strip());
                conn.close();
            }
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log.get(0)).isEqualTo("in order: timed out on the silent address");
        assertThat(log.get(1)).matches("happy eyeballs: connected to /127.0.0.1:\\d+ after the delay: true");
        assertThat(log.get(2)).isEqualTo("hi");
    }

    @Test
    void cancellingAConnectClosesItsSocket() throws Exception {
        NetTests.run(() -> {
            try (Blackhole hole = new Blackhole(0)) {
                hole.fill();
                long before = openSockets();
                Task<StreamPair> connecting = Asyncio.createTask(() -> Streams.openConnection("127.0.0.2", hole.port));
                Asyncio.sleep(Duration.ofMillis(50));
                connecting.cancel();
                assertThatThrownBy(connecting::await).isInstanceOf(CancelledError.class);
                // The selector drops the cancelled key at its next select, which closes the fd.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (openSockets() > before && System.nanoTime() < deadline) {
                    Asyncio.sleep(Duration.ofMillis(10));
                }
                assertThat(openSockets()).isLessThanOrEqualTo(before);
            }
            return null;
        });
    }

    @Test
    void hostNamesAreResolvedOffTheLoopAndCached() throws Exception {
        List<String> lookups = Collections.synchronizedList(new ArrayList<>());
        // A slow DNS server: it answers only once the loop has ticked five times, which it cannot
        // do if the lookup holds the loop's thread.
        CountDownLatch fiveTicks = new CountDownLatch(5);
        SystemResolver resolver = new SystemResolver(Duration.ofSeconds(30), host -> {
            lookups.add(host + " on " + Thread.currentThread().getName());
            try {
                if (!fiveTicks.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the loop did not tick during the lookup");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (host.endsWith(".invalid")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        });
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            AtomicInteger ticks = new AtomicInteger();
            Task<Void> ticker = Asyncio.createTask(() -> {
                while (true) {
                    Asyncio.sleep(Duration.ofMillis(5));
                    ticks.incrementAndGet();
                    fiveTicks.countDown();
                }
            });
            out.add("first: " + resolver.resolve("db.example"));
            out.add("the loop ran during the lookup: " + (ticks.get() >= 5));
            out.add("second (cached): " + resolver.resolve("DB.example"));
            out.add("literal: " + resolver.resolve("127.0.0.1") + " " + resolver.resolve("[::1]"));
            for (int i = 0; i < 2; i++) {
                try {
                    resolver.resolve("nowhere.invalid");
                } catch (UnknownHostException e) {
                    out.add("failed: " + e.getMessage());
                }
            }
            ticker.cancel();
            return out;
        });
        String loopback = InetAddress.getLoopbackAddress().toString();
        assertThat(log)
                .containsExactly(
                        "first: [" + loopback + "]",
                        "the loop ran during the lookup: true",
                        "second (cached): [" + loopback + "]",
                        "literal: [/127.0.0.1] [/0:0:0:0:0:0:0:1]",
                        "failed: nowhere.invalid",
                        "failed: nowhere.invalid");
        // One lookup for the cached name, two for the failing one (failures are not cached), none for
        // literals; all on the loop's executor threads.
        assertThat(lookups).hasSize(3).allSatisfy(l -> assertThat(l).contains("-worker-"));
    }

    @Test
    void addressFamiliesAreInterleavedForHappyEyeballs() throws Exception {
        InetAddress v6a = InetAddress.getByName("::1");
        InetAddress v6b = InetAddress.getByName("fe80::1");
        InetAddress v4a = InetAddress.getByName("127.0.0.1");
        InetAddress v4b = InetAddress.getByName("127.0.0.2");
        assertThat(Resolvers.interleave(List.of(v6a, v6b, v4a, v4b))).containsExactly(v6a, v4a, v6b, v4b);
        assertThat(Resolvers.interleave(List.of(v4a, v4b, v6a))).containsExactly(v4a, v6a, v4b);
        assertThat(Resolvers.isLiteral("127.0.0.1")).isTrue();
        assertThat(Resolvers.isLiteral("[::1]")).isTrue();
        assertThat(Resolvers.isLiteral("1.2.3")).isFalse();
        assertThat(Resolvers.isLiteral("example.com")).isFalse();
        assertThat(Resolvers.isLiteral("1234.1.1.1")).isFalse();
    }

    /** Open socket descriptors of this JVM: other files (jars opened by class loading) do not count. */
    private static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                        } catch (IOException gone) {
                            return false; // closed since it was listed
                        }
                    })
                    .count();
        }
    }

    @Test
    void allErrorsGathersEveryAttemptInTheOrderTheyStarted() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            // A bound socket that does not listen: connects to its port are refused, and while it
            // is open no other program can take the port (a port merely closed could be reused).
            java.nio.channels.SocketChannel holder = java.nio.channels.SocketChannel.open();
            holder.bind(new java.net.InetSocketAddress("0.0.0.0", 0));
            int closedPort = ((java.net.InetSocketAddress) holder.getLocalAddress()).getPort();
            InetAddress a1 = InetAddress.getByName("127.0.0.1");
            InetAddress a2 = InetAddress.getByName("127.0.0.2");
            Resolver one = host -> List.of(a1);
            Resolver two = host -> List.of(a1, a2);
            for (var c : List.of(
                    java.util.Map.entry(
                            "one, default", ConnectOptions.defaults().resolver(one)),
                    java.util.Map.entry(
                            "one, allErrors",
                            ConnectOptions.defaults().resolver(one).allErrors(true)),
                    java.util.Map.entry(
                            "two in order, allErrors",
                            ConnectOptions.defaults().resolver(two).allErrors(true)),
                    java.util.Map.entry(
                            "two happy eyeballs, allErrors",
                            ConnectOptions.defaults()
                                    .resolver(two)
                                    .happyEyeballsDelay(Duration.ofSeconds(5))
                                    .allErrors(true)))) {
                try {
                    Streams.openConnection("service", closedPort, c.getValue());
                    out.add(c.getKey() + ": connected?");
                } catch (java.net.ConnectException e) {
                    List<String> attempts = new ArrayList<>();
                    for (Throwable t : e.getSuppressed()) {
                        attempts.add(
                                t.getMessage().replace(":" + closedPort, ":P").replaceAll(" failed: .*", ""));
                    }
                    out.add(c.getKey() + ": " + attempts);
                }
            }
            holder.close();
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "one, default: []",
                        "one, allErrors: [connect to /127.0.0.1:P]",
                        "two in order, allErrors: [connect to /127.0.0.1:P, connect to /127.0.0.2:P]",
                        "two happy eyeballs, allErrors: [connect to /127.0.0.1:P, connect to /127.0.0.2:P]");
    }
}
