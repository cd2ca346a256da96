package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.BodyPartReader;
import io.asyncio4j.http.BodySource;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.MultipartReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a GET or HEAD of a file is answered with: status, headers and body, for each request shape. */
class FilePlanTest {
    private static final byte[] CONTENT = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    private static final long MTIME = 1_700_000_000_123_456_789L;
    private static final FilePlan.FileFacts FILE =
            new FilePlan.FileFacts(CONTENT.length, MTIME, "text/plain; charset=utf-8", null, false);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ETAG = "\"" + Long.toHexString(MTIME) + "-24\"";
    private static final String LAST_MODIFIED = "Tue, 14 Nov 2023 22:13:20 GMT";

    private static FilePlan plan(String method, String... request) {
        return FilePlan.plan(method, Headers.of(request), FILE, NOW, () -> "BOUNDARY");
    }

    /** The body the plan sends, built from the file's bytes. */
    private static byte[] body(FilePlan plan) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FilePlan.Segment s : plan.body()) {
            switch (s) {
                case FilePlan.Bytes b -> out.writeBytes(b.data());
                case FilePlan.FileRange r -> out.write(CONTENT, (int) r.offset(), (int) r.length());
            }
        }
        byte[] bytes = out.toByteArray();
        assertThat((long) bytes.length).as("contentLength()").isEqualTo(plan.contentLength());
        return bytes;
    }

    private static String text(FilePlan plan) {
        return new String(body(plan), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aPlainGetSendsTheWholeFileWithItsValidators() {
        FilePlan p = plan("GET");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.headers().toString())
                .isEqualTo("<Headers('ETag': '" + ETAG + "', 'Last-Modified': '" + LAST_MODIFIED
                        + "', 'Accept-Ranges': 'bytes', 'Content-Type': 'text/plain; charset=utf-8',"
                        + " 'Content-Length': '36')>");
        assertThat(body(p)).isEqualTo(CONTENT);
    }

    @Test
    void headHasGetsHeadersAndNoBodyAndIgnoresRange() {
        FilePlan p = plan("HEAD", "Range", "bytes=0-1");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.headers().get("Content-Length")).isEqualTo("36");
        assertThat(p.body()).isEmpty();
    }

    @Test
    void notModifiedKeepsTheValidatorsOnly() {
        for (FilePlan p : List.of(
                plan("GET", "If-None-Match", ETAG),
                plan("GET", "If-Modified-Since", LAST_MODIFIED),
                plan("HEAD", "If-None-Match", "W/" + ETAG, "Range", "bytes=0-1"))) {
            assertThat(p.status()).isEqualTo(304);
            assertThat(p.headers().toString())
                    .isEqualTo("<Headers('ETag': '" + ETAG + "', 'Last-Modified': '" + LAST_MODIFIED + "')>");
            assertThat(p.body()).isEmpty();
        }
    }

    @Test
    void failedPreconditionsGive412() {
        FilePlan p = plan("GET", "If-Match", "\"stale\"", "Range", "bytes=0-1");
        assertThat(p.status()).isEqualTo(412);
        assertThat(p.body()).isEmpty();
        assertThat(plan("GET", "If-Unmodified-Since", "Mon, 13 Nov 2023 00:00:00 GMT")
                        .status())
                .isEqualTo(412);
    }

    @Test
    void oneRangeIs206WithContentRange() {
        FilePlan p = plan("GET", "Range", "bytes=10-15");
        assertThat(p.status()).isEqualTo(206);
        assertThat(p.headers().get("Content-Range")).isEqualTo("bytes 10-15/36");
        assertThat(p.headers().get("Content-Length")).isEqualTo("6");
        assertThat(p.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(text(p)).isEqualTo("abcdef");
        assertThat(text(plan("GET", "Range", "bytes=-3"))).isEqualTo("xyz");
    }

    @Test
    void severalRangesAreAMultipartByterangesBody() {
        FilePlan p = plan("GET", "Range", "bytes=0-1,-2");
        assertThat(p.status()).isEqualTo(206);
        assertThat(p.headers().get("Content-Type")).isEqualTo("multipart/byteranges; boundary=BOUNDARY");
        assertThat(p.headers().contains("Content-Range")).isFalse();
        String expected = "--BOUNDARY\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Range: bytes 0-1/36\r\n"
                + "\r\n"
                + "01\r\n"
                + "--BOUNDARY\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Range: bytes 34-35/36\r\n"
                + "\r\n"
                + "yz\r\n"
                + "--BOUNDARY--\r\n";
        assertThat(text(p)).isEqualTo(expected);
        assertThat(p.headers().get("Content-Length")).isEqualTo(String.valueOf(expected.length()));
    }

    @Test
    void aMultipartByterangesBodyReadsBackWithTheMultipartReader() {
        FilePlan p = plan("GET", "Range", "bytes=30-,0-3,10-12");
        MultipartReader reader = new MultipartReader(p.headers().get("Content-Type"), BodySource.of(body(p)));
        List<String> parts = new ArrayList<>();
        BodyPartReader part;
        while ((part = reader.nextPart()) != null) {
            parts.add(part.headers().get("Content-Range") + " " + part.text());
        }
        assertThat(parts).containsExactly("bytes 30-35/36 uvwxyz", "bytes 0-3/36 0123", "bytes 10-12/36 abc");
    }

    @Test
    void unsatisfiableRangesGive416WithTheLength() {
        FilePlan p = plan("GET", "Range", "bytes=36-");
        assertThat(p.status()).isEqualTo(416);
        assertThat(p.headers().get("Content-Range")).isEqualTo("bytes */36");
        assertThat(p.body()).isEmpty();
    }

    @Test
    void ifRangeSendsTheWholeFileWhenItChanged() {
        assertThat(plan("GET", "Range", "bytes=0-1", "If-Range", ETAG).status()).isEqualTo(206);
        assertThat(plan("GET", "Range", "bytes=0-1", "If-Range", LAST_MODIFIED).status())
                .isEqualTo(206);
        FilePlan changed = plan("GET", "Range", "bytes=0-1", "If-Range", "\"older\"");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(body(changed)).isEqualTo(CONTENT);
        assertThat(plan("GET", "Range", "bytes=0-1", "If-Range", "Mon, 13 Nov 2023 00:00:00 GMT")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aPrecompressedSiblingDeclaresItsEncodingAndVaries() {
        FilePlan.FileFacts gz = new FilePlan.FileFacts(10, MTIME, "text/javascript; charset=utf-8", "gzip", true);
        FilePlan p = FilePlan.plan("GET", Headers.of(), gz, NOW, () -> "B");
        assertThat(p.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(p.headers().get("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(p.headers().get("Vary")).isEqualTo("Accept-Encoding");
        assertThat(p.headers().get("ETag")).isEqualTo("\"" + Long.toHexString(MTIME) + "-a\"");
        FilePlan notModified =
                FilePlan.plan("GET", Headers.of("If-None-Match", p.headers().get("ETag")), gz, NOW, () -> "B");
        assertThat(notModified.headers().get("Vary")).as("a 304 keeps Vary").isEqualTo("Accept-Encoding");
    }

    @Test
    void anEmptyFileHasAnEmptyBody() {
        FilePlan.FileFacts empty = new FilePlan.FileFacts(0, MTIME, "text/plain; charset=utf-8", null, false);
        FilePlan p = FilePlan.plan("GET", Headers.of(), empty, NOW, () -> "B");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.headers().get("Content-Length")).isEqualTo("0");
        assertThat(p.body()).isEmpty();
    }
}
