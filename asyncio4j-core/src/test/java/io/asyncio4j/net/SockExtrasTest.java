package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** loop.sockRecvfrom/sockSendto/sockSendfile and StreamWriter.sendfile, against CPython peers. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SockExtrasTest {
    @TempDir
    Path dir;

    /** A file of {@code size} pseudo-random bytes. */
    static Path randomFile(Path dir, int size) throws Exception {
        byte[] content = new byte[size];
        new Random(7).nextBytes(content);
        return Files.write(dir.resolve("payload-" + size), content);
    }

    static String sha256(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void datagramsToACpythonEchoThroughSockSendtoAndSockRecvfrom() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        try (NetTests.Peer py = NetTests.Peer.python("udp_echo.py")) {
            int port = Integer.parseInt(py.await("PORT"));
            List<String> log = NetTests.run(() -> {
                Loop loop = Asyncio.currentLoop();
                List<String> out = new ArrayList<>();
                try (DatagramChannel ch = DatagramChannel.open()) {
                    ch.bind(new InetSocketAddress("127.0.0.1", 0));
                    ch.configureBlocking(false);
                    InetSocketAddress peer = new InetSocketAddress("127.0.0.1", port);
                    out.add("sent " + loop.sockSendto(ch, ByteBuffer.wrap(ascii("ping")), peer));
                    Datagram d = loop.sockRecvfrom(ch, 100);
                    out.add(ascii(d.data()) + " from " + d.sender());
                    // An unresolved name is resolved off the loop, as asyncio's getaddrinfo.
                    loop.sockSendto(
                            ch, ByteBuffer.wrap(ascii("pong")), InetSocketAddress.createUnresolved("127.0.0.1", port));
                    ByteBuffer into = ByteBuffer.allocate(100);
                    out.add("into from " + loop.sockRecvfromInto(ch, into) + ": "
                            + ascii(into.flip().array()).substring(0, into.limit()));
                }
                return out;
            });
            assertThat(log)
                    .containsExactly(
                            "sent 4",
                            "echo: ping from /127.0.0.1:" + port,
                            "into from /127.0.0.1:" + port + ": echo: pong");
        }
    }

    @Test
    void sockSendfileSendsAFileRangeToACpythonSink() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        Path file = randomFile(dir, 3_000_000);
        byte[] content = Files.readAllBytes(file);
        try (NetTests.Peer py = NetTests.Peer.python("sink_server.py")) {
            int port = Integer.parseInt(py.await("PORT"));
            List<String> log = NetTests.run(() -> {
                Loop loop = Asyncio.currentLoop();
                List<String> out = new ArrayList<>();
                try (SocketChannel ch = SocketChannel.open();
                        FileChannel f = FileChannel.open(file)) {
                    ch.configureBlocking(false);
                    loop.sockConnect(ch, new InetSocketAddress("127.0.0.1", port));
                    out.add("sent " + loop.sockSendfile(ch, f, 100, 2_000_000));
                    out.add("position " + f.position());
                    out.add("rest " + loop.sockSendfile(ch, f, 2_000_100, -1));
                    ch.shutdownOutput();
                }
                out.add(Asyncio.toThread(() -> py.await("GOT")));
                return out;
            });
            byte[] sent = java.util.Arrays.copyOfRange(content, 100, content.length);
            assertThat(log)
                    .containsExactly(
                            "sent 2000000", "position 2000100", "rest 999900", sent.length + " " + sha256(sent));
        }
    }

    @Test
    void writerSendfileGoesBetweenWritesToACpythonSink() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        Path file = randomFile(dir, 5_000_000);
        byte[] content = Files.readAllBytes(file);
        try (NetTests.Peer py = NetTests.Peer.python("sink_server.py")) {
            int port = Integer.parseInt(py.await("PORT"));
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                StreamPair conn = Streams.openConnection("127.0.0.1", port);
                try (FileChannel f = FileChannel.open(file)) {
                    conn.writer().write(ascii("HEAD"));
                    out.add("sent " + conn.writer().sendfile(f));
                    out.add("past the end " + conn.writer().sendfile(f, 5_000_000, 10));
                }
                conn.writer().write(ascii("TAIL"));
                conn.writer().close();
                conn.writer().waitClosed();
                out.add(Asyncio.toThread(() -> py.await("GOT")));
                return out;
            });
            assertThat(log)
                    .containsExactly(
                            "sent 5000000",
                            "past the end 0",
                            (content.length + 8) + " " + sha256(ascii("HEAD"), content, ascii("TAIL")));
        }
    }
}
