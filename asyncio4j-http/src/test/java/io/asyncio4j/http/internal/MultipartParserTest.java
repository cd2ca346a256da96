package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The multipart parser on RFC 2046's and RFC 7578's examples and on every edge a sender or an
 * attacker can produce. Each input is parsed whole, one byte at a time and in pieces of 2, 3 and 7
 * bytes, and the transcripts must agree.
 */
class MultipartParserTest {
    private static final int MAX_HEAD = 8192;

    static List<String> parse(String boundary, String body) {
        return parse(boundary, body.getBytes(StandardCharsets.ISO_8859_1), 1000, MAX_HEAD);
    }

    static List<String> parse(String boundary, byte[] body, int maxParts, int maxHead) {
        List<String> whole = MultipartTranscript.of(
                new MultipartParser(boundary, maxParts, maxHead), boundary, maxHead, body, Math.max(1, body.length));
        for (int piece : new int[] {1, 2, 3, 7}) {
            assertThat(MultipartTranscript.of(
                            new MultipartParser(boundary, maxParts, maxHead), boundary, maxHead, body, piece))
                    .as("fed in pieces of " + piece)
                    .isEqualTo(whole);
        }
        return whole;
    }

    @Test
    void rfc2046Example() {
        // RFC 2046 section 5.1.1, with its preamble, a part without a head, and its epilogue.
        String body = "This is the preamble.  It is to be ignored, though it\r\n"
                + "is a handy place for composition agents to include an\r\n"
                + "explanatory note to non-MIME conformant readers.\r\n"
                + "\r\n"
                + "--simple boundary\r\n"
                + "\r\n"
                + "This is implicitly typed plain US-ASCII text.\r\n"
                + "It does NOT end with a linebreak.\r\n"
                + "--simple boundary\r\n"
                + "Content-type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "This is explicitly typed plain US-ASCII text.\r\n"
                + "It DOES end with a linebreak.\r\n"
                + "\r\n"
                + "--simple boundary--\r\n"
                + "\r\n"
                + "This is the epilogue.  It is also to be ignored.\r\n";
        assertThat(parse("simple boundary", body))
                .containsExactly(
                        "PART ",
                        "DATA This is implicitly typed plain US-ASCII text.\\r\\nIt does NOT end with a linebreak.",
                        "PART_END",
                        "PART Content-type: text/plain; charset=us-ascii",
                        "DATA This is explicitly typed plain US-ASCII text.\\r\\nIt DOES end with a linebreak.\\r\\n",
                        "PART_END",
                        "END");
    }

    @Test
    void rfc7578FormWithCharsetField() {
        // RFC 7578 section 4.6's example.
        String body = "--AaB03x\r\n"
                + "content-disposition: form-data; name=\"_charset_\"\r\n"
                + "\r\n"
                + "iso-8859-1\r\n"
                + "--AaB03x--\r\n"
                + "content-disposition: form-data; name=\"field1\"\r\n"
                + "\r\n"
                + "...\r\n"
                + "--AaB03x--\r\n";
        // The first "--AaB03x--" closes the body: what follows is epilogue.
        assertThat(parse("AaB03x", body))
                .containsExactly(
                        "PART content-disposition: form-data; name=\"_charset_\"",
                        "DATA iso-8859-1",
                        "PART_END",
                        "END");
    }

    @Test
    void bodyMayStartWithTheBoundaryOrWithCrlfBeforeIt() {
        String parts = "--b\r\nA: 1\r\n\r\nx\r\n--b--";
        List<String> expected = List.of("PART A: 1", "DATA x", "PART_END", "END");
        assertThat(parse("b", parts)).isEqualTo(expected);
        assertThat(parse("b", "\r\n" + parts)).isEqualTo(expected);
        assertThat(parse("b", "junk\r\n" + parts)).isEqualTo(expected);
    }

    @Test
    void preambleThatMentionsTheBoundaryIsIgnored() {
        assertThat(parse("b", "--bb preamble --b\r\n--b\r\n\r\nx\r\n--b--"))
                .containsExactly("PART ", "DATA x", "PART_END", "END");
    }

    @Test
    void transportPaddingAfterBoundaries() {
        assertThat(parse("b", "--b \t \r\nA: 1\r\n\r\nx\r\n--b\t\r\n\r\ny\r\n--b--  \r\nepilogue"))
                .containsExactly("PART A: 1", "DATA x", "PART_END", "PART ", "DATA y", "PART_END", "END");
    }

