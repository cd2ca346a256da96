package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link StreamReader#readInto}: bytes straight into the caller's buffer, nothing lost when it is small or cancelled. */
class ReadIntoTest {
    @Test
    void aFedReaderFillsTheBufferAndKeepsWhatDoesNotFit() throws Exception {
        List<String> log = NetTests.run(() -> {
            List<String> seen = new ArrayList<>();
            StreamReader r = new StreamReader();
            ByteBuffer small = ByteBuffer.allocate(4);
            Task<Integer> waiting = Asyncio.createTask(() -> r.readInto(small));
            Asyncio.yieldNow();
            r.feedData("hello world".getBytes(StandardCharsets.US_ASCII));
            seen.add("first read " + waiting.await() + " bytes: " + text(small));
            small.clear();
            seen.add("second read " + r.readInto(small) + " bytes: " + text(small));
            seen.add("no room: " + r.readInto(ByteBuffer.allocate(0)));
            r.feedEof();
            ByteBuffer rest = ByteBuffer.allocate(16);
            seen.add("rest " + r.readInto(rest) + " bytes: " + text(rest));
            seen.add("at the end: " + r.readInto(rest));
            return seen;
        });
        assertThat(log)
                .containsExactly(
                        "first read 4 bytes: hell",
                        "second read 4 bytes: o wo",
                        "no room: 0",
                        "rest 3 bytes: rld",
                        "at the end: -1");
    }

    @Test
    void aSocketReaderDeliversEveryByteInOrderThroughSmallBuffers() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        byte[] got = NetTests.run(() -> {
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        writer.write(data);
                        writer.drain();
                    },
                    "127.0.0.1",
                    0);
            try (StreamPair c = Streams.openConnection("127.0.0.1", port(server))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                ByteBuffer b = ByteBuffer.allocate(1000);
                int n;
                while ((n = c.reader().readInto(b.clear())) >= 0) {
                    assertThat(n).isPositive();
                    all.write(b.array(), 0, n);
                }
                return all.toByteArray();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
        assertThat(got).isEqualTo(data);
    }

    @Test
    void aCancelledReadIntoConsumesNothing() throws Exception {
        String log = NetTests.run(() -> {
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        reader.readLine(); // wait for the client to ask
                        writer.write("late".getBytes(StandardCharsets.US_ASCII));
                        writer.drain();
                    },
                    "127.0.0.1",
                    0);
            try (StreamPair c = Streams.openConnection("127.0.0.1", port(server))) {
                ByteBuffer b = ByteBuffer.allocate(16);
                Task<Integer> read = Asyncio.createTask(() -> c.reader().readInto(b));
                Asyncio.yieldNow();
                read.cancel();
                try {
                    read.await();
                } catch (CancelledError expected) {
                    // cancelled while parked
                }
                String untouched = "cancelled with " + b.position() + " bytes in the buffer";
                c.writer().write("go\n".getBytes(StandardCharsets.US_ASCII));
                int n = c.reader().readInto(b);
                return untouched + ", then " + n + ": " + text(b);
            } finally {
                server.close();
                server.waitClosed();
            }
        });
        assertThat(log).isEqualTo("cancelled with 0 bytes in the buffer, then 4: late");
    }

    private static String text(ByteBuffer b) {
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
    }
}
