package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeadWriterTest {

    private static String text(HeadWriter w) {
        return new String(w.array(), 0, w.length(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void responseHeadInOneBufferWithDateAndLength() {
        HeadWriter w = new HeadWriter();
        w.response(HttpVersion.HTTP_1_1, 200, null, Headers.of("Content-Type", "text/plain"), 5);
        String date = new String(DateCache.line(), StandardCharsets.US_ASCII);
        assertThat(text(w))
                .isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n" + date + "\r\n");
        assertThat(w.buffer().remaining()).isEqualTo(w.length());
    }

    @Test
    void reasonsVersionsAndFramings() {
        HeadWriter w = new HeadWriter();
        Headers dated = Headers.of("Date", "Sun, 06 Nov 1994 08:49:37 GMT");
        w.response(HttpVersion.HTTP_1_0, 404, null, dated, HeadWriter.NO_FRAMING);
        assertThat(text(w)).isEqualTo("HTTP/1.0 404 Not Found\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n");
        w.response(HttpVersion.HTTP_1_1, 299, null, dated, HeadWriter.CHUNKED);
        assertThat(text(w))
                .isEqualTo(
                        "HTTP/1.1 299 \r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nTransfer-Encoding: chunked\r\n\r\n");
        w.response(HttpVersion.HTTP_1_1, 200, "Fine", dated, 0);
        assertThat(text(w)).startsWith("HTTP/1.1 200 Fine\r\n").contains("Content-Length: 0\r\n");
        w.request("POST", "/upload?x=1", HttpVersion.HTTP_1_1, Headers.of("Host", "h"), 12345678901L);
        assertThat(text(w)).isEqualTo("POST /upload?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 12345678901\r\n\r\n");
    }

    @Test
    void dateIsImfFixdateCachedPerSecond() {
        long t = Instant.parse("1994-11-06T08:49:37.250Z").toEpochMilli();
        byte[] a = DateCache.line(t);
        assertThat(new String(a, StandardCharsets.US_ASCII)).isEqualTo("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
        assertThat(DateCache.line(t + 700)).isSameAs(a);
        assertThat(new String(DateCache.line(t + 750), StandardCharsets.US_ASCII))
                .endsWith(":38 GMT\r\n");
    }

    @Test
    void injectionIsRefusedWithTheFieldAndPosition() {
        HeadWriter w = new HeadWriter();
        Headers h = Headers.of("Host", "h");
        assertThatThrownBy(() -> w.response(HttpVersion.HTTP_1_1, 200, "OK\r\nSet-Cookie: x", h, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason phrase holds CR (0x0D) at index 2: line breaks would let the text forge fields"
                        + " or a second message (header injection)");
        assertThatThrownBy(() -> w.request("GET", "/a b", HttpVersion.HTTP_1_1, h, HeadWriter.NO_FRAMING))
                .hasMessageStartingWith("request target holds SP (0x20) at index 2");
        assertThatThrownBy(() -> w.request("GET", "/\nGET /admin", HttpVersion.HTTP_1_1, h, HeadWriter.NO_FRAMING))
                .hasMessageStartingWith("request target holds LF (0x0A) at index 1");
        assertThatThrownBy(() -> w.request("G T", "/", HttpVersion.HTTP_1_1, h, HeadWriter.NO_FRAMING))
                .hasMessageContaining("a method is a token");
        assertThatThrownBy(() -> w.request("GET", "/\u0000", HttpVersion.HTTP_1_1, h, HeadWriter.NO_FRAMING))
                .hasMessageStartingWith("request target holds NUL (0x00) at index 1");
        assertThatThrownBy(() -> w.response(HttpVersion.HTTP_1_1, 600, null, h, 0))
                .hasMessage("status must be 100-599, got 600");
        assertThatThrownBy(() -> w.response(HttpVersion.HTTP_1_1, 200, null, Headers.of("Content-Length", "3"), 3))
                .hasMessageContaining("the headers hold Content-Length and a framing was asked for too");
    }

    @Test
    void whatIsWrittenParsesBackToTheSameMessage() {
        Headers headers = Headers.of("Host", "example.com", "Accept", "*/*", "X-Tab", "a\tb", "X-Latin", "caf\u00e9");
        HeadWriter w = new HeadWriter();
        w.request("PUT", "/r?q=1", HttpVersion.HTTP_1_1, headers, 3);
        ByteBuffer in = ByteBuffer.allocate(w.length() + 3)
                .put(w.array(), 0, w.length())
                .put(new byte[] {1, 2, 3})
                .flip();
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        assertThat(p.next(in)).isEqualTo(HttpParser.Event.HEAD);
        Headers expected = headers.copy().add("Content-Length", "3");
        assertThat(p.request().headers()).isEqualTo(expected);
        assertThat(p.request().method()).isEqualTo("PUT");
        assertThat(p.request().target()).isEqualTo("/r?q=1");
        assertThat(p.next(in)).isEqualTo(HttpParser.Event.BODY);
        assertThat(p.next(in)).isEqualTo(HttpParser.Event.END);
    }

    @Test
    void chunkSizeLinesAreLowerHexWithThePreviousCrlf() {
        byte[] dst = new byte[32];
        assertThat(new String(dst, 0, ChunkedWriter.sizeLine(dst, false, 1), StandardCharsets.US_ASCII))
                .isEqualTo("1\r\n");
        assertThat(new String(dst, 0, ChunkedWriter.sizeLine(dst, true, 255), StandardCharsets.US_ASCII))
                .isEqualTo("\r\nff\r\n");
        assertThat(new String(dst, 0, ChunkedWriter.sizeLine(dst, false, 4096), StandardCharsets.US_ASCII))
                .isEqualTo("1000\r\n");
        assertThat(new String(dst, 0, ChunkedWriter.sizeLine(dst, false, Long.MAX_VALUE), StandardCharsets.US_ASCII))
                .isEqualTo("7fffffffffffffff\r\n");
    }
}
