package io.asyncio4j.http.internal;

import java.nio.ByteBuffer;

/** The read buffers in front of the parsers: bytes received and not yet parsed, then room for more. */
public final class ReadBuffers {
    private ReadBuffers() {}

    /**
     * Makes room after the unparsed bytes of {@code buf} (read mode): compacts it to write mode, and
     * when it is full (the parser needs more than it holds: a long head, a delimiter at its end)
     * moves them to a buffer twice as large. The parsers' limits bound how large it grows.
     *
     * @return the buffer to read into, in write mode: {@code buf}, or the larger one
     */
    public static ByteBuffer makeRoom(ByteBuffer buf) {
        buf.compact();
        if (buf.hasRemaining()) {
            return buf;
        }
        ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
        bigger.put(buf.flip());
        return bigger;
    }
}
