package io.asyncio4j.http.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Where a {@link Payload} writes a body: the framing ({@code Content-Length} or chunked) and the
 * connection are behind it. Each call may suspend while the connection's write buffer is full
 * (back-pressure).
 */
public interface BodySink {
    /** Writes {@code len} bytes of {@code data} from {@code off} (the array is not kept). */
    void write(byte[] data, int off, int len);

    /** Writes the whole of {@code data}. */
    default void write(byte[] data) {
        write(data, 0, data.length);
    }

    /**
     * Writes {@code count} bytes of {@code file} from {@code position}, zero-copy where the
     * connection allows ({@code transferTo} on a plain socket).
     *
     * @throws IOException if the file cannot be read, or ends before {@code count} bytes
     */
    void writeFile(FileChannel file, long position, long count) throws IOException;
}
