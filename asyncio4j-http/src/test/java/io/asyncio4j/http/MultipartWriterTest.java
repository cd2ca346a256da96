package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.internal.BodySink;
import io.asyncio4j.http.internal.MultipartAccess;
import io.asyncio4j.http.internal.Payload;
import io.asyncio4j.testing.AsyncioTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The bytes of a multipart body (RFC 2046 and 7578), its length, and what it refuses. */
class MultipartWriterTest {

    /** Collects what a payload writes; files are read as they are, and noted. */
    static final class Capture implements BodySink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int files;

        @Override
        public void write(byte[] data, int off, int len) {
            bytes.write(data, off, len);
        }

        @Override
        public void writeFile(FileChannel file, long position, long count) throws IOException {
            files++;
            ByteBuffer b = ByteBuffer.allocate((int) count);
            file.read(b, position);
            bytes.write(b.array(), 0, b.position());
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @AsyncioTest
    void writesPartsWithTheirHeadersBetweenBoundariesAndKnowsTheLength() throws Exception {
        Path file = Files.createTempFile("part", ".txt");
        Files.writeString(file, "file body");
        try {
            MultipartWriter mp = new MultipartWriter("form-data", "BOUNDARY");
            mp.append("ann").setContentDisposition("form-data", "name", "user");
            mp.append(file).setContentDisposition("form-data", "name", "doc", "filename", "ré\"su\r\nmé.txt");
            mp.append(new byte[] {0, 1}, Headers.of("X-Part", "3"));
            assertThat(mp.contentType()).isEqualTo("multipart/form-data; boundary=BOUNDARY");

            Payload body = MultipartAccess.get().payload(mp);
            Capture out = new Capture();
            Payload.Sending sending = body.prepare();
            long length = sending.length();
            try {
                sending.writeTo(out);
            } finally {
                sending.release();
            }
            String expected = "--BOUNDARY\r\n"
                    + "Content-Disposition: form-data; name=\"user\"\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "\r\n"
                    + "ann\r\n"
                    + "--BOUNDARY\r\n"
                    + "Content-Disposition: form-data; name=\"doc\"; filename=\"ré%22su%0D%0Amé.txt\"\r\n"
                    + "Content-Type: text/plain\r\n"
                    + "\r\n"
                    + "file body\r\n"
                    + "--BOUNDARY\r\n"
                    + "X-Part: 3\r\n"
                    + "Content-Type: application/octet-stream\r\n"
                    + "\r\n"
                    + "\u0000\u0001\r\n"
                    + "--BOUNDARY--\r\n";
            assertThat(out.text()).isEqualTo(expected);
            assertThat(length).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
            assertThat(out.files)
                    .as("the file goes to the sink as a file, for sendfile")
                    .isEqualTo(1);
            assertThat(body.replayable()).isTrue();
        } finally {
            Files.delete(file);
        }
    }

    @AsyncioTest
    void aStreamedPartMakesTheLengthUnknownAndTheBodySentOnce() throws Exception {
        MultipartWriter mp = new MultipartWriter("mixed", "b");
        mp.append(List.of("ab".getBytes(), "cd".getBytes()), null);
        Payload body = MultipartAccess.get().payload(mp);
        assertThat(body.replayable()).isFalse();
        Payload.Sending sending = body.prepare();
        assertThat(sending.length()).isEqualTo(-1);
        Capture out = new Capture();
        sending.writeTo(out);
        assertThat(out.text()).isEqualTo("--b\r\nContent-Type: application/octet-stream\r\n\r\nabcd\r\n--b--\r\n");
        Payload again = MultipartAccess.get().payload(mp);
        assertThatThrownBy(again::prepare)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "an Iterable body was sent once already and cannot be sent again: it is read as it is sent");
    }

    @AsyncioTest
    void aRandomBoundaryIs32HexDigitsAndBadOnesAreRefused() {
        assertThat(new MultipartWriter().boundary()).matches("[0-9a-f]{32}");
        assertThat(new MultipartWriter("mixed", "a b:c").contentType())
                .isEqualTo("multipart/mixed; boundary=\"a b:c\"");
        assertThatThrownBy(() -> new MultipartWriter("mixed", "x".repeat(71)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 70 characters");
        assertThatThrownBy(() -> new MultipartWriter("mixed", "semi;colon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the multipart boundary 'semi;colon' holds ';' at 4; use letters, digits and '()+_,-./:=? only");
        assertThatThrownBy(() -> new MultipartWriter("form data"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the multipart subtype 'form data' is not a token");
        MultipartWriter mp = new MultipartWriter();
        assertThatThrownBy(() -> mp.append("x").setContentDisposition("form-data", "name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd count (1)");
        assertThatThrownBy(() -> mp.append(mp, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
