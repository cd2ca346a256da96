package io.asyncio4j.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The bytes written and not yet taken by the socket (those of the current loop turn, and those
 * the socket could not take), in chunks sent with one gathering write. Small writes are appended
 * to the spare room of the last chunk, so a burst of them costs one system call. Loop thread only.
 */
final class OutQueue {
    private static final int FIRST_CHUNK = 512;
    private static final int CHUNK = 16 * 1024;
    private static final int BATCH = 16;

    /** Each chunk holds its pending bytes in [position, limit); room past the limit is spare. */
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();

    private final ByteBuffer[] batch = new ByteBuffer[BATCH];
    private long size;

    boolean isEmpty() {
        return size == 0;
    }

    long size() {
        return size;
    }

    /** Copies the remaining bytes of {@code src} to the end of the queue; src ends at its limit. */
    void add(ByteBuffer src) {
        int n = src.remaining();
        size += n;
        ByteBuffer last = chunks.peekLast();
        if (last != null) {
            int room = last.capacity() - last.limit();
            if (room > 0) {
                int k = Math.min(room, n);
                int end = last.limit();
                last.limit(end + k);
                last.put(end, src, src.position(), k);
                src.position(src.position() + k);
                n -= k;
            }
        }
        if (n > 0) {
            // The first chunk is small: most turns write a message or two, and a chunk is garbage
            // once sent (an idle connection keeps no buffer).
            ByteBuffer chunk = ByteBuffer.allocate(Math.max(n, last == null ? FIRST_CHUNK : CHUNK));
            chunk.put(src).flip();
            chunks.addLast(chunk);
        }
    }

    /** Writes as much as {@code channel} takes now, in one call; returns the number of bytes. */
    long writeTo(GatheringByteChannel channel) throws IOException {
        return writeTo(channel, null);
    }

    /**
     * Writes the queue, then {@code extra} (when not null), as far as {@code channel} takes them
     * now, in one call; returns the number of bytes. {@code extra} is not queued: its position moves
     * past what was written, and the caller queues its rest.
     */
    long writeTo(GatheringByteChannel channel, ByteBuffer extra) throws IOException {
        int room = extra == null ? BATCH : BATCH - 1;
        int k = 0;
        for (ByteBuffer b : chunks) {
            if (k == room) {
                break;
            }
            batch[k++] = b;
        }
        boolean whole = k == chunks.size();
        if (extra != null && whole) {
            batch[k++] = extra;
        }
        long written;
        try {
            written = k == 1 ? channel.write(batch[0]) : channel.write(batch, 0, k);
        } finally {
            Arrays.fill(batch, 0, k, null);
        }
        size -= Math.min(written, size); // the queue's bytes go first: the rest is extra's
        ByteBuffer first;
        while ((first = chunks.peekFirst()) != null && !first.hasRemaining()) {
            chunks.pollFirst();
        }
        return written;
    }

    void clear() {
        chunks.clear();
        size = 0;
    }
}
