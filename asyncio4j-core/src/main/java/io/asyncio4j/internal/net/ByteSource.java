package io.asyncio4j.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a {@code StreamReader} pulls its bytes from: a socket (plain or TLS) or a process pipe.
 * Loop thread only. The reader asks for bytes only when its buffer cannot answer a read, so a
 * reader that stops reading stops pulling, and the kernel's (or the pump's) flow control holds the
 * peer back.
 */
public interface ByteSource {
    /**
     * The bytes that can be read now without waiting, in a buffer the caller copies before it
     * suspends (it may be shared by every stream of the loop): an empty buffer when nothing is
     * available now, null at the end of the stream.
     */
    ByteBuffer readNow() throws IOException;

    /**
     * Parks the current task until {@link #readNow()} may return bytes or the end of the stream.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}; nothing is
     * read.
     */
    void awaitReadable() throws IOException;
}
