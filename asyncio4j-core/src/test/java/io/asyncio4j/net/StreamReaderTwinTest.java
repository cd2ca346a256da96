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

    @Test
    void severalSeparatorsBehaveLikeCpython313() throws Exception {
        String python = NetTests.python313();
        assumeTrue(python != null, "no CPython 3.13 or newer found: the several-separator twin is skipped");
        List<String> expected;
        try (NetTests.Peer py = NetTests.Peer.pythonOf(python, "reader_twin.py", "--many")) {
            expected = py.rest();
        }
        List<String> actual = NetTests.run(() -> {
            List<String> log = new ArrayList<>();
            StreamReader r = new StreamReader(8);
            r.feedData(NetTests.ascii("ab\r\ncd\nef"));
            showMany(log, r, "\n", "\r\n");
            showMany(log, r, "\r\n", "\n");
            r.feedData(NetTests.ascii("gh;;ij;k"));
            showMany(log, r, ";;", ";");
            showMany(log, r, ";;", ";");
            showMany(log, r, "xy", ";");
            r.feedData(NetTests.ascii("0123456789abcdef"));
            showMany(log, r, "!", "??");
            r.feedData(NetTests.ascii("!"));
            showMany(log, r, "!", "??");
            show(log, "read(100)", () -> r.read(100));
            r.feedData(NetTests.ascii("end?"));
            r.feedEof();
            showMany(log, r, "??", "!!");
            showMany(log, r);
            showMany(log, r, "a", "");
            return log;
        });
        assertThat(actual).isEqualTo(expected);
    }

    /** {@code r.readUntil(separators)}, labelled as the Python twin labels it. */
    private static void showMany(List<String> log, StreamReader r, String... separators) {
        List<String> reprs = new ArrayList<>();
        for (String s : separators) {
            reprs.add(repr(NetTests.ascii(s)));
        }
        String label = "readuntil((" + String.join(", ", reprs) + "))";
        try {
            show(
                    log,
                    label,
                    () -> r.readUntil(java.util.Arrays.stream(separators)
                            .map(NetTests::ascii)
                            .toList()));
        } catch (IllegalArgumentException e) {
            log.add(label + " -> ValueError " + e.getMessage());
        }
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
            } else if (x == '\r') {
                s.append("\\r");
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
