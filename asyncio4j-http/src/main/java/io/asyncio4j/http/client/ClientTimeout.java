package io.asyncio4j.http.client;

import java.time.Duration;

/**
 * The timeouts of a request, with aiohttp's {@code ClientTimeout} semantics; {@code null} means no
 * limit. Immutable; each method returns a changed copy.
 *
 * {@snippet :
 * ClientTimeout timeout = ClientTimeout.defaults().total(Duration.ofSeconds(10)).sockRead(Duration.ofSeconds(2));
 * }
 *
 * <ul>
 *   <li>{@code total} (5 minutes): the whole request, from the call to the last byte of the body
 *       read, redirects included;
 *   <li>{@code connect} (none): getting a connection, waiting for a free one in the pool included;
 *   <li>{@code sockConnect} (30 seconds): connecting a new socket, TLS handshake included;
 *   <li>{@code sockRead} (none): the longest wait for the next bytes of a response.
 * </ul>
 *
 * <p>A timeout throws {@link java.util.concurrent.TimeoutException} whose message names which of
 * the four fired, its value, and the method and URL; the connection it happened on is closed.
 *
 * @param total the whole request, or null
 * @param connect getting a connection (pool wait and connecting), or null
 * @param sockConnect connecting a new socket, or null
 * @param sockRead waiting for the next bytes of the response, or null
 */
public record ClientTimeout(Duration total, Duration connect, Duration sockConnect, Duration sockRead) {
    private static final ClientTimeout DEFAULTS =
            new ClientTimeout(Duration.ofMinutes(5), null, Duration.ofSeconds(30), null);
    private static final ClientTimeout NONE = new ClientTimeout(null, null, null, null);

    /**
     * Checks that each timeout given is positive.
     *
     * @throws IllegalArgumentException naming the timeout that is zero or negative
     */
    public ClientTimeout {
        positive("total", total);
        positive("connect", connect);
        positive("sockConnect", sockConnect);
        positive("sockRead", sockRead);
    }

    private static void positive(String name, Duration d) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException("ClientTimeout." + name + " must be positive or null (no limit): " + d);
        }
    }

    /** aiohttp's defaults: total 5 minutes, sockConnect 30 seconds, no other limit. */
    public static ClientTimeout defaults() {
        return DEFAULTS;
    }

    /** No timeout at all. */
    public static ClientTimeout none() {
        return NONE;
    }

    /** This timeout with another {@code total} (null: none). */
    public ClientTimeout total(Duration total) {
        return new ClientTimeout(total, connect, sockConnect, sockRead);
    }

    /** This timeout with another {@code connect} (null: none). */
    public ClientTimeout connect(Duration connect) {
        return new ClientTimeout(total, connect, sockConnect, sockRead);
    }

    /** This timeout with another {@code sockConnect} (null: none). */
    public ClientTimeout sockConnect(Duration sockConnect) {
        return new ClientTimeout(total, connect, sockConnect, sockRead);
    }

    /** This timeout with another {@code sockRead} (null: none). */
    public ClientTimeout sockRead(Duration sockRead) {
        return new ClientTimeout(total, connect, sockConnect, sockRead);
    }
}
