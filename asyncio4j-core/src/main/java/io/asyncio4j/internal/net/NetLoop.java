package io.asyncio4j.internal.net;

import io.asyncio4j.Loop;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The I/O buffers of one loop's streams, lent to one caller at a time: a socket read, a datagram
 * receive, a TLS unwrap or wrap takes a buffer, fills it, copies the bytes out, and gives it back.
 * A thousand idle connections hold no buffer, and no byte of one connection can be seen by another.
 * Loop thread only (looked up once per connection, from any thread).
 */
public final class NetLoop {
    /*
     * The isolation invariant: a buffer is in exactly one place at a time, either idle in a free
     * list here or in the hands of the one caller that took it, until that caller gives it back
     * (in a finally block). It is never handed out while lent.
     *
     * This holds however the caller is interleaved with other tasks. A task can suspend inside a
     * JDK call that looks like plain computation: SSLEngine.unwrap reaches SecureRandom, whose
     * native generator is a JVM-wide monitor, and since JDK 24 a virtual thread blocked on a monitor
     * gives up its carrier, so the loop runs other connections' reads in between. Those take other
     * buffers (allocated when the free list is empty). An earlier design handed every caller the
     * same buffer on the promise that it would be copied "before the task can suspend"; that
     * promise cannot be kept around calls we do not own, and one TLS connection received another's
     * plaintext. Lending makes the ownership explicit, so no reasoning about suspension points is
     * needed.
     *
     * The free lists are touched only by the loop thread, and no call between the pop and the push
     * of one take/give-back can suspend, so they need no lock. They keep a few idle buffers each:
     * usually one is enough, more are only needed while lent buffers are parked with their tasks.
     */
    /** The size of one socket read, as asyncio's {@code max_size} of 256 KiB, a bit smaller. */
    public static final int READ_SIZE = 64 * 1024;

    private static final int KEEP_IDLE = 4;
    private static final Map<Loop, NetLoop> BY_LOOP = Collections.synchronizedMap(new WeakHashMap<>());

    private final ArrayDeque<ByteBuffer> idleRead = new ArrayDeque<>(KEEP_IDLE);
    private final ArrayDeque<ByteBuffer> idleTls = new ArrayDeque<>(KEEP_IDLE);

    private NetLoop() {}

    /** The buffers of {@code loop}. */
    public static NetLoop of(Loop loop) {
        return BY_LOOP.computeIfAbsent(loop, l -> new NetLoop());
    }

    /**
     * Lends a cleared direct buffer of {@link #READ_SIZE} bytes to the caller alone, until it gives
     * it back with {@link #giveBack}; the caller may suspend while holding it.
     */
    public ByteBuffer takeReadBuffer() {
        ByteBuffer b = idleRead.pollFirst();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(READ_SIZE);
    }

    /**
     * Lends a cleared direct buffer of at least {@code size} bytes for TLS records or decrypted
     * data, as {@link #takeReadBuffer} does.
     */
    public ByteBuffer takeTlsBuffer(int size) {
        ByteBuffer b = idleTls.pollFirst();
        if (b == null || b.capacity() < size) {
            return ByteBuffer.allocateDirect(size);
        }
        return b.clear();
    }

    /** Takes back a buffer lent by this NetLoop; the caller must not touch it afterwards. */
    public void giveBack(ByteBuffer b) {
        ArrayDeque<ByteBuffer> idle = b.capacity() == READ_SIZE ? idleRead : idleTls;
        if (idle.size() < KEEP_IDLE) {
            idle.addFirst(b);
        }
    }
}
