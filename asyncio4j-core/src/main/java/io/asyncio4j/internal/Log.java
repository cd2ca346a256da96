package io.asyncio4j.internal;

/**
 * The library's loggers, created at their first use: {@code System.getLogger} finds and starts the
 * logging back end (about 220 classes on JDK 25, java.util.logging's included), which a program
 * that never logs should not load while it starts.
 */
public final class Log {
    private Log() {}

    /** The logger {@code io.asyncio4j}: the loop and its parts. */
    public static System.Logger core() {
        return Core.LOGGER;
    }

    /** The logger {@code io.asyncio4j.net}: servers and connections. */
    public static System.Logger net() {
        return Net.LOGGER;
    }

    private static final class Core {
        static final System.Logger LOGGER = System.getLogger("io.asyncio4j");
    }

    private static final class Net {
        static final System.Logger LOGGER = System.getLogger("io.asyncio4j.net");
    }
}
