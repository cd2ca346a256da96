package io.asyncio4j.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Where a {@code StreamReader} pulls its bytes from: a socket (plain or TLS) or a process pipe.
 * Loop thread only. The reader asks for bytes only when its buffer cannot answer a read, so a
 * reader that stops reading stops pulling, and the kernel's (or the pump's) flow control holds the
 * peer back.
 */
public interface ByteSource {
    /**
     * Hands the bytes that can be read now without waiting to {@code sink}, which copies them out
     * before it returns (the buffer it is given belongs to the source and is reused afterwards).
     *
     * @return the number of bytes handed over, 0 when nothing is available now, -1 at the end of
     *     the stream
     */
    int readNow(Consumer<ByteBuffer> sink) throws IOException;

    /**
     * Parks the current task until {@link #readNow} may return bytes or the end of the stream.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}; nothing is
     * read.
     */
    void awaitReadable() throws IOException;

    /**
     * Whether the stream has ended without a read to say so: {@link #readNow} would return -1 at
     * once (a socket closed by its own writer). Lets {@code atEof()} answer as asyncio's does once
     * the end was fed, before anyone reads.
     */
    default boolean ended() {
        return false;
    }
}
