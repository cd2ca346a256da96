package io.asyncio4j.http.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Finds the next LF in a buffer eight bytes at a time (SWAR: a zero byte of {@code word ^ 0x0A..}
 * is found with two arithmetic operations), the loop that touches every byte of a head before the
 * parser looks at any. Guarded by {@code HttpBench.parseRequest}.
 */
final class LineFinder {
    private LineFinder() {}

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** The index of the first LF in {@code in} within [from, to), or -1. */
    static int indexOfLf(ByteBuffer in, int from, int to) {
        if (in.hasArray()) {
            int base = in.arrayOffset();
            int i = indexOfLf(in.array(), base + from, base + to);
            return i < 0 ? -1 : i - base;
        }
        for (int i = from; i < to; i++) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static final long SPACES = 0x2020202020202020L;
    private static final long DELS = 0x7F7F7F7F7F7F7F7FL;

    /**
     * The index of the first byte at or after {@code p} that cannot be in a field value (VCHAR,
     * obs-text, SP, HTAB are allowed): eight bytes at a time while none is a control byte or DEL.
     * The array must hold such a byte (a head ends with LF).
     */
    static int skipFieldValue(byte[] a, int p) {
        int end = a.length - 8;
        while (p <= end) {
            long x = (long) LONGS.get(a, p);
            // A byte below 0x20 (obs-text, >= 0x80, is excluded by ~x) or equal to 0x7F stops the words.
            long low = (x - SPACES) & ~x & HIGHS;
            long y = x ^ DELS;
            long del = (y - ONES) & ~y & HIGHS;
            long stop = low | del;
            if (stop != 0) {
                // The lowest flagged byte is exact (a borrow only runs upwards); HTAB is allowed.
                int at = p + (Long.numberOfTrailingZeros(stop) >>> 3);
                if (a[at] != '\t') {
                    return at;
                }
                p = at + 1;
                continue;
            }
            p += 8;
        }
        while (Ascii.is(a[p], Ascii.FIELD_VALUE)) {
            p++;
        }
        return p;
    }

    private static final long COLONS = 0x3A3A3A3A3A3A3A3AL;
    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;

    /**
     * The index of the first ':', CR or LF at or after {@code p}: where a field name ends, if the
     * line is well formed. The array must hold an LF after {@code p} (a head ends with one).
     */
    static int nameEnd(byte[] a, int p) {
        int end = a.length - 8;
        while (p <= end) {
            long x = (long) LONGS.get(a, p);
            long c = x ^ COLONS;
            long l = x ^ LFS;
            long r = x ^ CRS;
            long found = (((c - ONES) & ~c) | ((l - ONES) & ~l) | ((r - ONES) & ~r)) & HIGHS;
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            p += 8;
        }
        while (a[p] != ':' && a[p] != '\n' && a[p] != '\r') {
            p++;
        }
        return p;
    }

    /**
     * The index of the first control byte other than HTAB (below 0x20, or 0x7F) in {@code a}
     * within [from, to), or -1: eight bytes at a time while none is below 0x20 or equal to 0x7F.
     */
    static int indexOfControl(byte[] a, int from, int to) {
        int i = from;
        while (i < to) {
            if (i + 8 <= to) {
                long x = (long) LONGS.get(a, i);
                long low = (x - SPACES) & ~x & HIGHS;
                long y = x ^ DELS;
                long del = (y - ONES) & ~y & HIGHS;
                if ((low | del) == 0) {
                    i += 8;
                    continue;
                }
            }
            int end = Math.min(i + 8, to);
            for (; i < end; i++) {
                int b = a[i] & 0xff;
                if ((b < 0x20 && b != '\t') || b == 0x7f) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The index of the first LF in {@code a} within [from, to), or -1. */
    static int indexOfLf(byte[] a, int from, int to) {
        return indexOf(a, from, to, (byte) '\n');
    }

    /**
     * The index of the first byte {@code b} in {@code a} within [from, to), or -1, eight bytes at a
     * time. Also the multipart parser's search for the CR that starts every boundary delimiter.
     */
    static int indexOf(byte[] a, int from, int to, byte b) {
        long pattern = (b & 0xffL) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(a, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
