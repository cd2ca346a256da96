package io.asyncio4j.net;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Turns a host name into addresses for {@link Streams#openConnection} and {@link
 * Streams#startServer}: asyncio's {@code getaddrinfo}. The default, {@link #system()}, asks the JDK
 * ({@link InetAddress#getAllByName}) on the loop's default executor, so a slow DNS server never holds
 * the loop, and keeps answers for a few seconds. Replace it (in {@link ConnectOptions#resolver}) to
 * use another DNS client, a fixed table in tests, or service discovery.
 *
 * {@snippet :
 * Resolver fixed = host -> List.of(InetAddress.getLoopbackAddress());
 * StreamPair conn = Streams.openConnection("db.internal", 5432, ConnectOptions.defaults().resolver(fixed));
 * }
 */
@FunctionalInterface
public interface Resolver {
    /**
     * The addresses of {@code host}, in the order to try them. Called from a task; it may park the
     * task, and must not block its loop.
     *
     * @throws java.net.UnknownHostException if the name does not resolve
     */
    List<InetAddress> resolve(String host) throws IOException;

    /**
     * The JDK's resolver, off the loop, with answers cached for 10 seconds (512 names at most).
     * Literal addresses ({@code 127.0.0.1}, {@code ::1}) are parsed on the spot. One instance is
     * shared by the whole JVM; its cache is thread-safe.
     */
    static Resolver system() {
        return SystemResolver.DEFAULT;
    }

    /** Like {@link #system()} with answers kept for {@code ttl} (zero: not cached). */
    static Resolver system(Duration ttl) {
        return new SystemResolver(ttl, SystemResolver.JDK_LOOKUP);
    }
}
