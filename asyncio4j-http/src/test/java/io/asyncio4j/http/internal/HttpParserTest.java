package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpParseException;
import io.asyncio4j.http.HttpVersion;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpParserTest {

    /** Parses {@code input} whole and in pieces of 1, 2, 3 and 7 bytes; all must agree. */
    private static List<String> requests(String input) {
        return sameInEveryPiece(input, true, HttpLimits.defaults(), null);
    }

    private static List<String> responses(String input) {
        return sameInEveryPiece(input, false, HttpLimits.defaults(), null);
    }

    private static List<String> responsesTo(String method, String input) {
        return sameInEveryPiece(input, false, HttpLimits.defaults(), method);
    }

    private static List<String> requests(String input, HttpLimits limits) {
        return sameInEveryPiece(input, true, limits, null);
    }

    static List<String> sameInEveryPiece(String input, boolean requests, HttpLimits limits, String method) {
        List<String> whole = null;
        for (int piece : new int[] {Integer.MAX_VALUE, 1, 2, 3, 7}) {
            HttpParser p = requests ? HttpParser.forRequests(limits) : HttpParser.forResponses(limits);
            if (method != null) {
                p.expectResponseTo(method);
            }
            List<String> t = Transcript.of(p, Transcript.bytes(input), piece);
            if (whole == null) {
                whole = t;
            } else {
                assertThat(t).as("pieces of %d bytes", piece).isEqualTo(whole);
            }
        }
        return whole;
    }

    private static String last(List<String> transcript) {
        return transcript.get(transcript.size() - 1);
    }

    // ---- requests that are fine

    @Test
    void simpleGetKeepsHeaderOrderAndSpelling() {
        assertThat(requests("GET /a?b=c HTTP/1.1\r\nHost: example.com\r\nuser-agent: t\r\nX-Custom:  v  \r\n\r\n"))
                .containsExactly("""
                        request GET /a?b=c HTTP/1.1 form=ORIGIN body=NONE keep-alive
                          Host: example.com
                          user-agent: t
                          X-Custom: v""", "END", "CLOSED");
    }

    @Test
    void commonNamesAreSharedStrings() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(Transcript.bytes(
                "GET / HTTP/1.1\r\nHost: a\r\ncontent-type: x\r\nCoNtEnT-LeNgTh: 0\r\nX-Odd: 1\r\n\r\n"));
        assertThat(p.next(in)).isEqualTo(HttpParser.Event.HEAD);
        var h = p.request().headers();
        assertThat(h.name(0)).isSameAs(HeaderNames.HOST);
        assertThat(h.name(1)).isSameAs("content-type".intern());
        assertThat(h.name(2)).isEqualTo("CoNtEnT-LeNgTh");
        assertThat(h.get("content-length")).isEqualTo("0");
        assertThat(h.get("x-odd")).isEqualTo("1");
        assertThat(p.request().method()).isSameAs("GET");
    }

    @Test
    void contentLengthBodyAndPipelinedRequests() {
        assertThat(requests("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                        + "GET /q HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
                .containsExactly("""
                        request POST /p HTTP/1.1 form=ORIGIN body=LENGTH(5) keep-alive
                          Host: h
                          Content-Length: 5""", "body hello", "END", """
                        request GET /q HTTP/1.1 form=ORIGIN body=NONE close
                          Host: h
                          Connection: close""", "END", "CLOSED");
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() {
        assertThat(requests("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;name=value\r\nhello\r\n6 ; x\r\n world\r\n0\r\nChecksum: abc\r\nX-T: 1\r\n\r\n"))
                .containsExactly(
                        """
                        request POST / HTTP/1.1 form=ORIGIN body=CHUNKED keep-alive
                          Host: h
                          Transfer-Encoding: chunked""", "body hello world", "trailers <Headers('Checksum': 'abc', 'X-T': '1')>", "END", "CLOSED");
    }

    @Test
    void chunkSizesAreHexAndMayHaveLeadingZeros() {
        assertThat(requests("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                        + "00A\r\n0123456789\r\n000\r\n\r\n"))
                .contains("body 0123456789");
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() {
        assertThat(requests("GET / HTTP/1.0\r\n\r\n").get(0))
                .contains("HTTP/1.0")
                .endsWith("close");
        assertThat(requests("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nGET / HTTP/1.0\r\n\r\n"))
                .hasSize(5)
                .element(0)
                .asString()
                .contains("keep-alive");
        assertThat(requests("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, close\r\n\r\n")
                        .get(0))
                .contains("close");
    }

    @Test
    void minorVersionAboveOneReadsAsHttp11() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        p.next(ByteBuffer.wrap(Transcript.bytes("GET / HTTP/1.7\r\nHost: h\r\n\r\n")));
        assertThat(p.request().version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void leadingEmptyLinesAreIgnored() {
        assertThat(requests("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").get(0)).startsWith("request GET /");
    }

    @Test
    void targetForms() {
        assertThat(requests("GET http://a.example/x HTTP/1.1\r\nHost: a.example\r\n\r\n")
                        .get(0))
                .contains("form=ABSOLUTE");
        assertThat(requests("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").get(0)).contains("form=ASTERISK");
        assertThat(requests("CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\nTLS..."))
                .containsExactly("""
                        request CONNECT a.example:443 HTTP/1.1 form=AUTHORITY upgrade body=NONE keep-alive
                          Host: a.example:443""", "END", "UPGRADE rest=TLS...");
    }

    @Test
    void upgradeRequestStopsAfterItsMessageAndCanContinue() {
        String ws = "GET /chat HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n";
        assertThat(last(requests(ws + "\u0081\u0085frame"))).isEqualTo("UPGRADE rest=\\x81\\x85frame");

        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(Transcript.bytes(ws + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertThat(p.next(in)).isEqualTo(HttpParser.Event.HEAD);
        assertThat(p.request().upgrade()).isTrue();
        assertThat(p.next(in)).isEqualTo(HttpParser.Event.END);
        assertThat(p.next(in)).isEqualTo(HttpParser.Event.UPGRADE);
        p.continueHttp();
        assertThat(p.next(in)).isEqualTo(HttpParser.Event.HEAD);
        assertThat(p.request().target()).isEqualTo("/next");
    }

    @Test
    void upgradeIsIgnoredInHttp10AndWithoutTheConnectionOption() {
        assertThat(requests("GET / HTTP/1.0\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n")
                        .get(0))
                .doesNotContain("upgrade body");
        assertThat(requests("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n")
                        .get(0))
                .doesNotContain(" upgrade ");
    }

    @Test
    void expectContinue() {
        assertThat(requests("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx")
                        .get(0))
                .contains("expect-continue");
        assertThat(requests("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx")
                        .get(0))
                .doesNotContain("expect-continue");
    }

    // ---- requests that are refused

    private static void refused(String input, String error) {
        assertThat(last(requests(input))).isEqualTo("ERROR " + error);
    }

    @Test
    void framingAmbiguitiesAreRefused() {
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                "400 Content-Length and Transfer-Encoding together (a request smuggling pattern)");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
                "400 Content-Length repeated");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc",
                "400 Content-Length \"3, 3\" is not a number of bytes");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +3\r\n\r\nabc",
                "400 Content-Length \"+3\" is not a number of bytes");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n",
                "400 Content-Length too large or malformed");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
                "400 chunked applied more than once");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n",
                "400 chunked is not the final transfer coding");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n",
                "501 transfer coding gzip is not implemented (only chunked is)");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n",
                "501 transfer coding xchunked is not implemented (only chunked is)");
        refused(
                "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
                "400 Transfer-Encoding in an HTTP/1.0 request (its framing cannot be trusted)");
    }

    @Test
    void malformedLinesAreRefused() {
        refused(
                "GET / HTTP/1.1\nHost: h\r\n\r\n",
                "400 the request line ends with a bare LF; HTTP/1.1 lines end with CRLF");
        refused(
                "GET / HTTP/1.1\r\nHost: h\n\r\n",
                "400 a field line ends with a bare LF; HTTP/1.1 lines end with CRLF");
        refused("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", "400 bare CR in the value of Host");
        refused("GET / HTTP/1.1\r\nHost: h\r\nX: a\u0000b\r\n\r\n", "400 NUL in the value of X");
        refused("GET / HTTP/1.1\r\nHost: h\r\nX: a\u0001b\r\n\r\n", "400 invalid byte 0x01 in the value of X");
        refused(
                "GET / HTTP/1.1\r\nHost: h\r\nX : y\r\n\r\n",
                "400 whitespace between the field name and the colon (a request smuggling pattern)");
        refused(
                "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n",
                "400 obsolete line folding (obs-fold) in a request; send each field on one line");
        refused("GET / HTTP/1.1\r\n Host: h\r\n\r\n", "400 the first field line starts with whitespace");
        refused("GET / HTTP/1.1\r\nX\u0001: a\r\nHost: h\r\n\r\n", "400 invalid byte 0x01 in a field name");
        refused("GET / HTTP/1.1\r\n: a\r\nHost: h\r\n\r\n", "400 a field line has no name before its colon");
        refused("GET / HTTP/1.1\r\n@: a\r\nHost: h\r\n\r\n", "400 invalid byte '@' at the start of a field line");
        refused("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", "400 two spaces after the method");
        refused("GET /\r\n\r\n", "400 the request line has no HTTP version (HTTP/0.9 is not supported)");
        refused(
                "GET / HTTP/1.1 \r\nHost: h\r\n\r\n",
                "400 malformed HTTP version in the request line: expected HTTP/1.1");
        refused(
                "GET / http/1.1\r\nHost: h\r\n\r\n",
                "400 malformed HTTP version in the request line: expected HTTP/1.1");
        refused("GET / HTTP/2.0\r\nHost: h\r\n\r\n", "505 HTTP/2.0 is not supported");
        refused("G@T / HTTP/1.1\r\nHost: h\r\n\r\n", "400 invalid byte '@' in the method");
        refused("GET /a\u0001 HTTP/1.1\r\nHost: h\r\n\r\n", "400 invalid byte 0x01 in the request target");
        refused(
                "GET /a#frag HTTP/1.1\r\nHost: h\r\n\r\n",
                "400 the request target holds a fragment (#), which is never sent");
    }

    @Test
    void hostRules() {
        refused("GET / HTTP/1.1\r\n\r\n", "400 an HTTP/1.1 request must have a Host field");
        refused("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "400 Host repeated");
        refused("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", "400 invalid byte '/' in the Host field");
        refused("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", "400 invalid byte SP (0x20) in the Host field");
    }

    @Test
    void targetFormsOutOfPlaceAreRefused() {
        refused("GET * HTTP/1.1\r\nHost: h\r\n\r\n", "400 the asterisk-form target * is for OPTIONS only");
        refused(
                "GET a.example:80 HTTP/1.1\r\nHost: h\r\n\r\n",
                "400 the request target must start with / (or be an absolute URI; host:port is for CONNECT only)");
        refused("CONNECT /x HTTP/1.1\r\nHost: h\r\n\r\n", "400 a CONNECT target must be host:port (authority-form)");
    }

    @Test
    void chunkSyntaxIsStrict() {
        String head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        refused(head + "-5\r\nhello\r\n0\r\n\r\n", "400 invalid chunk size: '-' is not a hex digit");
        refused(head + "+5\r\nhello\r\n0\r\n\r\n", "400 invalid chunk size: '+' is not a hex digit");
        refused(head + "0x5\r\nhello\r\n0\r\n\r\n", "400 invalid byte 'x' after the chunk size");
        refused(head + "\r\nhello\r\n0\r\n\r\n", "400 invalid chunk size: empty");
        refused(head + "5 \r\nhello\r\n0\r\n\r\n", "400 invalid byte SP (0x20) after the chunk size");
        refused(head + "1ffffffffffffffff\r\n", "400 the chunk size overflows");
        refused(head + "5\r\nhelloXX\r\n0\r\n\r\n", "400 chunk data not followed by CRLF (longer than its chunk size)");
        refused(head + "5\r\nhello\n0\r\n\r\n", "400 chunk data followed by a bare LF; HTTP/1.1 lines end with CRLF");
        refused(
                head + "5\nhello\r\n0\r\n\r\n",
                "400 the chunk-size line ends with a bare LF; HTTP/1.1 lines end with CRLF");
        refused(head + "5;a=\u0000\r\nhello\r\n0\r\n\r\n", "400 NUL in a chunk extension");
    }

    @Test
    void truncatedMessagesAreErrorsAtEof() {
        refused("GET / HTTP/1.1\r\nHost: h\r\n", "400 the connection closed in the middle of a message head");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nab",
                "400 the connection closed after 2 of 5 body bytes");
        refused(
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
                "400 the connection closed in the middle of a chunk");
    }

    // ---- limits

    @Test
    void limitsGiveTheirStatus() {
        HttpLimits small = HttpLimits.defaults()
                .withMaxLineSize(20)
                .withMaxFieldSize(12)
                .withMaxHeaders(2)
                .withMaxHeadSize(100)
                .withMaxBodySize(4)
                .withMaxChunkExtensionsSize(8);
        assertThat(last(requests("GET /aaaaaaaaaaaaaaaaaaaaaa HTTP/1.1\r\n\r\n", small)))
                .isEqualTo("ERROR 414 the request line exceeds 20 bytes");
        assertThat(last(requests("GET / HTTP/1.1\r\nHost: h\r\nX: aaaaaaaaaaaa\r\n\r\n", small)))
                .isEqualTo("ERROR 431 a header field line exceeds 12 bytes");
        assertThat(last(requests("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", small)))
                .isEqualTo("ERROR 431 more than 2 header fields");
        small = small.withMaxFieldSize(40);
        assertThat(last(requests("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello", small)))
                .isEqualTo("ERROR 413 Content-Length 5 exceeds the limit of 4 bytes");
        assertThat(last(requests(
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n",
                        small)))
                .isEqualTo("ERROR 413 the body exceeds the limit of 4 bytes");
        assertThat(last(requests(
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;aaaa\r\na\r\n1;bbbb\r\nb\r\n0\r\n\r\n",
                        small)))
                .isEqualTo("ERROR 400 chunk extensions exceed 8 bytes in one message");
    }

    @Test
    void anOverlongChunkLineGivesOneErrorHoweverItIsSplit() {
        // Found by the fuzzer: whole, the bare CR was reported; byte by byte, the length.
        HttpLimits limits = HttpLimits.defaults().withMaxChunkExtensionsSize(8);
        String line = "1;" + "a".repeat(10) + "\r" + "b".repeat(20) + "\r\nx\r\n0\r\n\r\n";
        assertThat(last(requests("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + line, limits)))
                .isEqualTo("ERROR 400 a chunk-size line exceeds 26 bytes (chunk extensions are limited to 8 bytes in"
                        + " one message)");
    }

    @Test
    void aLineWithoutEndIsRefusedBeforeItEnds() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults().withMaxLineSize(10));
        ByteBuffer in = ByteBuffer.wrap(Transcript.bytes("GET /aaaaaaaaaaaaa"));
        assertThatThrownBy(() -> p.next(in))
                .isInstanceOf(HttpParseException.class)
                .hasMessage("414 the request line exceeds 10 bytes");
        assertThatThrownBy(() -> p.next(in)).hasMessage("414 the request line exceeds 10 bytes");
    }

    // ---- responses

    @Test
    void responseFramings() {
        assertThat(responses("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"))
                .containsExactly(
                        "response HTTP/1.1 200 'OK' body=LENGTH(2) keep-alive\n  Content-Length: 2",
                        "body hi",
                        "END",
                        "CLOSED");
        assertThat(responses("HTTP/1.1 200 OK\r\n\r\nuntil the end"))
                .containsExactly(
                        "response HTTP/1.1 200 'OK' body=UNTIL_CLOSE close", "body until the end", "END", "CLOSED");
        assertThat(responses("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"))
                .containsExactly(
                        "response HTTP/1.1 204 'No Content' body=NONE keep-alive\n  Content-Length: 5",
                        "END",
                        "CLOSED");
        assertThat(responses("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .get(0))
                .contains("body=NONE");
        assertThat(responsesTo("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n"))
                .containsExactly(
                        "response HTTP/1.1 200 'OK' body=NONE keep-alive\n  Content-Length: 500", "END", "CLOSED");
    }

    @Test
    void interimResponsesPrecedeTheFinalOne() {
        assertThat(responses("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx"))
                .containsExactly(
                        "response HTTP/1.1 100 'Continue' body=NONE keep-alive",
                        "response HTTP/1.1 103 'Early Hints' body=NONE keep-alive\n  Link: </s.css>",
                        "response HTTP/1.1 200 'OK' body=LENGTH(1) keep-alive\n  Content-Length: 1",
                        "body x",
                        "END",
                        "CLOSED");
    }

    @Test
    void switchingProtocolsAndTunnels() {
        assertThat(responses(
                        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0081"))
                .endsWith("END", "UPGRADE rest=\\x81");
        assertThat(responsesTo("CONNECT", "HTTP/1.1 200 Connection established\r\n\r\nraw"))
                .endsWith("END", "UPGRADE rest=raw");
    }

    @Test
    void responsesAreLenientWhereRfc9112AllowsIt() {
        // Bare LF line ends and a status line without a reason are read; obs-fold becomes a space.
        assertThat(responses("HTTP/1.1 200\nX: a\n  b\nContent-Length: 0\n\n"))
                .containsExactly(
                        "response HTTP/1.1 200 '' body=NONE(0) keep-alive\n  X: a b\n  Content-Length: 0",
                        "END",
                        "CLOSED");
        assertThat(responses("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\nhi\n0\n\n"))
                .contains("body hi");
    }

    @Test
    void responseErrors() {
        assertThat(last(responses("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")))
                .isEqualTo("ERROR 400 Content-Length and Transfer-Encoding together (a response splitting pattern)");
        assertThat(last(responses("HTTP/1.1 20 OK\r\n\r\n")))
                .isEqualTo("ERROR 400 the status code is not three digits");
        assertThat(last(responses("HTTP/1.1 700 Odd\r\n\r\n")))
                .isEqualTo("ERROR 400 status code 700 is outside 100-599");
        assertThat(last(responses("HTTP/3.0 200 OK\r\n\r\n"))).isEqualTo("ERROR 505 HTTP/3.0 is not supported");
        assertThat(last(responses("HTTP/1.1 200 O\u0000K\r\n\r\n"))).isEqualTo("ERROR 400 NUL in the reason phrase");
    }

    @Test
    void aFailedParserStaysFailed() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        ByteBuffer bad = ByteBuffer.wrap(Transcript.bytes("GET / HTTP/1.1\r\nX : y\r\n\r\n"));
        assertThatThrownBy(() -> p.next(bad)).isInstanceOf(HttpParseException.class);
        ByteBuffer good = ByteBuffer.wrap(Transcript.bytes("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertThatThrownBy(() -> p.next(good))
                .isInstanceOf(HttpParseException.class)
                .extracting(e -> ((HttpParseException) e).status())
                .isEqualTo(400);
    }

    @Test
    void directBuffersParseLikeHeapBuffers() {
        byte[] input = Transcript.bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        ByteBuffer direct = ByteBuffer.allocateDirect(input.length).put(input).flip();
        assertThat(p.next(direct)).isEqualTo(HttpParser.Event.HEAD);
        assertThat(p.request().headers().get("host")).isEqualTo("h");
        assertThat(p.next(direct)).isEqualTo(HttpParser.Event.BODY);
        assertThat(p.body().isDirect()).as("a body is a slice, not a copy").isTrue();
        assertThat(p.body().remaining()).isEqualTo(3);
        assertThat(p.next(direct)).isEqualTo(HttpParser.Event.END);
    }
}
