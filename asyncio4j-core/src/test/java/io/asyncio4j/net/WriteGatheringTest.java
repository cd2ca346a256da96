package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writes one loop turn makes on a socket go out together at the end of the turn; every promise
 * of a StreamWriter holds meanwhile: order, drain's back-pressure, close sending what was written,
 * errors reported. The peer is a plain blocking JDK socket read on another thread.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WriteGatheringTest {
    /** How long a peer's read may block before the test fails instead of hanging. */
    private static final int PEER_READ_TIMEOUT_MS = 20_000;

    /** A connection from a loop to a blocking JDK socket. */
    private record Link(StreamPair conn, Socket peer) implements AutoCloseable {
        static Link open(ServerSocket listener) throws Exception {
            StreamPair conn = Streams.openConnection("127.0.0.1", listener.getLocalPort());
            Socket peer = Asyncio.toThread(listener::accept);
            peer.setSoTimeout(PEER_READ_TIMEOUT_MS);
            return new Link(conn, peer);
        }

        StreamWriter writer() {
            return conn.writer();
        }

        byte[] peerReadAll() throws Exception {
            return Asyncio.toThread(() -> peer.getInputStream().readAllBytes());
        }

        @Override
        public void close() throws Exception {
            conn.writer().abort();
            peer.close();
        }
    }

    private static ServerSocket listener() throws Exception {
        return new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    }

    @Test
    void theWritesOfOneTurnWaitForItsEndAndArriveInOrderBeforeTheClose() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            try (ServerSocket listener = listener();
                    Link link = Link.open(listener)) {
                StreamWriter w = link.writer();
                Random random = new Random(17);
                ByteArrayOutputStream sent = new ByteArrayOutputStream();
                // 2,000 writes in one turn: small ones gathered, some above the copy limit among them.
                for (int i = 0; i < 2000; i++) {
                    byte[] b = new byte[i % 250 == 125 ? 20_000 + i : 1 + random.nextInt(100)];
                    random.nextBytes(b);
                    w.write(b);
                    sent.write(b);
                    if (i == 0) {
                        out.add("the first write waits for the end of the turn: " + (w.bufferedBytes() == b.length));
                    }
                }
                w.close();
                byte[] received = link.peerReadAll(); // up to the end of the stream
                out.add("the peer got every byte in order: " + Arrays.equals(received, sent.toByteArray()));
                w.waitClosed();
                out.add("closed");
            }
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "the first write waits for the end of the turn: true",
                        "the peer got every byte in order: true",
                        "closed");
    }

    @Test
    void aWriteLeavesOnceTheWriterParksEvenWhenTheLoopOnlyTalksToAThread() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            try (ServerSocket listener = listener();
                    Link link = Link.open(listener)) {
                for (int round = 0; round < 3; round++) {
                    link.writer().write(ascii("ping" + round));
                    // The writer parks for a thread that waits for those very bytes: the turn's end
                    // must send them although no I/O readiness wakes the loop.
                    out.add(Asyncio.toThread(
                            () -> ascii(link.peer().getInputStream().readNBytes(5))));
                }
            }
            return out;
        });
        assertThat(log).containsExactly("ping0", "ping1", "ping2");
    }

    @Test
    void manySmallWritesOfOneTurnAboveTheHighWaterMarkMakeDrainWait() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            try (ServerSocket listener = listener();
                    Link link = Link.open(listener)) {
                StreamWriter w = link.writer();
                byte[] kib = new byte[1024];
                for (int i = 0; i < 100; i++) {
                    Arrays.fill(kib, (byte) i);
                    w.write(kib);
                }
                out.add("buffered before drain above the high water mark: " + (w.bufferedBytes() > 64 * 1024));
                Task<byte[]> reading = Asyncio.createTask(() ->
                        Asyncio.toThread(() -> link.peer().getInputStream().readNBytes(100 * 1024)));
                w.drain();
                out.add("after drain at most the low water mark: " + (w.bufferedBytes() <= 16 * 1024));
                byte[] received = reading.await();
                boolean intact = received.length == 100 * 1024;
                for (int i = 0; i < received.length && intact; i++) {
                    intact = received[i] == (byte) (i / 1024);
                }
                out.add("the peer got all 100 KiB in order: " + intact);
            }
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "buffered before drain above the high water mark: true",
                        "after drain at most the low water mark: true",
                        "the peer got all 100 KiB in order: true");
    }

    @Test
    void aBigWriteThatOnlyPartlyGoesOutKeepsItsPlaceBetweenSmallOnes() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            try (ServerSocket listener = listener()) {
                listener.setReceiveBufferSize(16 * 1024);
                try (Link link = Link.open(listener)) {
                    StreamWriter w = link.writer();
                    w.setOption(StandardSocketOptions.SO_SNDBUF, 16 * 1024);
                    byte[] big = new byte[4 << 20];
                    new Random(4).nextBytes(big);
                    w.write(ascii("head"));
                    w.write(big);
                    long buffered = w.bufferedBytes();
                    out.add("part of the big write went out at once, the rest is buffered: "
                            + (buffered > 0 && buffered < big.length));
                    Arrays.fill(big, (byte) 0); // the writer must have copied what it kept
                    w.write(ascii("tail"));
                    Task<byte[]> reading = Asyncio.createTask(link::peerReadAll);
                    w.drain();
                    w.close();
                    w.waitClosed();
                    byte[] received = reading.await();
                    byte[] expected = new byte[4 + big.length + 4];
                    System.arraycopy(ascii("head"), 0, expected, 0, 4);
                    new Random(4).nextBytes(big);
                    System.arraycopy(big, 0, expected, 4, big.length);
                    System.arraycopy(ascii("tail"), 0, expected, 4 + big.length, 4);
                    out.add("the peer got head, the big write and tail in order: " + Arrays.equals(received, expected));
                }
            }
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "part of the big write went out at once, the rest is buffered: true",
                        "the peer got head, the big write and tail in order: true");
    }

    @Test
    void aWriteAfterThePeerResetIsReportedByTheNextCall() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            try (ServerSocket listener = listener();
                    Link link = Link.open(listener)) {
                Asyncio.toThread(() -> {
                    link.peer().setSoLinger(true, 0); // close() sends RST
                    link.peer().close();
                    return null;
                });
                StreamWriter w = link.writer();
                UncheckedIOException reported = null;
                // Bounded: the reset is on its way through loopback; a few turns see it at most.
                for (int i = 0; i < 1000 && reported == null; i++) {
                    try {
                        w.write(ascii("x"));
                        w.drain();
                        Asyncio.yieldNow(); // ends the turn: the write goes out, or fails
                    } catch (UncheckedIOException e) {
                        reported = e;
                    }
                }
                out.add("reported as an I/O error: "
                        + (reported != null && reported.getCause() instanceof IOException));
                out.add("the writer is closing: " + w.isClosing());
                w.waitClosed();
                try {
                    link.conn().reader().read(10);
                    out.add("read returned");
                } catch (UncheckedIOException e) {
                    out.add("the reader reports it too");
                }
            }
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "reported as an I/O error: true", "the writer is closing: true", "the reader reports it too");
    }

    @Test
    void anAbortRightAfterWritesStillSendsWhatTheSocketTakes() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            try (ServerSocket listener = listener();
                    Link link = Link.open(listener)) {
                StreamWriter w = link.writer();
                w.write(ascii("last "));
                w.write(ascii("words"));
                w.abort();
                out.add(Asyncio.toThread(
                        () -> ascii(link.peer().getInputStream().readNBytes(10))));
                out.add("closing: " + w.isClosing());
            }
            return out;
        });
        assertThat(log).containsExactly("last words", "closing: true");
    }
}
