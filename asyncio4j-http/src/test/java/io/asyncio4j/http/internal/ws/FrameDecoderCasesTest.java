package io.asyncio4j.http.internal.ws;

import static io.asyncio4j.http.internal.ws.Frames.*;
import static io.asyncio4j.http.internal.ws.Opcodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder against a case list in the spirit of the Autobahn testsuite: framing, pings and
 * pongs, reserved bits, opcodes, fragmentation, UTF-8 (with invalid sequences split across frames),
 * close codes and reasons, masking, limits and permessage-deflate. Each case names the RFC section
 * it checks, and is run with its input whole and fed 1, 2 and 7 bytes at a time: the transcript
 * must be the same. Cases marked fail-fast must fail before the byte given is fed.
 */
class FrameDecoderCasesTest {
    /**
     * @param id the case, numbered as Autobahn's groups where one matches
     * @param rfc the section checked
     * @param decoder a fresh decoder for the case
     * @param expected the transcript: messages, then "ERROR code" when the case must fail
     * @param failBy when positive, the error must come before more than this many bytes were fed
     */
    record Case(
            String id,
            String rfc,
            String what,
            Supplier<FrameDecoder> decoder,
            byte[] input,
            List<String> expected,
            int failBy) {
        @Override
        public String toString() {
            return id + " (" + rfc + ") " + what;
        }
    }

    private static final long LIMIT = 1 << 20;

    private static FrameDecoder server() {
        return new FrameDecoder(true, LIMIT, false, false);
    }

    private static FrameDecoder client() {
        return new FrameDecoder(false, LIMIT, false, false);
    }

