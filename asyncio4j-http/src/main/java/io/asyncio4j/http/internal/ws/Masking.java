package io.asyncio4j.http.internal.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** RFC 6455 section 5.3: XOR with the 4-byte masking key, eight bytes at a time. */
final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {}

    /**
     * Masks (or unmasks: the same operation) {@code len} bytes of {@code b} from {@code off} in place,
     * with {@code key} (the key's four bytes, the first most significant) when {@code phase} bytes of
     * the payload came before these.
     */
    static void apply(byte[] b, int off, int len, int key, long phase) {
        int k = Integer.rotateLeft(key, 8 * (int) (phase & 3));
        long wide = ((long) k << 32) | (k & 0xFFFFFFFFL);
        int i = off;
        int end = off + len;
        while (i + 8 <= end) {
            LONGS.set(b, i, (long) LONGS.get(b, i) ^ wide);
            i += 8;
        }
        for (int j = 0; i < end; i++, j++) {
            b[i] ^= (byte) (k >>> (24 - 8 * (j & 3)));
        }
    }
}
