package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time searches agree with a byte loop for every byte value at every lane. */
class LineFinderTest {

    private static int naiveLf(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int naiveValueEnd(byte[] a, int p) {
        while (Ascii.is(a[p], Ascii.FIELD_VALUE)) {
            p++;
        }
        return p;
    }

    private static int naiveNameEnd(byte[] a, int p) {
        while (a[p] != ':' && a[p] != '\n' && a[p] != '\r') {
            p++;
        }
        return p;
    }

    private static int naiveControl(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = a[i] & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void everyByteValueAtEveryLane() {
        for (int b = 0; b < 256; b++) {
            for (int at = 0; at < 24; at++) {
                byte[] a = new byte[32];
                java.util.Arrays.fill(a, (byte) 'a');
                a[at] = (byte) b;
                a[31] = '\n';
                assertThat(LineFinder.indexOfLf(a, 0, 32))
                        .as("LF search, byte %d at %d", b, at)
                        .isEqualTo(naiveLf(a, 0, 32));
                for (int from = 0; from <= at; from += 3) {
                    assertThat(LineFinder.skipFieldValue(a, from))
                            .as("value end, byte %d at %d from %d", b, at, from)
                            .isEqualTo(naiveValueEnd(a, from));
                    assertThat(LineFinder.indexOfControl(a, from, 31))
                            .as("control byte, byte %d at %d from %d", b, at, from)
                            .isEqualTo(naiveControl(a, from, 31));
                    assertThat(LineFinder.nameEnd(a, from))
                            .as("name end, byte %d at %d from %d", b, at, from)
                            .isEqualTo(naiveNameEnd(a, from));
                }
            }
        }
    }

    @Test
    void randomArraysAndBuffers() {
        Random r = new Random(7);
        byte[] pool = {'a', ':', ' ', '\t', '\r', '\n', 0, 0x7f, (byte) 0x80, (byte) 0xff, 0x1f, 0x20, 0x0a, 0x0b};
        for (int n = 0; n < 20_000; n++) {
            byte[] a = new byte[1 + r.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(3) == 0 ? pool[r.nextInt(pool.length)] : (byte) ('a' + r.nextInt(26));
            }
            a[a.length - 1] = '\n';
            int from = r.nextInt(a.length);
            assertThat(LineFinder.indexOfLf(a, from, a.length)).isEqualTo(naiveLf(a, from, a.length));
            assertThat(LineFinder.skipFieldValue(a, from)).isEqualTo(naiveValueEnd(a, from));
            assertThat(LineFinder.nameEnd(a, from)).isEqualTo(naiveNameEnd(a, from));
            int to = from + r.nextInt(a.length - from + 1);
            assertThat(LineFinder.indexOfControl(a, from, to)).isEqualTo(naiveControl(a, from, to));
            ByteBuffer direct = ByteBuffer.allocateDirect(a.length).put(a).flip();
            assertThat(LineFinder.indexOfLf(direct, from, a.length)).isEqualTo(naiveLf(a, from, a.length));
            ByteBuffer sliced = ByteBuffer.wrap(new byte[a.length + 5])
                    .position(5)
                    .slice()
                    .put(a)
                    .flip();
            assertThat(LineFinder.indexOfLf(sliced, from, a.length)).isEqualTo(naiveLf(a, from, a.length));
        }
    }
}
