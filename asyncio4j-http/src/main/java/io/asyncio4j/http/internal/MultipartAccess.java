package io.asyncio4j.http.internal;

import io.asyncio4j.http.MultipartWriter;

/**
 * What the public {@link MultipartWriter} offers the module but not its users: the body as a {@link
 * Payload}. Installed by {@code MultipartWriter} when it is initialised (the pattern of {@link
 * HeadersAccess}).
 */
public abstract class MultipartAccess {
    private static volatile MultipartAccess instance;

    /** Installs the implementation; called once by {@link MultipartWriter}. */
    public static void install(MultipartAccess access) {
        instance = access;
    }

    /** The implementation. */
    public static MultipartAccess get() {
        MultipartAccess a = instance;
        if (a == null) {
            try {
                Class.forName(MultipartWriter.class.getName(), true, MultipartAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    /** The body of {@code writer}, its parts as they are now. */
    public abstract Payload payload(MultipartWriter writer);
}