    @Test
    void crlfAndBoundaryLikeStringsInsideDataAreData() {
        // RFC 2046: a boundary line is "--boundary", padding, CRLF (or "--" for the last); a line that
        // starts with the boundary and goes on with anything else is data.
        String data = "line1\r\n"
                + "\r\n"
                + "--bX is a longer boundary\r\n"
                + "--b-x has one dash\r\n"
                + "x--b mid-line\r\n"
                + "-b\r\n"
                + "--\r\n"
                + "\r\n--";
        assertThat(parse("b", "--b\r\n\r\n" + data + "\r\n--b--"))
                .containsExactly(
                        "PART ",
                        "DATA " + Transcript.escape(data.getBytes(StandardCharsets.ISO_8859_1)),
                        "PART_END",
                        "END");
    }

    @Test
    void aBoundaryFollowedBySpaceEndsThePartEvenInsideText() {
        assertThat(parse("b", "--b\r\n\r\nabc\r\n--b oops\r\n\r\n--b--"))
                .containsExactly(
                        "PART ",
                        "DATA abc",
                        "PART_END",
                        "ERROR 400 the boundary line --b goes on with 'o';"
                                + " only spaces and tabs may follow a boundary before its CRLF");
    }

    @Test
    void emptyPartsAndDataOfOnlyLineBreaks() {
        assertThat(parse("b", "--b\r\n\r\n\r\n--b\r\n\r\n\r\n\r\n--b--"))
                .containsExactly("PART ", "DATA ", "PART_END", "PART ", "DATA \\r\\n", "PART_END", "END");
    }

    @Test
    void closingBoundaryWithNoPartsEndsAtOnce() {
        assertThat(parse("b", "--b--")).containsExactly("END");
        assertThat(parse("b", "preamble\r\n--b--\r\n")).containsExactly("END");
    }

