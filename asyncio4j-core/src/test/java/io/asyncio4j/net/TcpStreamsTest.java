package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static io.asyncio4j.net.NetTests.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TCP streams: against CPython asyncio peers and against ourselves. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TcpStreamsTest {

    @Test
    void linesEchoedByACpythonAsyncioServer() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        try (NetTests.Peer py = NetTests.Peer.python("echo_server.py")) {
            int port = Integer.parseInt(py.await("PORT"));
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                StreamPair conn = Streams.openConnection("127.0.0.1", port);
                for (String word : List.of("one", "two", "three")) {
                    conn.writer().write(ascii(word + "\n"));
                    conn.writer().drain();
                    out.add(ascii(conn.reader().readLine()).strip());
                }
                conn.writer().writeEof();
                out.add(ascii(conn.reader().readLine()).strip());
                out.add("eof " + conn.reader().atEof() + " then "
                        + conn.reader().read(10).length);
                out.add("atEof " + conn.reader().atEof());
                conn.close();
                conn.writer().waitClosed();
                return out;
            });
            assertThat(log)
                    .containsExactly(
                            "echo: one", "echo: two", "echo: three", "bye 14", "eof false then 0", "atEof true");
        }
    }

    @Test
    void aCpythonAsyncioClientTalksToOurServer() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        List<String> printed = NetTests.run(() -> {
            List<String> served = Collections.synchronizedList(new ArrayList<>());
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        byte[] line;
                        while ((line = reader.readLine()).length > 0) {
                            served.add(ascii(line).strip());
                            writer.write(ascii(ascii(line).toUpperCase()));
                            writer.drain();
                        }
                        writer.write(ascii("served " + served.size() + "\n"));
                    },
                    "127.0.0.1",
                    0);
            List<String> out = Asyncio.toThread(() -> {
                try (NetTests.Peer py =
                        NetTests.Peer.python("line_client.py", Integer.toString(port(server)), "alpha", "beta")) {
                    return py.rest();
                }
            });
            server.close();
            server.waitClosed();
            assertThat(served).containsExactly("alpha", "beta");
            return out;
        });
        assertThat(printed).containsExactly("got ALPHA", "got BETA", "tail served 2", "eof");
    }

    @Test
    void hundredMegabytesArriveIntact() throws Exception {
        int total = 100 * 1024 * 1024;
        NetTests.run(() -> {
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        // Echo everything back, draining so that memory stays bounded on both sides.
                        byte[] chunk;
                        while ((chunk = reader.read(256 * 1024)).length > 0) {
                            writer.write(chunk);
                            writer.drain();
                        }
                    },
                    "127.0.0.1",
                    0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            Task<Long> reader = Asyncio.createTask(() -> {
                long n = 0;
                byte[] chunk;
                while ((chunk = conn.reader().read(1 << 20)).length > 0) {
                    received.update(chunk);
                    n += chunk.length;
                }
                return n;
            });
            Random random = new Random(42);
            byte[] block = new byte[100_000];
            long written = 0;
            while (written < total) {
                random.nextBytes(block);
                int len = (int) Math.min(block.length, total - written);
                sent.update(block, 0, len);
                conn.writer().write(block, 0, len);
                conn.writer().drain();
                assertThat(conn.writer().bufferedBytes()).isLessThanOrEqualTo(64 * 1024 + block.length);
                written += len;
            }
            conn.writer().writeEof();
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
    void halfCloseLetsThePeerAnswerAfterOurEof() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        byte[] all = reader.read(); // until our EOF
                        out.add("server read " + all.length + " bytes, then eof");
                        writer.write(ascii("got " + all.length + "\n"));
                    },
                    "127.0.0.1",
                    0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            assertThat(conn.writer().canWriteEof()).isTrue();
            conn.writer().write(ascii("0123456789"));
            conn.writer().writeEof();
            assertThatThrownBy(() -> conn.writer().write(ascii("late")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after writeEof");
            out.add("client read " + ascii(conn.reader().readLine()).strip());
            out.add("client atEof after server closed: " + (conn.reader().read(1).length == 0));
            conn.close();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "server read 10 bytes, then eof",
                        "client read got 10",
                        "client atEof after server closed: true");
    }

    @Test
    void resetByPeerIsReportedToTheReader() throws Exception {
        NetTests.run(() -> {
            Event accepted = new Event();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        writer.setOption(StandardSocketOptions.SO_LINGER, 0); // close() then sends RST
                        accepted.set();
                        writer.abort();
                    },
                    "127.0.0.1",
                    0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            accepted.await();
            assertThatThrownBy(() -> conn.reader().read(100))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("reset");
            // The error stays.
            assertThatThrownBy(() -> conn.reader().readLine()).isInstanceOf(UncheckedIOException.class);
            conn.close();
            server.close();
            server.waitClosed();
            return null;
        });
    }

    @Test
    void connectionRefusedNamesTheAddress() throws Exception {
        // A port bound but never listened on refuses connections, and while it stays bound no other
        // process (another test suite on the machine) can start listening on it.
        try (SocketChannel holder = SocketChannel.open()) {
            holder.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) holder.getLocalAddress()).getPort();
            NetTests.run(() -> {
                assertThatThrownBy(() -> Streams.openConnection("127.0.0.1", port))
                        .isInstanceOf(ConnectException.class)
                        .hasMessageContaining("127.0.0.1:" + port)
                        .hasMessageContaining("refused");
                return null;
            });
        }
    }

    @Test
    void aPeerThatSendsNothingIsCutOffByATimeout() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Event release = new Event();
            Server server = Streams.startServer((reader, writer) -> release.await(), "127.0.0.1", 0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            long start = System.nanoTime();
            try {
                Asyncio.timeout(Duration.ofMillis(200), () -> conn.reader().readLine());
            } catch (TimeoutException e) {
                out.add("timed out after >= 200 ms: " + (System.nanoTime() - start >= 200_000_000));
            }
            // The stream is still usable: nothing was consumed.
            release.set();
            out.add("then eof: " + conn.reader().read(1).length);
            conn.close();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log).containsExactly("timed out after >= 200 ms: true", "then eof: 0");
    }

    @Test
    void aPeerThatSendsALineForeverHitsTheLimit() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        byte[] junk = new byte[8192];
                        java.util.Arrays.fill(junk, (byte) 'a');
                        try {
                            while (true) { // until the client goes away
                                writer.write(junk);
                                writer.drain();
                            }
                        } catch (UncheckedIOException gone) {
                            // the client closed
                        }
                    },
                    "127.0.0.1",
                    0);
            StreamPair conn = Streams.openConnection(
                    "127.0.0.1", port(server), ConnectOptions.defaults().limit(1000));
            try {
                conn.reader().readLine();
            } catch (LimitOverrunError e) {
                out.add("readLine: " + e.getMessage());
                out.add("buffer bounded: " + (conn.reader().bufferedBytes() <= 1000 + 65536));
            }
            try {
                conn.reader().readUntil(ascii("\r\n"));
            } catch (LimitOverrunError e) {
                out.add("readUntil: " + e.getMessage() + ", consumed " + (e.consumed() > 1000));
            }
            conn.writer().abort();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "readLine: Separator is not found, and chunk exceed the limit",
                        "buffer bounded: true",
                        "readUntil: Separator is not found, and chunk exceed the limit, consumed true");
    }

    @Test
    void aWriterFacingAPeerThatDoesNotReadStaysWithinItsHighWaterMark() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Event startReading = new Event();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        startReading.await();
                        while (reader.read(1 << 16).length > 0) {
                            // discard
                        }
                    },
                    "127.0.0.1",
                    0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            StreamWriter w = conn.writer();
            w.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            byte[] chunk = new byte[32 * 1024];
            long[] written = {0};
            long[] maxBuffered = {0};
            try {
                Asyncio.timeout(Duration.ofMillis(500), () -> {
                    while (true) {
                        w.write(chunk);
                        written[0] += chunk.length;
                        maxBuffered[0] = Math.max(maxBuffered[0], w.bufferedBytes());
                        w.drain();
                    }
                });
            } catch (TimeoutException e) {
                out.add("writer blocked in drain while the peer did not read");
            }
            out.add("buffer never above high water + one write: " + (maxBuffered[0] <= 64 * 1024 + chunk.length));
            // What left the process is bounded by the kernel's buffers: far below what a writer
            // without backpressure would have queued in 500 ms.
            out.add("written is bounded: " + (written[0] < 64L * 1024 * 1024));
            startReading.set();
            w.drain(); // resumes once the peer reads
            out.add("drain returned after the peer started reading");
            w.close();
            w.waitClosed();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "writer blocked in drain while the peer did not read",
                        "buffer never above high water + one write: true",
                        "written is bounded: true",
                        "drain returned after the peer started reading");
    }

    @Test
    void aCancelledReadLosesNothing() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Event go = new Event();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        go.await();
                        writer.write(ascii("first half|second half\n"));
                    },
                    "127.0.0.1",
                    0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            Task<byte[]> blocked = Asyncio.createTask(() -> conn.reader().readExactly(100));
            Asyncio.sleep(Duration.ofMillis(20));
            blocked.cancel();
            try {
                blocked.await();
            } catch (CancelledError e) {
                out.add("read cancelled");
            }
            go.set();
            out.add(ascii(conn.reader().readUntil(ascii("|"))));
            out.add(ascii(conn.reader().readLine()).strip());
            conn.close();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log).containsExactly("read cancelled", "first half|", "second half");
    }

    @Test
    void aCancelledDrainStillSendsEverything() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Event startReading = new Event();
            Future<Integer> received = new Future<>();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        startReading.await();
                        received.setResult(reader.read().length);
                    },
                    "127.0.0.1",
                    0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            // One write far larger than the kernel's buffers can take while the peer does not read
            // (a small send buffer, and a receive window that grows only as the peer reads), so the
            // drain after it blocks with most of it still in our buffer.
            conn.writer().setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            byte[] chunk = new byte[16 * 1024 * 1024];
            int[] written = {0};
            Event wrote = new Event();
            Task<Void> writer = Asyncio.createTask(() -> {
                while (true) {
                    conn.writer().write(chunk);
                    written[0] += chunk.length;
                    wrote.set();
                    conn.writer().drain();
                }
            });
            wrote.await(); // the writer runs on until it parks in drain
            writer.cancel();
            try {
                writer.await();
            } catch (CancelledError e) {
                out.add("drain cancelled with " + (conn.writer().bufferedBytes() > 0 ? "bytes" : "nothing")
                        + " still buffered");
            }
            conn.writer().writeEof(); // after the buffer
            startReading.set();
            out.add("the peer got all " + (received.await() == written[0]));
            conn.close();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log).containsExactly("drain cancelled with bytes still buffered", "the peer got all true");
    }

    /**
     * A stream closed by its own writer ends for its reader, as in asyncio, which feeds EOF to the
     * reader once the transport has closed: a read parked at the close returns what was buffered
     * (nothing, here), later reads return nothing, and writes fail.
     */
    @Test
    void closingAStreamEndsItForItsOwnReader() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Event release = new Event();
            Server server = Streams.startServer((reader, writer) -> release.await(), "127.0.0.1", 0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            Task<byte[]> reading = Asyncio.createTask(() -> conn.reader().readLine());
            Asyncio.yieldNow(); // the reading task has parked: the server sends nothing
            conn.writer().close();
            out.add("the parked readLine returned " + reading.await().length + " bytes");
            conn.writer().waitClosed();
            out.add("atEof " + conn.reader().atEof());
            out.add("read " + conn.reader().read(10).length + " bytes");
            assertThatThrownBy(() -> conn.writer().write(ascii("x")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(conn.writer()::drain)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("closed");
            release.set();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log).containsExactly("the parked readLine returned 0 bytes", "atEof true", "read 0 bytes");
    }

    /** As asyncio's at_eof() once its transport closed: true before any read says so. */
    @Test
    void aStreamClosedByItsWriterIsAtEofBeforeAnyRead() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            Event release = new Event();
            Server server = Streams.startServer((reader, writer) -> release.await(), "127.0.0.1", 0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            out.add("open: atEof " + conn.reader().atEof());
            conn.writer().close();
            conn.writer().waitClosed();
            out.add("closed: atEof " + conn.reader().atEof());
            release.set();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(log).containsExactly("open: atEof false", "closed: atEof true");
    }

    @Test
    void twoTasksCannotReadOneStreamAtOnce() throws Exception {
        NetTests.run(() -> {
            Event release = new Event();
            Server server = Streams.startServer((reader, writer) -> release.await(), "127.0.0.1", 0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            Task<byte[]> first = Asyncio.createTask(() -> conn.reader().read(10));
            Asyncio.sleep(Duration.ofMillis(10));
            assertThatThrownBy(() -> conn.reader().read(10))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already waiting for incoming data");
            release.set();
            assertThat(first.await()).isEmpty();
            conn.close();
            server.close();
            server.waitClosed();
            return null;
        });
    }

    @Test
    void streamsRefuseCallersFromAnotherThread() throws Exception {
        NetTests.run(() -> {
            Event release = new Event();
            Server server = Streams.startServer((reader, writer) -> release.await(), "127.0.0.1", 0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            Throwable fromThread = Asyncio.toThread(() -> {
                try {
                    conn.writer().write(ascii("x"));
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            assertThat(fromThread).hasMessageContaining("callSoonThreadsafe");
            release.set();
            conn.close();
            server.close();
            server.waitClosed();
            return null;
        });
    }

    @Test
    void peerAndLocalAddressesAreThoseOfTheSocket() throws Exception {
        NetTests.run(() -> {
            List<Object> seen = Collections.synchronizedList(new ArrayList<>());
            Server server = Streams.startServer((reader, writer) -> seen.add(writer.peerAddress()), "127.0.0.1", 0);
            StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
            assertThat(conn.reader().read(1)).isEmpty(); // the server closed after its handler
            assertThat(conn.writer().peerAddress()).isEqualTo(server.addresses().get(0));
            assertThat(seen).containsExactly(conn.writer().localAddress());
            assertThat(conn.writer().getOption(StandardSocketOptions.TCP_NODELAY))
                    .isTrue();
            assertThat(conn.writer().sslSession()).isNull();
            conn.close();
            server.close();
            server.waitClosed();
            return null;
        });
    }

    @Test
    void ioErrorsOfAHandlerGoToTheExceptionHandler() throws Exception {
        List<io.asyncio4j.Loop.ErrorContext> errors = new ArrayList<>();
        NetTests.runCollecting(
                () -> {
                    Server server = Streams.startServer(
                            (reader, writer) -> {
                                throw new IOException("handler failed");
                            },
                            "127.0.0.1",
                            0);
                    StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
                    assertThat(conn.reader().read(1)).isEmpty();
                    conn.close();
                    server.close();
                    server.waitClosed();
                    return null;
                },
                errors);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("unhandled exception in the connection handler");
            assertThat(e.exception()).hasMessage("handler failed");
        });
    }
}
