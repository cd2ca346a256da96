package io.asyncio4j.internal.net;

import io.asyncio4j.net.StreamReader;
import io.asyncio4j.net.StreamWriter;

/**
 * The stream constructors that {@code io.asyncio4j.process} needs and the public API does not
 * offer, handed over by {@code io.asyncio4j.net} when {@code StreamReader} is initialised (the
 * pattern of {@code TaskAccess}).
 */
public interface StreamAccess {
    /** A reader that pulls from {@code source}, with a buffer limit of {@code limit} bytes. */
    StreamReader newReader(ByteSource source, int limit);

    /** A writer over {@code transport}. */
    StreamWriter newWriter(Transport transport);

    /** Installs the implementation; called once by {@code io.asyncio4j.net}. */
    static void install(StreamAccess access) {
        Holder.instance = access;
    }

    /** The implementation. */
    static StreamAccess get() {
        StreamAccess a = Holder.instance;
        if (a == null) {
            try {
                Class.forName("io.asyncio4j.net.StreamReader", true, StreamAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = Holder.instance;
        }
        return a;
    }

    /** Where the implementation is kept. */
    final class Holder {
        static volatile StreamAccess instance;

        private Holder() {}
    }
}