    @Test
    void binaryDataWithEveryByteValue() {
        byte[] data = new byte[512];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] head = "--b\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--b--".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);
        assertThat(parse("b", body, 10, MAX_HEAD))
                .containsExactly("PART ", "DATA " + Transcript.escape(data), "PART_END", "END");
    }

    @Test
    void headsAreUnfoldedAndKeepRawUtf8() {
        String body = "--b\r\n"
                + "Content-Disposition: form-data;\r\n"
                + "\tname=\"f\"; filename=\"na\u00c3\u00afve.txt\"\r\n"
                + "X-Empty:\r\n"
                + "X-Spaces:   v   \r\n"
                + "\r\n"
                + "x\r\n--b--";
        assertThat(parse("b", body))
                .containsExactly(
                        "PART Content-Disposition: form-data; name=\"f\"; filename=\"na\u00c3\u00afve.txt\" |"
                                + " X-Empty:  | X-Spaces: v",
                        "DATA x",
                        "PART_END",
                        "END");
    }

    @Test
    void missingClosingBoundaryIsAnError() {
        String cut =
                "the multipart body ends inside part 1, before its closing boundary --b--: the upload was cut short";
        assertThat(parse("b", "--b\r\n\r\nabc")).containsExactly("PART ", "DATA abc", "ERROR 400 " + cut);
        assertThat(parse("b", "--b\r\n\r\nabc\r\n--")).containsExactly("PART ", "DATA abc", "ERROR 400 " + cut);
        assertThat(parse("b", "--b\r\n\r\nabc\r\n--b-")).containsExactly("PART ", "DATA abc", "ERROR 400 " + cut);
        assertThat(parse("b", "--b\r\n\r\nabc\r\n--b")).containsExactly("PART ", "DATA abc", "ERROR 400 " + cut);
        assertThat(parse("b", "--b\r\n\r\nabc\r\n--b \r"))
                .containsExactly(
                        "PART ",
                        "DATA abc",
                        "PART_END",
                        "ERROR 400 the multipart body ends after a boundary line without its closing '--': the upload"
                                + " was cut short");
        assertThat(parse("b", "--b\r\nA: 1\r\n"))
                .containsExactly("ERROR 400 the multipart body ends inside the head of part 1");
    }

    @Test
    void bodyWithoutItsBoundaryIsAnError() {
        assertThat(parse("b", ""))
                .containsExactly("ERROR 400 the multipart body is empty: it has no boundary line --b");
        assertThat(parse("b", "--c\r\n\r\nx\r\n--c--"))
                .containsExactly("ERROR 400 the multipart body has no boundary line --b: the boundary in Content-Type"
                        + " does not match the body");
        assertThat(parse("b", "--bx\r\n\r\n--b"))
                .containsExactly("ERROR 400 the multipart body has no boundary line --b: the boundary in Content-Type"
                        + " does not match the body");
    }

    @Test
    void lineEndsOtherThanCrlfAreErrors() {
        assertThat(parse("b", "--b\n\nx\n--b--\n"))
                .containsExactly("ERROR 400 the boundary line --b ends with a bare LF; multipart lines end with CRLF");
        assertThat(parse("b", "--b\r\nA: 1\n\r\n"))
                .containsExactly("ERROR 400 a line in the head of multipart part 1 ends with a bare LF; multipart"
                        + " lines end with CRLF");
        assertThat(parse("b", "--b\r\nA: 1\rB: 2\r\n\r\n"))
                .containsExactly("ERROR 400 a bare CR in the head of multipart part 1");
        assertThat(parse("b", "--b\r\r\n"))
                .containsExactly("ERROR 400 the boundary line --b ends with a bare CR; multipart lines end with CRLF");
    }

    @Test
    void malformedHeadLinesAreErrors() {
        assertThat(parse("b", "--b\r\nno colon here\r\n\r\n"))
                .containsExactly("ERROR 400 a line in the head of multipart part 1 has no colon: \"no colon here\"");
        assertThat(parse("b", "--b\r\nName : v\r\n\r\n"))
                .containsExactly(
                        "ERROR 400 a field name in the head of multipart part 1 holds SP (0x20) before its colon");
        assertThat(parse("b", "--b\r\n: v\r\n\r\n"))
                .containsExactly("ERROR 400 a field in the head of multipart part 1 has an empty name");
        assertThat(parse("b", "--b\r\n folded first\r\n\r\n"))
                .containsExactly("ERROR 400 the head of multipart part 1 begins with a continuation line");
        assertThat(parse("b", "--b\r\nA: x\u0000y\r\n\r\n"))
                .containsExactly("ERROR 400 a field value in the head of multipart part 1 holds NUL (0x00)");
    }

    @Test
    void tooManyPartsIs413() {
        String body = "--b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b\r\n\r\n3\r\n--b--";
        assertThat(parse("b", body.getBytes(StandardCharsets.US_ASCII), 2, MAX_HEAD))
                .containsExactly(
                        "PART ",
                        "DATA 1",
                        "PART_END",
                        "PART ",
                        "DATA 2",
                        "PART_END",
                        "ERROR 413 the multipart body has more than 2 parts");
    }

    @Test
    void headLimitCountsEveryByteOfTheHead() {
        // "A: 12345\r\n" + "\r\n" = 12 bytes.
        byte[] body = "--b\r\nA: 12345\r\n\r\nx\r\n--b--".getBytes(StandardCharsets.US_ASCII);
        assertThat(parse("b", body, 10, 12)).containsExactly("PART A: 12345", "DATA x", "PART_END", "END");
        assertThat(parse("b", body, 10, 11)).containsExactly("ERROR 413 the head of multipart part 1 exceeds 11 bytes");
    }

    @Test
    void paddingIsBounded() {
        String body = "--b" + " ".repeat(257) + "\r\n\r\nx\r\n--b--";
        assertThat(parse("b", body)).containsExactly("ERROR 400 more than 256 spaces or tabs after the boundary --b");
        assertThat(parse("b", "--b" + " ".repeat(256) + "\r\n\r\nx\r\n--b--"))
                .containsExactly("PART ", "DATA x", "PART_END", "END");
    }

    @Test
    void longestBoundaryAndNearMissesOfIt() {
        String boundary = "'()+_,-./:=?0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV";
        assertThat(boundary).hasSize(70);
        String nearMiss = "\r\n--" + boundary.substring(0, 69) + "!";
        String body = "--" + boundary + "\r\n\r\n" + nearMiss.repeat(20) + "\r\n--" + boundary + "--";
        assertThat(parse(boundary, body))
                .containsExactly(
                        "PART ",
                        "DATA " + Transcript.escape(nearMiss.repeat(20).getBytes(StandardCharsets.US_ASCII)),
                        "PART_END",
                        "END");
    }

    @Test
    void invalidBoundariesAreRefused() {
        assertThat(MultipartParser.checkBoundary("")).isEqualTo("the multipart boundary is empty");
        assertThat(MultipartParser.checkBoundary("x".repeat(71)))
                .isEqualTo("the multipart boundary is 71 characters long; RFC 2046 allows at most 70");
        assertThat(MultipartParser.checkBoundary("a\rb"))
                .isEqualTo("the multipart boundary holds CR (0x0D) at index 1; a boundary is printable ASCII");
        assertThat(MultipartParser.checkBoundary("a\u00e9"))
                .isEqualTo("the multipart boundary holds 0xE9 at index 1; a boundary is printable ASCII");
        assertThat(MultipartParser.checkBoundary("ab "))
                .isEqualTo("the multipart boundary ends with a space, which RFC 2046 forbids");
        assertThat(MultipartParser.checkBoundary("simple boundary")).isNull();
        assertThatThrownBy(() -> new MultipartParser("", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the multipart boundary is empty");
    }

    @Test
    void aFailedParserThrowsTheSameErrorAgain() {
        MultipartParser parser = new MultipartParser("b", 10, 100);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap("--b\r\nbad\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Throwable first = org.assertj.core.api.Assertions.catchThrowable(() -> parser.next(in));
        assertThat(first).hasMessageContaining("has no colon");
        assertThatThrownBy(() -> parser.next(in)).isSameAs(first);
    }
}
