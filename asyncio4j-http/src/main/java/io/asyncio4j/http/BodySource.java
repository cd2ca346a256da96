package io.asyncio4j.http;

import io.asyncio4j.http.internal.BodySources;
import io.asyncio4j.net.StreamReader;
import java.util.Objects;

/**
 * A message body read in pieces by the task that handles the message: what a {@link
 * MultipartReader} or {@link Form#read} reads from. A server's request body implements it; {@link
 * #of(StreamReader)} and {@link #of(byte[])} adapt a stream and bytes in memory.
 *
 * <p>The shape is {@link java.io.InputStream#read(byte[], int, int)}'s without the checked
 * exception, so a reader copies straight into the caller's buffer and a large body never needs
 * more memory than that buffer.
 */
@FunctionalInterface
public interface BodySource {
    /**
     * Reads up to {@code len} bytes into {@code b} at {@code off}: what is available, or else parks
     * the task until at least one byte arrives. Returns how many were read, or -1 at the end of the
     * body ({@code 0} only when {@code len} is 0).
     *
     * <p><b>Cancellation.</b> An implementation loses nothing: bytes that arrived while the task
     * was cancelled stay for the next read.
     *
     * @throws HttpParseException if the body cannot be read as a valid message (a server's request
     *     body past its size limit, a malformed chunked body)
     * @throws java.io.UncheckedIOException if the connection broke
     */
    int read(byte[] b, int off, int len);

    /** A source that reads {@code reader} until its end of stream. */
    static BodySource of(StreamReader reader) {
        Objects.requireNonNull(reader, "reader");
        return BodySources.reading(reader::read);
    }

    /** A source of {@code bytes} (not copied: do not change them while it is read). */
    static BodySource of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        int[] at = {0};
        return (b, off, len) -> {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, bytes.length - at[0]);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(bytes, at[0], b, off, n);
            at[0] += n;
            return n;
        };
    }
}