    private static FrameDecoder deflating() {
        return new FrameDecoder(true, LIMIT, true, false);
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void add(String id, String rfc, String what, byte[] input, String... expected) {
        CASES.add(new Case(id, rfc, what, FrameDecoderCasesTest::server, input, List.of(expected), 0));
    }

    private static void add(
            String id, String rfc, String what, Supplier<FrameDecoder> d, byte[] input, String... expected) {
        CASES.add(new Case(id, rfc, what, d, input, List.of(expected), 0));
    }

    private static void failFast(String id, String rfc, String what, byte[] input, int failBy, String... expected) {
        CASES.add(new Case(id, rfc, what, FrameDecoderCasesTest::server, input, List.of(expected), failBy));
    }

    static {
        // ---- 1: framing, the three length encodings ----
        add("1.1.1", "RFC 6455 5.2", "empty text", masked(FIN, TEXT, new byte[0]), "TEXT ''");
        add(
                "1.1.2",
                "RFC 6455 5.2",
                "text of 125 bytes (7-bit length)",
                masked(FIN, TEXT, bytes(125, '*')),
                "TEXT 125 chars");
        add(
                "1.1.3",
                "RFC 6455 5.2",
                "text of 126 bytes (16-bit length)",
                masked(FIN, TEXT, bytes(126, '*')),
                "TEXT 126 chars");
        add("1.1.4", "RFC 6455 5.2", "text of 65535 bytes", masked(FIN, TEXT, bytes(65535, '*')), "TEXT 65535 chars");
        add(
                "1.1.5",
                "RFC 6455 5.2",
                "text of 65536 bytes (64-bit length)",
                masked(FIN, TEXT, bytes(65536, '*')),
                "TEXT 65536 chars");
        add("1.2.1", "RFC 6455 5.2", "binary of 127 bytes", masked(FIN, BINARY, bytes(127, 0xFE)), "BINARY 127");
        add(
                "1.2.2",
                "RFC 6455 5.6",
                "binary with every byte value",
                masked(FIN, BINARY, hex("00ff7f80")),
                "BINARY 4 00ff7f80");
        add(
                "1.3.1",
                "RFC 6455 5.7",
                "the RFC's masked 'Hello' example",
                hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"),
                "TEXT 'Hello'");
        add(
                "1.3.2",
                "RFC 6455 5.7",
                "the RFC's unmasked 'Hello' example, to a client",
                FrameDecoderCasesTest::client,
                hex("81 05 48 65 6c 6c 6f"),
                "TEXT 'Hello'");
        add(
                "1.3.3",
                "RFC 6455 5.2",
                "a 64-bit length with its most significant bit set",
                hex("82 ff 80 00 00 00 00 00 00 00 37 fa 21 3d"),
                "ERROR 1002");
        add(
                "1.3.4",
                "RFC 6455 5.2",
                "several messages in one read",
                cat(masked(FIN, TEXT, utf8("a")), masked(FIN, BINARY, hex("01")), masked(FIN, TEXT, utf8("b"))),
                "TEXT 'a'",
                "BINARY 1 01",
                "TEXT 'b'");

        // ---- 2: pings and pongs ----
        add("2.1", "RFC 6455 5.5.2", "ping without payload", masked(FIN, PING, new byte[0]), "PING ");
        add("2.2", "RFC 6455 5.5.2", "ping with a payload", masked(FIN, PING, utf8("Hello")), "PING 48656c6c6f");
        add("2.3", "RFC 6455 5.5.2", "ping with binary payload", masked(FIN, PING, hex("00fffe")), "PING 00fffe");
        add(
                "2.4",
                "RFC 6455 5.5",
                "ping of 125 bytes",
                masked(FIN, PING, bytes(125, 0xFE)),
                "PING " + "fe".repeat(125));
        failFast(
                "2.5",
                "RFC 6455 5.5",
                "ping of 126 bytes: too long for a control frame",
                masked(FIN, PING, bytes(126, 0xFE)),
                2,
                "ERROR 1002");
        add("2.6", "RFC 6455 5.5.3", "an unsolicited pong", masked(FIN, PONG, utf8("x")), "PONG 78");
        failFast(
                "2.7",
                "RFC 6455 5.5",
                "a fragmented ping",
                cat(masked(0, PING, utf8("a")), masked(FIN, CONTINUATION, utf8("b"))),
                2,
                "ERROR 1002");
        add(
                "2.8",
                "RFC 6455 5.5.3",
                "ten pings in a row",
                cat(java.util.stream.IntStream.range(0, 10)
                        .mapToObj(i -> masked(FIN, PING, new byte[] {(byte) i}))
                        .toArray(byte[][]::new)),
                "PING 00",
                "PING 01",
                "PING 02",
                "PING 03",
                "PING 04",
                "PING 05",
                "PING 06",
                "PING 07",
                "PING 08",
                "PING 09");

        // ---- 3: reserved bits ----
        failFast(
                "3.1",
                "RFC 6455 5.2",
                "RSV1 on text without an extension",
                masked(FIN | RSV1, TEXT, utf8("x")),
                2,
                "ERROR 1002");
        failFast("3.2", "RFC 6455 5.2", "RSV2 on text", masked(FIN | RSV2, TEXT, utf8("x")), 2, "ERROR 1002");
        failFast(
                "3.3",
                "RFC 6455 5.2",
                "RSV3 on text after a good message",
                cat(masked(FIN, TEXT, utf8("ok")), masked(FIN | RSV3, TEXT, utf8("x"))),
                10,
                "TEXT 'ok'",
                "ERROR 1002");
        failFast(
                "3.4",
                "RFC 6455 5.2",
                "RSV1 and RSV3 on a ping",
                masked(FIN | RSV1 | RSV3, PING, new byte[0]),
                2,
                "ERROR 1002");
        failFast(
                "3.5",
                "RFC 6455 5.2",
                "all RSV bits on binary",
                masked(FIN | RSV1 | RSV2 | RSV3, BINARY, hex("00")),
                2,
                "ERROR 1002");

        // ---- 4: opcodes ----
        for (int op : new int[] {3, 4, 5, 6, 7}) {
            failFast(
                    "4.1." + op,
                    "RFC 6455 5.2",
                    "reserved non-control opcode " + op,
                    masked(FIN, op, new byte[0]),
                    2,
                    "ERROR 1002");
        }
        for (int op : new int[] {0xB, 0xC, 0xD, 0xE, 0xF}) {
            failFast(
                    "4.2." + op,
                    "RFC 6455 5.2",
                    "reserved control opcode " + op,
                    masked(FIN, op, utf8("x")),
                    2,
                    "ERROR 1002");
        }

        // ---- 5: fragmentation ----
        add(
                "5.1",
                "RFC 6455 5.4",
                "text in two fragments",
                cat(masked(0, TEXT, utf8("frag")), masked(FIN, CONTINUATION, utf8("ment"))),
                "TEXT 'fragment'");
        add(
                "5.2",
                "RFC 6455 5.4",
                "binary in three fragments, one empty",
                cat(
                        masked(0, BINARY, hex("01")),
                        masked(0, CONTINUATION, new byte[0]),
                        masked(FIN, CONTINUATION, hex("02"))),
                "BINARY 2 0102");
        add(
                "5.3",
                "RFC 6455 5.4",
                "a ping between the fragments of a text",
                cat(masked(0, TEXT, utf8("a")), masked(FIN, PING, utf8("p")), masked(FIN, CONTINUATION, utf8("b"))),
                "PING 70",
                "TEXT 'ab'");
        add(
                "5.4",
                "RFC 6455 5.4",
                "a pong and a ping between fragments, then a second message",
                cat(
                        masked(0, TEXT, utf8("a")),
                        masked(FIN, PONG, new byte[0]),
                        masked(0, CONTINUATION, utf8("b")),
                        masked(FIN, PING, new byte[0]),
                        masked(FIN, CONTINUATION, utf8("c")),
                        masked(FIN, TEXT, utf8("d"))),
                "PONG ",
                "PING ",
                "TEXT 'abc'",
                "TEXT 'd'");
        add(
                "5.5",
                "RFC 6455 5.4",
                "a close between fragments ends the exchange",
                cat(masked(0, TEXT, utf8("a")), masked(FIN, CLOSE, close(1000, ""))),
                "CLOSE 1000 ''");
        failFast(
                "5.6",
                "RFC 6455 5.4",
                "a continuation with nothing to continue",
                masked(FIN, CONTINUATION, utf8("x")),
                2,
                "ERROR 1002");
        failFast(
                "5.7",
                "RFC 6455 5.4",
                "a continuation after a complete message",
                cat(masked(FIN, TEXT, utf8("a")), masked(FIN, CONTINUATION, utf8("b"))),
                9,
                "TEXT 'a'",
                "ERROR 1002");
        failFast(
                "5.8",
                "RFC 6455 5.4",
                "a new text before the fragmented one ended",
                cat(masked(0, TEXT, utf8("a")), masked(FIN, TEXT, utf8("b"))),
                9,
                "ERROR 1002");
        failFast(
                "5.9",
                "RFC 6455 5.4",
                "a binary inside a fragmented text",
                cat(masked(0, TEXT, utf8("a")), masked(0, BINARY, hex("00"))),
                9,
                "ERROR 1002");
        add(
                "5.10",
                "RFC 6455 5.4",
                "a text of 100 one-byte fragments",
                cat(java.util.stream.IntStream.range(0, 100)
                        .mapToObj(i -> masked(i == 99 ? FIN : 0, i == 0 ? TEXT : CONTINUATION, utf8("x")))
                        .toArray(byte[][]::new)),
                "TEXT 100 chars");

        // ---- 6: UTF-8 ----
        add(
                "6.1.1",
                "RFC 6455 8.1",
                "valid text with 2-, 3- and 4-byte sequences",
                masked(FIN, TEXT, utf8("κόσμε €𝄞")),
                "TEXT 'κόσμε €𝄞'");
        add(
                "6.1.2",
                "RFC 6455 8.1",
                "a 4-byte sequence split over three fragments",
                cat(
                        masked(0, TEXT, hex("f0")),
                        masked(0, CONTINUATION, hex("9d 84")),
                        masked(FIN, CONTINUATION, hex("9e"))),
                "TEXT '𝄞'");
        add(
                "6.1.3",
                "RFC 3629 4",
                "the largest code point U+10FFFF and U+FFFF",
                masked(FIN, TEXT, hex("f4 8f bf bf ef bf bf")),
                "TEXT '\uDBFF\uDFFF\uFFFF'");
        failFast(
                "6.2.1",
                "RFC 3629 3",
                "an overlong 2-byte form (C0 80)",
                masked(FIN, TEXT, hex("41 c0 80")),
                8,
                "ERROR 1007");
        failFast(
                "6.2.2",
                "RFC 3629 3",
                "an overlong 3-byte form (E0 80 80)",
                masked(FIN, TEXT, hex("e0 80 80")),
                8,
                "ERROR 1007");
        failFast("6.2.3", "RFC 3629 3", "a surrogate (ED A0 80)", masked(FIN, TEXT, hex("ed a0 80")), 8, "ERROR 1007");
        failFast(
                "6.2.4",
                "RFC 3629 3",
                "above U+10FFFF (F4 90 80 80)",
                masked(FIN, TEXT, hex("f4 90 80 80")),
                8,
                "ERROR 1007");
        failFast("6.2.5", "RFC 3629 3", "the byte F5", masked(FIN, TEXT, hex("f5")), 7, "ERROR 1007");
        failFast(
                "6.2.6", "RFC 3629 3", "a lone continuation byte", masked(FIN, TEXT, hex("61 80 62")), 8, "ERROR 1007");
        add(
                "6.2.7",
                "RFC 6455 8.1",
                "a text that ends inside a sequence",
                masked(FIN, TEXT, hex("e2 82")),
                "ERROR 1007");
        failFast(
                "6.3.1",
                "RFC 6455 8.1",
                "invalid UTF-8 in the first fragment fails before the next arrives",
                cat(
                        masked(0, TEXT, hex("ce ba e1 bd b9 ce bc ce b5 ed a0 80")),
                        masked(FIN, CONTINUATION, utf8("edited"))),
                6 + 12,
                "ERROR 1007");
        failFast(
                "6.3.2",
                "RFC 6455 8.1",
                "an invalid sequence split across two fragments fails at its second byte",
                cat(
                        masked(0, TEXT, hex("61 f4")),
                        masked(0, CONTINUATION, hex("90 80 80")),
                        masked(FIN, CONTINUATION, utf8("never read"))),
                8 + 7,
                "ERROR 1007");
        failFast(
                "6.3.3",
                "RFC 6455 8.1",
                "an invalid sequence across a ping between fragments",
                cat(
                        masked(0, TEXT, hex("ed")),
                        masked(FIN, PING, new byte[0]),
                        masked(FIN, CONTINUATION, hex("a0 80"))),
                7 + 6 + 7,
                "PING ",
                "ERROR 1007");
        failFast(
                "6.3.4",
                "RFC 6455 8.1",
                "a lone continuation byte in the middle of a long frame",
                masked(FIN, TEXT, cat(bytes(1000, 'a'), hex("80"), bytes(5000, 'b'))),
                8 + 1001,
                "ERROR 1007");
        add(
                "6.4.1",
                "RFC 6455 5.6",
                "binary is not checked as UTF-8",
                masked(FIN, BINARY, hex("c0 80 ff")),
                "BINARY 3 c080ff");

        // ---- 7: close ----
        add(
                "7.1.1",
                "RFC 6455 5.5.1",
                "close without payload: code 1005",
                masked(FIN, CLOSE, new byte[0]),
                "CLOSE 1005 ''");
        add(
                "7.1.2",
                "RFC 6455 5.5.1",
                "close with code and reason",
                masked(FIN, CLOSE, close(1000, "bye")),
                "CLOSE 1000 'bye'");
        add(
                "7.1.3",
                "RFC 6455 5.5.1",
                "close of 125 bytes",
                masked(FIN, CLOSE, close(1000, "*".repeat(123))),
                "CLOSE 1000 '" + "*".repeat(123) + "'");
        add(
                "7.1.4",
                "RFC 6455 5.5.1",
                "a reason in UTF-8",
                masked(FIN, CLOSE, close(4000, "ciao κόσμε")),
                "CLOSE 4000 'ciao κόσμε'");
        add("7.3.1", "RFC 6455 5.5.1", "close with a one-byte payload", masked(FIN, CLOSE, hex("03")), "ERROR 1002");
        failFast(
                "7.3.2",
                "RFC 6455 5.5",
                "close of 126 bytes",
                masked(FIN, CLOSE, close(1000, "*".repeat(124))),
                2,
                "ERROR 1002");
        add(
                "7.5.1",
                "RFC 6455 5.5.1",
                "a reason that is not UTF-8",
                masked(FIN, CLOSE, cat(close(1000, ""), hex("ce ba e1 bd b9 ce bc ce b5 ed a0 80 65 64 69 74 65 64"))),
                "ERROR 1007");
        for (int code : new int[] {
            1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999
        }) {
            add(
                    "7.7." + code,
                    "RFC 6455 7.4.1",
                    "the valid close code " + code,
                    masked(FIN, CLOSE, close(code, "")),
                    "CLOSE " + code + " ''");
        }
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
            add(
                    "7.9." + code,
                    "RFC 6455 7.4.1",
                    "the close code " + code + ", which may not be sent",
                    masked(FIN, CLOSE, close(code, "")),
                    "ERROR 1002");
        }

        // ---- masking ----
        failFast(
                "M.1",
                "RFC 6455 5.1",
                "an unmasked frame to the server",
                unmasked(FIN, TEXT, utf8("x")),
                2,
                "ERROR 1002");
        CASES.add(new Case(
                "M.2",
                "RFC 6455 5.1",
                "a masked frame to the client",
                FrameDecoderCasesTest::client,
                masked(FIN, TEXT, utf8("x")),
                List.of("ERROR 1002"),
                2));

        // ---- limits ----
        CASES.add(new Case(
                "L.1",
                "RFC 6455 10.4",
                "a frame over the limit fails on its header",
                () -> new FrameDecoder(true, 100, false, false),
                masked(FIN, BINARY, bytes(101, 1)),
                List.of("ERROR 1009"),
                8));
        CASES.add(new Case(
                "L.2",
                "RFC 6455 10.4",
                "fragments that together pass the limit",
                () -> new FrameDecoder(true, 100, false, false),
                cat(masked(0, BINARY, bytes(60, 1)), masked(FIN, CONTINUATION, bytes(60, 2))),
                List.of("ERROR 1009"),
                66 + 8));
        CASES.add(new Case(
                "L.3",
                "RFC 6455 10.4",
                "exactly the limit passes",
                () -> new FrameDecoder(true, 100, false, false),
                masked(FIN, BINARY, bytes(100, 1)),
                List.of("BINARY 100"),
                0));
        CASES.add(new Case(
                "L.4",
                "RFC 6455 10.4",
                "no limit with 0",
                () -> new FrameDecoder(true, 0, false, false),
                masked(FIN, BINARY, bytes(200_000, 1)),
                List.of("BINARY 200000"),
                0));

        // ---- 12/13: permessage-deflate ----
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] hello = deflate(d, utf8("Hello, Hello, Hello"));
        d.reset();
        add(
                "12.1",
                "RFC 7692 7.2.2",
                "a compressed text",
                FrameDecoderCasesTest::deflating,
                masked(FIN | RSV1, TEXT, hello),
                "TEXT 'Hello, Hello, Hello'");
        add(
                "12.2",
                "RFC 7692 7.2.2",
                "a compressed text in two fragments, RSV1 on the first only",
                FrameDecoderCasesTest::deflating,
                cat(
                        masked(RSV1, TEXT, java.util.Arrays.copyOf(hello, 3)),
                        masked(FIN, CONTINUATION, java.util.Arrays.copyOfRange(hello, 3, hello.length))),
                "TEXT 'Hello, Hello, Hello'");
        byte[] first = deflate(d, utf8("context context context"));
        byte[] second = deflate(d, utf8("context context context"));
        d.reset();
        add(
                "12.3",
                "RFC 7692 7.2.3.2",
                "context takeover: the second message refers to the first",
                FrameDecoderCasesTest::deflating,
                cat(masked(FIN | RSV1, TEXT, first), masked(FIN | RSV1, TEXT, second)),
                "TEXT 'context context context'",
                "TEXT 'context context context'");
        add(
                "12.4",
                "RFC 7692 7.2.2",
                "an uncompressed message between compressed ones",
                FrameDecoderCasesTest::deflating,
                cat(
                        masked(FIN | RSV1, TEXT, hello),
                        masked(FIN, BINARY, hex("0102")),
                        masked(
                                FIN | RSV1,
                                TEXT,
                                deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), utf8("again")))),
                "TEXT 'Hello, Hello, Hello'",
                "BINARY 2 0102",
                "TEXT 'again'");
        add(
                "12.5",
                "RFC 7692 7.2.3.6",
                "an empty compressed message (a single 00 byte)",
                FrameDecoderCasesTest::deflating,
                masked(FIN | RSV1, BINARY, hex("00")),
                "BINARY 0");
        add(
                "12.6",
                "RFC 7692 7.2.3.1",
                "a compressed ping is refused: RSV1 on a control frame",
                FrameDecoderCasesTest::deflating,
                masked(FIN | RSV1, PING, new byte[0]),
                "ERROR 1002");
        add(
                "12.7",
                "RFC 7692 6.1",
                "RSV1 on a continuation frame",
                FrameDecoderCasesTest::deflating,
                cat(
                        masked(RSV1, TEXT, java.util.Arrays.copyOf(hello, 3)),
                        masked(FIN | RSV1, CONTINUATION, java.util.Arrays.copyOfRange(hello, 3, hello.length))),
                "ERROR 1002");
        add(
                "12.8",
                "RFC 7692 8",
                "data that does not inflate",
                FrameDecoderCasesTest::deflating,
                masked(FIN | RSV1, BINARY, hex("ff ff ff ff 00")),
                "ERROR 1007");
        CASES.add(new Case(
                "12.10",
                "RFC 7692 7.1.1.1",
                "with server_no_context_takeover agreed, the inflater is"
                        + " reset, so a message that refers to the previous one does not inflate",
                () -> new FrameDecoder(false, LIMIT, true, true),
                cat(unmasked(FIN | RSV1, TEXT, first), unmasked(FIN | RSV1, TEXT, second)),
                List.of("TEXT 'context context context'", "ERROR 1007"),
                0));
        byte[] badText = deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), hex("61 c0 80 62"));
        add(
                "12.9",
                "RFC 6455 8.1",
                "a compressed text that inflates to invalid UTF-8",
                FrameDecoderCasesTest::deflating,
                masked(FIN | RSV1, TEXT, badText),
                "ERROR 1007");
        byte[] bomb = deflate(new Deflater(Deflater.BEST_COMPRESSION, true), new byte[10 << 20]);
        CASES.add(new Case(
                "13.1",
                "RFC 7692 8.1",
                "a zip bomb (10 MiB of zeros in " + bomb.length + " bytes) stops at the limit while inflating",
                () -> new FrameDecoder(true, 1 << 20, true, false),
                masked(FIN | RSV1, BINARY, bomb),
                List.of("ERROR 1009"),
                bomb.length / 2));
        CASES.add(new Case(
                "13.2",
                "RFC 7692 8.1",
                "a compressed message that inflates to exactly the limit",
                () -> new FrameDecoder(true, 1000, true, false),
                masked(FIN | RSV1, BINARY, deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), new byte[1000])),
                List.of("BINARY 1000"),
                0));
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reachesItsExpectedOutcome(Case c) {
        Frames.Run whole = Frames.run(c.decoder().get(), c.input(), Integer.MAX_VALUE);
        assertThat(whole.events()).as(c.toString()).isEqualTo(c.expected());
        for (int piece : new int[] {1, 2, 7}) {
            Frames.Run r = Frames.run(c.decoder().get(), c.input(), piece);
            assertThat(r.events()).as("%s, fed %d bytes at a time", c, piece).isEqualTo(c.expected());
        }
        if (c.failBy() > 0) {
            Frames.Run bytewise = Frames.run(c.decoder().get(), c.input(), 1);
            assertThat(bytewise.errorAt())
                    .as("%s fails by byte %d of %d", c, c.failBy(), c.input().length)
                    .isPositive()
                    .isLessThanOrEqualTo(c.failBy());
        }
    }
}
