package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.Transcript;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
    static final String FORM = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";

    /** A body as Chrome sends a form with two fields and a file. */
    static final String CHROME_BODY = "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
            + "Content-Disposition: form-data; name=\"title\"\r\n"
            + "\r\n"
            + "Hello, world\r\n"
            + "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
            + "Content-Disposition: form-data; name=\"tag\"\r\n"
            + "\r\n"
            + "a\r\nb\r\n"
            + "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
            + "Content-Disposition: form-data; name=\"avatar\"; filename=\"na\u00c3\u00afve.png\"\r\n"
            + "Content-Type: image/png\r\n"
            + "\r\n"
            + "\u0089PNG\r\n\u001a\n\u0000\u00ff\r\n"
            + "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A source that gives one byte per read: every boundary, line and head split everywhere. */
    static BodySource drip(byte[] bytes) {
        BodySource all = BodySource.of(bytes);
        return (b, off, len) -> all.read(b, off, Math.min(len, 1));
    }

    /** Every part, described in one line: name, filename, content type, body. */
    static List<String> describe(MultipartReader reader) {
        List<String> out = new ArrayList<>();
        BodyPartReader part;
        while ((part = reader.nextPart()) != null) {
            out.add(part.index() + " name=" + part.name() + " filename=" + part.filename() + " type="
                    + part.contentType() + " body=" + new String(part.read(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void readsFieldsAndFilesAsABrowserSendsThem() {
        for (Function<byte[], BodySource> source :
                List.<Function<byte[], BodySource>>of(BodySource::of, b -> drip(b))) {
            MultipartReader reader = new MultipartReader(FORM, source.apply(latin1(CHROME_BODY)));
            assertThat(reader.boundary()).isEqualTo("----WebKitFormBoundary7MA4YWxkTrZu0gW");
            assertThat(describe(reader))
                    .containsExactly(
                            "1 name=title filename=null type=text/plain body=Hello, world",
                            "2 name=tag filename=null type=text/plain body=a\r\nb",
                            "3 name=avatar filename=na\u00efve.png type=image/png body=\u0089PNG\r\n\u001a\n\u0000\u00ff");
            assertThat(reader.atEof()).isTrue();
            assertThat(reader.nextPart()).isNull();
        }
    }

    @Test
    void fileNamesInEveryEncodingClientsUse() {
        String[] dispositions = {
            // RFC 5987/8187 extended value, preferred over the plain one (RFC 6266)
            "form-data; name=\"f\"; filename=\"EURO rates.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt",
            // RFC 2231 continuations, as CPython's email package writes long names
            "form-data; name=\"f\"; filename*0*=UTF-8''%E2%82%AC%20; filename*1=\"rates\"; filename*2=\".txt\"",
            // raw UTF-8 in a quoted string, as browsers send it
            "form-data; name=\"f\"; filename=\"\u00e2\u0082\u00ac rates.txt\"",
            // an escaped quote; a Windows path sent unescaped keeps its backslashes
            "form-data; name=\"f\"; filename=\"say \\\"hi\\\".txt\"",
            "form-data; name=\"f\"; filename=\"C:\\Users\\x\\rates.txt\"",
            // a token, and case-insensitive parameter names
            "form-data; NAME=f; FileName=rates.txt",
            // an ill-formed extended value falls back to the plain one
            "form-data; name=\"f\"; filename=\"plain.txt\"; filename*=UTF-8''%E2%82",
            // ISO-8859-1 extended value
            "form-data; name=\"f\"; filename*=ISO-8859-1'en'%A3%20rates.txt",
        };
        List<String> names = new ArrayList<>();
        for (String d : dispositions) {
            String body = "--b\r\nContent-Disposition: " + d + "\r\n\r\nx\r\n--b--";
            BodyPartReader part =
                    new MultipartReader("multipart/form-data; boundary=b", BodySource.of(latin1(body))).nextPart();
            names.add(part.name() + ":" + part.filename());
        }
        assertThat(names)
                .containsExactly(
                        "f:\u20ac rates.txt",
                        "f:\u20ac rates.txt",
                        "f:\u20ac rates.txt",
                        "f:say \"hi\".txt",
                        "f:C:\\Users\\x\\rates.txt",
                        "f:rates.txt",
                        "f:plain.txt",
                        "f:\u00a3 rates.txt");
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx\r\n--b--";
        BodyPartReader part =
                new MultipartReader("multipart/form-data; boundary=b", BodySource.of(latin1(body))).nextPart();
        assertThatThrownBy(part::name)
                .isInstanceOf(HttpParseException.class)
                .hasMessage("400 parameter name appears twice in Content-Disposition: form-data; name=\"a\";"
                        + " name=\"b\"");
    }

    @Test
    void contentTypesThatAreNotMultipartAreRefused() {
        BodySource empty = BodySource.of(new byte[0]);
        assertThat(catchThrowable(() -> new MultipartReader(null, empty)))
                .hasMessage("415 the body has no Content-Type; a multipart body declares multipart/form-data with its"
                        + " boundary");
        assertThat(catchThrowable(() -> new MultipartReader("application/json", empty)))
                .hasMessage("415 Content-Type application/json is not multipart");
        assertThat(catchThrowable(() -> new MultipartReader("multipart/form-data", empty)))
                .hasMessage("400 Content-Type multipart/form-data has no boundary parameter; a multipart body declares"
                        + " the boundary that separates its parts");
        assertThat(catchThrowable(() -> new MultipartReader("multipart/form-data; boundary=" + "x".repeat(71), empty)))
                .hasMessage("400 the multipart boundary is 71 characters long; RFC 2046 allows at most 70");
        assertThat(catchThrowable(() -> new MultipartReader("multipart/form-data; boundary=\"\"", empty)))
                .hasMessage("400 the multipart boundary is empty");
        // A quoted boundary with a space, case-insensitive names and type.
        assertThat(new MultipartReader("Multipart/Mixed; BOUNDARY=\"simple boundary\"", empty).boundary())
                .isEqualTo("simple boundary");
    }

    @Test
    void readChunkStreamsAPartAndReadTakesTheRest() {
        String body = "--b\r\n\r\n0123456789\r\n--b--";
        BodyPartReader part =
                new MultipartReader("multipart/form-data; boundary=b", BodySource.of(latin1(body))).nextPart();
        assertThat(new String(part.readChunk(4), StandardCharsets.US_ASCII)).isEqualTo("0123");
        assertThat(part.atEof()).isFalse();
        assertThat(new String(part.read(), StandardCharsets.US_ASCII)).isEqualTo("456789");
        assertThat(part.atEof()).isTrue();
        assertThat(part.readChunk()).isEmpty();
        assertThat(part.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThatThrownBy(() -> part.readChunk(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk size must be positive, got 0");
    }

    @Test
    void nextPartSkipsTheRestAndTheSkippedPartThenRefusesReads() {
        String body = "--b\r\n\r\nfirst part\r\n--b\r\n\r\nsecond\r\n--b\r\n\r\nthird\r\n--b--";
        MultipartReader reader = new MultipartReader("multipart/form-data; boundary=b", BodySource.of(latin1(body)));
        BodyPartReader first = reader.nextPart();
        assertThat(new String(first.readChunk(5), StandardCharsets.US_ASCII)).isEqualTo("first");
        BodyPartReader second = reader.nextPart();
        assertThat(first.atEof()).isTrue();
        assertThatThrownBy(first::readChunk)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("multipart part 1 was skipped by nextPart() before it was read to its end; read a part"
                        + " before asking for the next");
        second.release();
        assertThat(second.atEof()).isTrue();
        assertThat(second.readChunk()).as("released on purpose: reads end").isEmpty();
        BodyPartReader third = reader.nextPart();
        assertThat(new String(third.read(), StandardCharsets.US_ASCII)).isEqualTo("third");
        assertThat(reader.nextPart()).isNull();
    }

    @Test
    void partLargerThanMaxFieldSizeIs413() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"big\"\r\n\r\n" + "x".repeat(11) + "\r\n--b--";
        MultipartReader reader = new MultipartReader(
                "multipart/form-data; boundary=b",
                BodySource.of(latin1(body)),
                MultipartLimits.defaults().withMaxFieldSize(10));
        BodyPartReader part = reader.nextPart();
        assertThatThrownBy(part::read)
                .isInstanceOf(HttpParseException.class)
                .hasMessage("413 multipart part 1 ('big') holds more than 10 bytes; read it in chunks, or raise"
                        + " MultipartLimits.maxFieldSize");
    }

    @Test
    void textUsesTheDeclaredCharsetAndRefusesInvalidBytes() {
        String body = "--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\ncaf\u00e9\r\n"
                + "--b\r\n\r\ncaf\u00c3\u00a9\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"bad\"\r\n\r\ncaf\u00e9\r\n"
                + "--b\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nx\r\n--b--";
        MultipartReader reader = new MultipartReader("multipart/form-data; boundary=b", BodySource.of(latin1(body)));
        assertThat(reader.nextPart().text()).isEqualTo("caf\u00e9");
        assertThat(reader.nextPart().text()).isEqualTo("caf\u00e9");
        BodyPartReader bad = reader.nextPart();
        assertThat(bad.charset()).isNull();
        assertThatThrownBy(bad::text)
                .hasMessage("400 multipart part 3 ('bad') is not valid UTF-8 text; the client should declare the"
                        + " charset it used");
        assertThatThrownBy(reader.nextPart()::text)
                .hasMessage("400 multipart part 4 declares charset x-unknown, which this JVM does not know");
    }

    /** RFC 2388 section 4.5's example (kept by RFC 7578 for reading): several files in one field. */
    static final String NESTED = "--AaB03x\r\n"
            + "Content-Disposition: form-data; name=\"submit-name\"\r\n"
            + "\r\n"
            + "Larry\r\n"
            + "--AaB03x\r\n"
            + "Content-Disposition: form-data; name=\"files\"\r\n"
            + "Content-Type: multipart/mixed; boundary=BbC04y\r\n"
            + "\r\n"
            + "--BbC04y\r\n"
            + "Content-Disposition: file; filename=\"file1.txt\"\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "... contents of file1.txt ...\r\n"
            + "--BbC04y\r\n"
            + "Content-Disposition: file; filename=\"file2.gif\"\r\n"
            + "Content-Type: image/gif\r\n"
            + "Content-Transfer-Encoding: binary\r\n"
            + "\r\n"
            + "...contents of file2.gif...\r\n"
            + "--BbC04y--\r\n"
            + "--AaB03x--\r\n";

    @Test
    void nestedMultipartMixedReadsAsANestedReader() {
        MultipartReader reader = new MultipartReader("multipart/form-data; boundary=AaB03x", drip(latin1(NESTED)));
        BodyPartReader name = reader.nextPart();
        assertThat(name.isMultipart()).isFalse();
        assertThat(name.text()).isEqualTo("Larry");
        BodyPartReader files = reader.nextPart();
        assertThat(files.name()).isEqualTo("files");
        assertThat(files.isMultipart()).isTrue();
        assertThat(describe(files.multipart()))
                .containsExactly(
                        "3 name=null filename=file1.txt type=text/plain body=... contents of file1.txt ...",
                        "4 name=null filename=file2.gif type=image/gif body=...contents of file2.gif...");
        assertThat(reader.nextPart()).isNull();
    }

    @Test
    void nestingAndPartCountAreLimitedAcrossLevels() {
        MultipartReader shallow = new MultipartReader(
                "multipart/form-data; boundary=AaB03x",
                BodySource.of(latin1(NESTED)),
                MultipartLimits.defaults().withMaxNesting(0));
        shallow.nextPart();
        BodyPartReader files = shallow.nextPart();
        assertThatThrownBy(files::multipart)
                .hasMessage("413 multipart part 2 ('files') nests multipart bodies deeper than maxNesting (0)");

        MultipartReader few = new MultipartReader(
                "multipart/form-data; boundary=AaB03x",
                BodySource.of(latin1(NESTED)),
                MultipartLimits.defaults().withMaxParts(3));
        few.nextPart();
        MultipartReader inner = few.nextPart().multipart();
        assertThat(inner.nextPart().filename()).isEqualTo("file1.txt");
        assertThatThrownBy(inner::nextPart).hasMessage("413 the multipart body has more than 3 parts");
    }

    @Test
    void anErrorIsStickyAndNamesTheCause() {
        String body = "--b\r\n\r\ncut short";
        MultipartReader reader = new MultipartReader("multipart/form-data; boundary=b", BodySource.of(latin1(body)));
        BodyPartReader part = reader.nextPart();
        Throwable error = catchThrowable(part::read);
        assertThat(error)
                .isInstanceOf(HttpParseException.class)
                .hasMessage("400 the multipart body ends inside part 1, before its closing boundary --b--: the upload"
                        + " was cut short");
        assertThat(((HttpParseException) error).status()).isEqualTo(400);
        assertThat(catchThrowable(reader::nextPart)).isSameAs(error);
    }

    /**
     * A body with one file part of {@code size} bytes, generated as it is read: the test itself never
     * holds the file either. The data repeats a random 64 KiB block seeded with CRs, CRLFs and
     * near-boundaries, so the search meets every kind of candidate.
     */
    static final class GeneratedUpload implements BodySource {
        static final String BOUNDARY = "----WebKitFormBoundaryQ9rTtMR3dG0pZyq4";
        final byte[] head = latin1("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
        final byte[] tail = latin1("\r\n--" + BOUNDARY + "--\r\n");
        final byte[] block = new byte[64 * 1024];
        final long size;
        long at;

        GeneratedUpload(long size) {
            this.size = size;
            new Random(7).nextBytes(block);
            byte[] near = latin1("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "\r\n--");
            for (int i = 0; i + near.length < block.length; i += 4099) {
                System.arraycopy(near, 0, block, i, near.length);
            }
        }

        long total() {
            return head.length + size + tail.length;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = total() - at;
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            int done = 0;
            while (done < n) {
                long p = at + done;
                int k;
                if (p < head.length) {
                    k = (int) Math.min(n - done, head.length - p);
                    System.arraycopy(head, (int) p, b, off + done, k);
                } else if (p < head.length + size) {
                    int from = (int) ((p - head.length) % block.length);
                    k = (int) Math.min(Math.min(n - done, block.length - from), head.length + size - p);
                    System.arraycopy(block, from, b, off + done, k);
                } else {
                    int from = (int) (p - head.length - size);
                    k = Math.min(n - done, tail.length - from);
                    System.arraycopy(tail, from, b, off + done, k);
                }
                done += k;
            }
            at += n;
            return n;
        }

        long expectedCrc() {
            CRC32 crc = new CRC32();
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(block.length, left);
                crc.update(block, 0, n);
                left -= n;
            }
            return crc.getValue();
        }
    }

    @Test
    void aLargeFilePartStreamsThroughAFixedBuffer() {
        long size = Long.getLong("asyncio4j.multipart.streamBytes", 1L << 30);
        GeneratedUpload upload = new GeneratedUpload(size);
        MultipartReader reader =
                new MultipartReader("multipart/form-data; boundary=" + GeneratedUpload.BOUNDARY, upload);
        int capacity = reader.bufferCapacity();
        BodyPartReader part = reader.nextPart();
        assertThat(part.filename()).isEqualTo("big.bin");
        CRC32 crc = new CRC32();
        long started = System.nanoTime();
        byte[] chunk = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = part.read(chunk, 0, chunk.length)) >= 0) {
            crc.update(chunk, 0, n);
            total += n;
        }
        System.out.printf(
                "multipart: streamed a %d MiB part in %d ms%n", size >> 20, (System.nanoTime() - started) / 1_000_000);
        assertThat(total).isEqualTo(size);
        assertThat(crc.getValue()).isEqualTo(upload.expectedCrc());
        assertThat(reader.bufferCapacity()).as("the read buffer never grew").isEqualTo(capacity);
        assertThat(reader.nextPart()).isNull();
    }

    @AsyncioTest
    void partsAreReadWhileTheBodyIsStillArriving() throws Exception {
        StreamReader stream = new StreamReader();
        Transcript log = new Transcript();
        byte[] body = latin1(CHROME_BODY);
        Task<Void> sender = Asyncio.createTask("sender", () -> {
            for (int i = 0; i < body.length; i += 64) {
                stream.feedData(body, i, Math.min(64, body.length - i));
                if (i == 0) {
                    log.record("sent the first 64 bytes");
                }
                Asyncio.yieldNow();
            }
            stream.feedEof();
            log.record("sent the end");
        });
        MultipartReader reader = new MultipartReader(FORM, BodySource.of(stream));
        BodyPartReader part;
        while ((part = reader.nextPart()) != null) {
            log.record("part " + part.name() + " = " + part.read().length + " bytes");
        }
        sender.await();
        log.assertEquals(
                "sent the first 64 bytes",
                "part title = 12 bytes",
                "part tag = 4 bytes",
                "part avatar = 10 bytes",
                "sent the end");
    }

    @AsyncioTest
    void aReadCancelledWhileWaitingLosesNothing() throws Exception {
        StreamReader stream = new StreamReader();
        stream.feedData(latin1("--b\r\n\r\nfirst "));
        MultipartReader reader = new MultipartReader("multipart/form-data; boundary=b", BodySource.of(stream));
        BodyPartReader part = reader.nextPart();
        assertThat(new String(part.readChunk(), StandardCharsets.US_ASCII)).isEqualTo("first ");
        Task<byte[]> waiting = Asyncio.createTask("waiting", () -> part.readChunk());
        Asyncio.yieldNow();
        waiting.cancel();
        assertThat(catchThrowable(waiting::await)).isInstanceOf(CancelledError.class);
        stream.feedData(latin1("second\r\n--b--"));
        stream.feedEof();
        assertThat(new String(part.read(), StandardCharsets.US_ASCII)).isEqualTo("second");
        assertThat(reader.nextPart()).isNull();
    }
}
