package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;

/**
 * The constructor of {@link Headers} over received bytes, which the public API does not offer:
 * handed over by {@code Headers} when it is initialised (the pattern of the core's {@code
 * StreamAccess}).
 */
public abstract class HeadersAccess {
    private static volatile HeadersAccess instance;

    /** Installs the implementation; called once by {@link Headers}. */
    public static void install(HeadersAccess access) {
        instance = access;
    }

    /** The implementation. */
    static HeadersAccess get() {
        HeadersAccess a = instance;
        if (a == null) {
            try {
                Class.forName(Headers.class.getName(), true, HeadersAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    /**
     * Headers whose entry {@code i} is {@code names[i]} / {@code values[i]} ({@code values} may be
     * null: none decoded yet), or, where one is null,
     * the ISO-8859-1 text of the span of {@code raw} that {@code spans[4i..4i+3]} give (name offset
     * and length, value offset and length). The arrays are taken, not copied; {@code raw} must never
     * change afterwards.
     */
    public abstract Headers parsed(byte[] raw, int[] spans, String[] names, String[] values, int size);
}
