package io.asyncio4j.internal.net;

import io.asyncio4j.Loop;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The buffers the streams of one loop share: each read lands in one direct buffer and is copied out
 * at once, before the reading task can suspend, so a thousand idle connections hold no read buffer
 * and no byte of one connection can be seen by another. Loop thread only (looked up once per
 * connection, from any thread).
 */
public final class NetLoop {
    /** The size of one socket read, as asyncio's {@code max_size} of 256 KiB, a bit smaller. */
    public static final int READ_SIZE = 64 * 1024;

    private static final Map<Loop, NetLoop> BY_LOOP = Collections.synchronizedMap(new WeakHashMap<>());

    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_SIZE);
    private ByteBuffer tlsOut;
    private ByteBuffer tlsApp;

    private NetLoop() {}

    /** The shared buffers of {@code loop}. */
    public static NetLoop of(Loop loop) {
        return BY_LOOP.computeIfAbsent(loop, l -> new NetLoop());
    }

    /** The read buffer, cleared. Its contents are valid until the caller suspends. */
    public ByteBuffer readBuffer() {
        return readBuffer.clear();
    }

    /** A cleared direct buffer of at least {@code size} bytes for TLS records going out. */
    public ByteBuffer tlsOut(int size) {
        ByteBuffer b = tlsOut;
        if (b == null || b.capacity() < size) {
            tlsOut = b = ByteBuffer.allocateDirect(size);
        }
        return b.clear();
    }

    /** A cleared buffer of at least {@code size} bytes for decrypted TLS data. */
    public ByteBuffer tlsApp(int size) {
        ByteBuffer b = tlsApp;
        if (b == null || b.capacity() < size) {
            tlsApp = b = ByteBuffer.allocateDirect(size);
        }
        return b.clear();
    }
}
