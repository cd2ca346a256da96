package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StreamReader#readInto}: as read(n), into the caller's buffer, over a socket and when fed. */
class ReadIntoFedTest {
    private static String text(ByteBuffer b) {
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
    }

    @Test
    void readsWhatIsBufferedUpToTheRoomThenTheEndAsMinusOne() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> out = new ArrayList<>();
            StreamReader r = new StreamReader();
            r.feedData(NetTests.ascii("hello world"));
            ByteBuffer five = ByteBuffer.allocate(5);
            out.add(r.readInto(five) + " '" + text(five) + "'");
            out.add(r.readInto(five) + " (no room)");
            ByteBuffer rest = ByteBuffer.allocate(64);
            out.add(r.readInto(rest) + " '" + text(rest) + "'");
            Task<Integer> waiting = Asyncio.createTask(() -> r.readInto(rest));
            Asyncio.yieldNow();
            out.add("parked: " + !waiting.isDone());
            r.feedData(NetTests.ascii("!"));
            out.add(waiting.await() + " '" + text(rest) + "'");
            r.feedEof();
            out.add(r.readInto(ByteBuffer.allocate(8)) + " at the end");
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "5 'hello'", "0 (no room)", "6 ' world'", "parked: true", "1 ' world!'", "-1 at the end");
    }

    @Test
    void aCancelledReadConsumesNothingAndAnErrorIsNotAnEnd() throws Exception {
        NetTests.run(() -> {
            StreamReader r = new StreamReader();
            ByteBuffer b = ByteBuffer.allocate(16);
            Task<Integer> cut = Asyncio.createTask(() -> r.readInto(b));
            Asyncio.yieldNow();
            cut.cancel();
            Asyncio.gatherSettled(List.of(cut));
            r.feedData(NetTests.ascii("kept"));
            assertThat(r.readInto(b)).isEqualTo(4);
            assertThat(text(b)).isEqualTo("kept");

            Task<Integer> failing = Asyncio.createTask(() -> r.readInto(b));
            Asyncio.yieldNow();
            UncheckedIOException broken = new UncheckedIOException(new IOException("connection reset"));
            r.setException(broken);
            assertThatThrownBy(failing::await).isSameAs(broken);
            return null;
        });
    }

    @Test
    void readsASocketIntoTheCallersBuffer() throws Exception {
        String got = NetTests.run(() -> {
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        writer.write(NetTests.ascii("from the socket"));
                        writer.close();
                    },
                    "127.0.0.1",
                    0);
            try {
                int port = ((java.net.InetSocketAddress) server.addresses().get(0)).getPort();
                StreamPair c = Streams.openConnection("127.0.0.1", port);
                ByteBuffer all = ByteBuffer.allocate(64);
                while (c.reader().readInto(all) >= 0) {
                    // until the end
                }
                c.writer().close();
                return text(all);
            } finally {
                server.close();
                server.waitClosed();
            }
        });
        assertThat(got).isEqualTo("from the socket");
    }
}
