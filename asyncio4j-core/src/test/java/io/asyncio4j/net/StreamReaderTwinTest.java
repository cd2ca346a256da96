package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Our StreamReader against CPython's: {@code reader_twin.py} feeds an asyncio.StreamReader and
 * prints what each read returns or raises; the same steps here must print the same transcript.
 */
class StreamReaderTwinTest {
    @Test
    void readsBehaveLikeCpythonsStreamReader() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: the CPython twin is skipped");
        List<String> expected;
        try (NetTests.Peer py = NetTests.Peer.python("reader_twin.py")) {
            expected = py.rest();
        }
        List<String> actual = NetTests.run(() -> {
            List<String> log = new ArrayList<>();
            StreamReader r = new StreamReader(8);
            r.feedData(NetTests.ascii("hello\nworld"));
            show(log, "readline", r::readLine);
            show(log, "read(3)", () -> r.read(3));
            show(log, "readexactly(2)", () -> r.readExactly(2));
            r.feedData(NetTests.ascii("abcdefghijklmnop\nrest"));
            show(log, "readuntil(b'\\n')", () -> r.readUntil(NetTests.ascii("\n")));
            showLine(log, "readline", r::readLine);
            show(log, "readuntil(b'st')", () -> r.readUntil(NetTests.ascii("st")));
            r.feedData(NetTests.ascii("xyz"));
            r.feedEof();
            log.add("at_eof -> " + (r.atEof() ? "True" : "False"));
            show(log, "readexactly(5)", () -> r.readExactly(5));
            log.add("at_eof -> " + (r.atEof() ? "True" : "False"));
            show(log, "readline", r::readLine);
            show(log, "read(10)", () -> r.read(10));
            show(log, "readuntil(b'!')", () -> r.readUntil(NetTests.ascii("!")));
            return log;
        });
        assertThat(actual).isEqualTo(expected);
    }

    private static void show(List<String> log, String label, Supplier<byte[]> read) {
        try {
            log.add(label + " -> " + repr(read.get()));
        } catch (IncompleteReadError e) {
            log.add(label + " -> IncompleteReadError partial=" + repr(e.partial()) + " expected="
                    + (e.expected().isPresent() ? Integer.toString(e.expected().getAsInt()) : "None"));
        } catch (LimitOverrunError e) {
            log.add(label + " -> LimitOverrunError consumed=" + e.consumed() + " " + e.getMessage());
        }
    }

    /** readline: asyncio turns LimitOverrunError into ValueError; ours stays LimitOverrunError. */
    private static void showLine(List<String> log, String label, Supplier<byte[]> read) {
        try {
            log.add(label + " -> " + repr(read.get()));
        } catch (LimitOverrunError e) {
            log.add(label + " -> LimitOverrunError (ValueError) " + e.getMessage());
        }
    }

    /** Python's repr of bytes, for the ASCII used here. */
    static String repr(byte[] b) {
        StringBuilder s = new StringBuilder("b'");
        for (byte x : b) {
            if (x == '\n') {
                s.append("\\n");
            } else if (x == '\'' || x == '\\') {
                s.append('\\').append((char) x);
            } else if (x >= 32 && x < 127) {
                s.append((char) x);
            } else {
                s.append(String.format("\\x%02x", x & 0xff));
            }
        }
        return s.append('\'').toString();
    }
}
