package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import io.asyncio4j.net.StreamWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes a body with {@code Transfer-Encoding: chunked} to a {@link StreamWriter}, without copying
 * large chunks: each chunk is its size line, then the data itself; the CRLF that ends a chunk goes
 * out with the next size line (or the last chunk), so a chunk costs two writes. A chunk below
 * {@link #COPY_BELOW} bytes is copied behind its size line and costs one.
 *
 * <p>Trailer fields are checked as {@link Headers} checks every field, so they cannot inject lines.
 */
public final class ChunkedWriter {
    /** Chunks smaller than this are copied, to save a write. */
    public static final int COPY_BELOW = 1024;

    private final StreamWriter out;
    private byte[] scratch = new byte[64];
    private boolean pendingCrlf;
    private boolean finished;

    /** A writer of one chunked body to {@code out} (whose head announced chunked). */
    public ChunkedWriter(StreamWriter out) {
        this.out = out;
    }

    /** Writes {@code len} bytes of {@code data} from {@code off} as one chunk; nothing for {@code len == 0}. */
    public void write(byte[] data, int off, int len) {
        if (len == 0) {
            return;
        }
        int n = sizeLine(len, len < COPY_BELOW ? len : 0);
        if (len < COPY_BELOW) {
            System.arraycopy(data, off, scratch, n, len);
            out.write(scratch, 0, n + len);
        } else {
            out.write(scratch, 0, n);
            out.write(data, off, len);
        }
        pendingCrlf = true;
    }

    /** Writes the remaining bytes of {@code data} as one chunk (its position moves to its limit). */
    public void write(ByteBuffer data) {
        int len = data.remaining();
        if (len == 0) {
            return;
        }
        out.write(scratch, 0, sizeLine(len, 0));
        out.write(data);
        pendingCrlf = true;
    }

    /**
     * Writes the size line of a chunk of {@code size} bytes whose data the caller writes next, in
     * full, straight to the stream (a file sent with {@code sendfile}).
     *
     * @throws IllegalArgumentException if {@code size <= 0}
     */
    public void startChunk(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a chunk holds at least one byte, got " + size);
        }
        out.write(scratch, 0, sizeLine(scratch, pendingCrlf, size));
        pendingCrlf = true;
    }

    /**
     * Ends the body: the last chunk, the trailer fields, the empty line.
     *
     * @param trailers the trailer fields, or null
     */
    public void finish(Headers trailers) {
        if (finished) {
            throw new IllegalStateException("the chunked body is already finished");
        }
        finished = true;
        StringBuilder s = new StringBuilder(pendingCrlf ? "\r\n0\r\n" : "0\r\n");
        if (trailers != null) {
            trailers.forEach(
                    (name, value) -> s.append(name).append(": ").append(value).append("\r\n"));
        }
        s.append("\r\n");
        out.write(s.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /**
     * Writes the previous chunk's CRLF (if any), the hex size and CRLF into scratch, with room for
     * {@code extra} bytes after; returns the line's length.
     */
    private int sizeLine(int size, int extra) {
        if (scratch.length < 24 + extra) {
            scratch = Arrays.copyOf(scratch, 24 + extra);
        }
        return sizeLine(scratch, pendingCrlf, size);
    }

    /** Writes [CRLF] hex(size) CRLF into {@code dst} from 0; returns the length. */
    static int sizeLine(byte[] dst, boolean crlfFirst, long size) {
        int p = 0;
        if (crlfFirst) {
            dst[p++] = '\r';
            dst[p++] = '\n';
        }
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(size)) / 4);
        for (int d = digits - 1; d >= 0; d--) {
            dst[p++] = (byte) "0123456789abcdef".charAt((int) (size >>> (4 * d)) & 0xf);
        }
        dst[p++] = '\r';
        dst[p++] = '\n';
        return p;
    }
}
