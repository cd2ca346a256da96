package io.asyncio4j.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Streams#openConnection} connects: TLS, local address, connect timeout, happy eyeballs,
 * the reader's limit and the resolver. Immutable; each method returns a changed copy.
 *
 * {@snippet :
 * ConnectOptions options = ConnectOptions.defaults()
 *         .tls(TlsOptions.client())
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .happyEyeballsDelay(Duration.ofMillis(250));
 * }
 */
public final class ConnectOptions {
    private TlsOptions tls;
    private InetSocketAddress localAddress;
    private Duration connectTimeout;
    private Duration happyEyeballsDelay;
    private int limit = StreamReader.DEFAULT_LIMIT;
    private Resolver resolver = Resolver.system();
    private boolean allErrors;

    private ConnectOptions() {}

    private ConnectOptions copy() {
        ConnectOptions c = new ConnectOptions();
        c.tls = tls;
        c.localAddress = localAddress;
        c.connectTimeout = connectTimeout;
        c.happyEyeballsDelay = happyEyeballsDelay;
        c.limit = limit;
        c.resolver = resolver;
        c.allErrors = allErrors;
        return c;
    }

    /**
     * Plain TCP, no timeout, one address after the other, the default reader limit (64 KiB) and
     * {@link Resolver#system()}.
     */
    public static ConnectOptions defaults() {
        return new ConnectOptions();
    }

    /** Speaks TLS after connecting ({@link TlsOptions#client()} for the JDK's trust store). */
    public ConnectOptions tls(TlsOptions tls) {
        if (!tls.isClient()) {
            throw new IllegalArgumentException("openConnection needs client-side TlsOptions: " + tls);
        }
        ConnectOptions c = copy();
        c.tls = tls;
        return c;
    }

    /** Binds the socket to {@code local} before connecting (asyncio's {@code local_addr}). */
    public ConnectOptions localAddress(InetSocketAddress local) {
        ConnectOptions c = copy();
        c.localAddress = Objects.requireNonNull(local, "local");
        return c;
    }

    /**
     * Gives up after {@code timeout} for resolving and connecting (every address together) with
     * {@link java.net.SocketTimeoutException}. The TLS handshake has its own timeout ({@link
     * TlsOptions#handshakeTimeout}).
     */
    public ConnectOptions connectTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + timeout);
        }
        ConnectOptions c = copy();
        c.connectTimeout = timeout;
        return c;
    }

    /**
     * Happy eyeballs (RFC 8305; asyncio's {@code happy_eyeballs_delay}): when a host has several
     * addresses, starts the next attempt after {@code delay} (250 ms is the RFC's advice) if the
     * previous has not connected, families interleaved; the first connection wins, the others are
     * cancelled. Without it, addresses are tried one after the other.
     */
    public ConnectOptions happyEyeballsDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("happyEyeballsDelay must not be negative: " + delay);
        }
        ConnectOptions c = copy();
        c.happyEyeballsDelay = delay;
        return c;
    }

    /** The reader's buffer limit ({@link StreamReader#limit()}). */
    public ConnectOptions limit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        ConnectOptions c = copy();
        c.limit = limit;
        return c;
    }

    /** Resolves host names with {@code resolver}. */
    public ConnectOptions resolver(Resolver resolver) {
        ConnectOptions c = copy();
        c.resolver = Objects.requireNonNull(resolver, "resolver");
        return c;
    }

    /**
     * How a failed connect reports its attempts (asyncio 3.12's {@code all_errors}). False (the
     * default): a single attempt's error is thrown as it is, several are gathered in one {@link
     * java.net.ConnectException}. True: always that gathering exception, even for one attempt, so a
     * caller finds every attempt's error, in the order the attempts started, in its {@link
     * Throwable#getSuppressed() suppressed} exceptions (asyncio raises an {@code ExceptionGroup}).
     */
    public ConnectOptions allErrors(boolean all) {
        ConnectOptions c = copy();
        c.allErrors = all;
        return c;
    }

    boolean allErrors() {
        return allErrors;
    }

    TlsOptions tls() {
        return tls;
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration happyEyeballsDelay() {
        return happyEyeballsDelay;
    }

    int limit() {
        return limit;
    }

    Resolver resolver() {
        return resolver;
    }

    @Override
    public String toString() {
        return "ConnectOptions[tls=" + tls + ", localAddress=" + localAddress + ", connectTimeout=" + connectTimeout
                + ", happyEyeballsDelay=" + happyEyeballsDelay + ", limit=" + limit + ", resolver=" + resolver
                + ", allErrors=" + allErrors + "]";
    }
}
