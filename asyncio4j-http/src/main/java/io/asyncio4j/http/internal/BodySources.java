package io.asyncio4j.http.internal;

import io.asyncio4j.http.BodySource;
import java.util.Objects;
import java.util.function.IntFunction;

/** {@link BodySource}s over the reads the library's streams offer. */
public final class BodySources {
    private BodySources() {}

    /**
     * A source over {@code read}, which returns up to {@code n} bytes as they arrive (at least one)
     * and an empty array at the end: a {@code StreamReader}'s or a request content's {@code read(n)}.
     */
    public static BodySource reading(IntFunction<byte[]> read) {
        Objects.requireNonNull(read, "read");
        return (b, off, len) -> {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            byte[] got = read.apply(len);
            if (got.length == 0) {
                return -1;
            }
            System.arraycopy(got, 0, b, off, got.length);
            return got.length;
        };
    }
}
