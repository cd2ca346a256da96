package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Loop;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The deadlines of one request, from its start to the last byte of its body: the {@code total}
 * deadline is fixed when the request starts, and each phase ({@code connect}, {@code sockConnect},
 * {@code sockRead}) gets its own on top of it. A phase runs in {@link Asyncio#timeoutAt} with the
 * earlier of the two, so an expiry turns into a {@link TimeoutException} that names the one that
 * fired. Loop thread only.
 */
final class RequestTimer {
    private final Loop loop;
    private final ClientTimeout timeout;
    private final long totalAt;
    private final String method;
    private URI url;
    /**
     * The last timeout this timer named: phases nest (sockConnect inside connect), and an outer one
     * must let an inner one's error pass as it is, not claim it.
     */
    private TimeoutException named;
    /** What the request is doing now, for the message of a timeout. */
    private String current = "starting";
    /** Whether a {@link #total} scope is open: phases need no scope for the total deadline then. */
    private boolean inTotal;

    RequestTimer(Loop loop, ClientTimeout timeout, String method, URI url) {
        this.loop = loop;
        this.timeout = timeout;
        this.method = method;
        this.url = url;
        this.totalAt = timeout.total() == null ? Long.MAX_VALUE : deadline(loop.time(), timeout.total());
    }

    ClientTimeout timeout() {
        return timeout;
    }

    /** Whether the {@code total} deadline has passed. */
    boolean totalExpired() {
        return loop.time() >= totalAt;
    }

    /** The URL named in messages: the current one of a redirect chain. */
    void url(URI url) {
        this.url = url;
    }

    /** A phase that may suspend. */
    @FunctionalInterface
    interface Phase<T> {
        T run() throws IOException, TimeoutException;
    }

    /**
     * Runs {@code body}, the part of a request that goes from getting a connection to its response
     * head, in one scope of the {@code total} deadline, so that its phases without a limit of their
     * own need no scope each (one timer per request instead of one per phase). {@code what} names
     * the first phase for the message; each {@link #within} inside renames it.
     */
    <T> T total(String what, Phase<T> body) throws IOException, TimeoutException {
        current = what;
        if (totalAt == Long.MAX_VALUE || inTotal) {
            return body.run();
        }
        inTotal = true;
        try {
            return scoped(totalAt, body, "total", timeout.total(), null);
        } finally {
            inTotal = false;
        }
    }

    /**
     * Whether a phase with {@code limit} would run as it is, without a deadline scope of its own:
     * inside {@link #total}, when its own limit ends no sooner than the total one. A caller that
     * then runs the phase itself names it with {@link #phase}.
     */
    boolean unscoped(Duration limit) {
        return (inTotal || totalAt == Long.MAX_VALUE) && (limit == null || deadline(loop.time(), limit) >= totalAt);
    }

    /** Names what the request does now, for the message of the total deadline. */
    void phase(String what) {
        current = what;
    }

    /**
     * Runs {@code phase} ({@code what}, for the message) within the total deadline and {@code limit}
     * from now (null: none), {@code name} being the {@link ClientTimeout} component of {@code limit}.
     */
    <T> T within(String name, Duration limit, String what, Phase<T> phase) throws IOException, TimeoutException {
        current = what;
        long phaseAt = limit == null ? Long.MAX_VALUE : deadline(loop.time(), limit);
        if (phaseAt < totalAt) {
            return scoped(phaseAt, phase, name, limit, what);
        }
        if (inTotal || totalAt == Long.MAX_VALUE) {
            return phase.run(); // the enclosing total scope is the earlier deadline
        }
        return scoped(totalAt, phase, "total", timeout.total(), what);
    }

    /**
     * Runs {@code phase} until {@code at}; a timeout there is named after {@code name} and {@code
     * limit}, and says the request was doing {@code what} (null: whatever phase it was in then).
     */
    private <T> T scoped(long at, Phase<T> phase, String name, Duration limit, String what)
            throws IOException, TimeoutException {
        try {
            return Asyncio.timeoutAt(at, (Coroutine<T>) phase::run);
        } catch (TimeoutException e) {
            if (e == named) {
                throw e; // an inner phase's, named already
            }
            named = new TimeoutException("ClientTimeout." + name + " (" + format(limit) + ") expired while "
                    + (what != null ? what : current) + " for " + method + " " + url);
            named.initCause(e.getCause());
            throw named;
        } catch (IOException | RuntimeException | CancelledError e) {
            throw e;
        } catch (Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long deadline(long now, Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return now > Long.MAX_VALUE - nanos ? Long.MAX_VALUE : now + nanos;
    }

    /** {@code 5 min}, {@code 30 s}, {@code 250 ms}: how people say a timeout. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 60_000) {
            return ms / 60_000 + " min";
        }
        if (ms % 1000 == 0 && ms >= 1000) {
            return ms / 1000 + " s";
        }
        return ms > 0 ? ms + " ms" : d.toNanos() + " ns";
    }
}
