package io.asyncio4j.http.client;

import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.HttpDates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;

/**
 * When and how often a failed request is sent again: exponential backoff with jitter, {@code
 * Retry-After} honoured, what aiohttp users add with {@code aiohttp-retry}. Off unless given to
 * {@link SessionOptions#retry} or {@link RequestOptions#retry}. Immutable; each method returns a
 * changed copy.
 *
 * {@snippet :
 * SessionOptions options = SessionOptions.defaults().retry(RetryPolicy.exponential()
 *         .attempts(4)
 *         .backoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10))
 *         .statuses(429, 503));
 * }
 *
 * <p>A request is sent again when its method is one of {@link #methods} (the idempotent ones by
 * default: {@code GET}, {@code HEAD}, {@code OPTIONS}, {@code PUT}, {@code DELETE}, {@code TRACE})
 * and its body can be replayed (never a stream), and either its final response's status is one of
 * {@link #statuses} (429, 500, 502, 503, 504 by default) or it failed with one of {@link
 * #exceptions} (by default: no connection could be made, or the server closed it before answering;
 * not a TLS failure, which retrying cannot mend). Each attempt is a whole request (redirects and its
 * own {@link ClientTimeout}); the waits between them are on the loop's clock.
 *
 * <p>The wait before attempt {@code n + 1} is {@code first × factor^(n-1)}, at most {@code max},
 * shortened at random by up to {@code jitter} of itself (so that clients that failed together do
 * not all come back together). A {@code Retry-After} header (seconds or a date) replaces it; one
 * asking for longer than {@link #maxRetryAfter} ends the retries, and the response is returned.
 */
public final class RetryPolicy {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");
    private static final Set<Integer> STATUSES = Set.of(429, 500, 502, 503, 504);

    private int attempts = 3;
    private Duration first = Duration.ofMillis(100);
    private double factor = 2.0;
    private Duration max = Duration.ofSeconds(30);
    private double jitter = 0.5;
    private Set<String> methods = IDEMPOTENT;
    private Set<Integer> statuses = STATUSES;
    private List<Class<? extends Exception>> exceptions =
            List.of(ClientConnectorError.class, ServerDisconnectedError.class);
    private boolean respectRetryAfter = true;
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private RetryPolicy() {}

    private RetryPolicy copy() {
        RetryPolicy c = new RetryPolicy();
        c.attempts = attempts;
        c.first = first;
        c.factor = factor;
        c.max = max;
        c.jitter = jitter;
        c.methods = methods;
        c.statuses = statuses;
        c.exceptions = exceptions;
        c.respectRetryAfter = respectRetryAfter;
        c.maxRetryAfter = maxRetryAfter;
        c.random = random;
        return c;
    }

    /**
     * 3 attempts in all, waits of 100 ms then 200 ms (doubling, at most 30 s) less up to half at
     * random, for the idempotent methods, on 429, 500, 502, 503 and 504 and on connection failures,
     * {@code Retry-After} honoured up to 30 s.
     */
    public static RetryPolicy exponential() {
        return new RetryPolicy();
    }

    /** One attempt only: to turn a session's policy off for one request. */
    public static RetryPolicy none() {
        return new RetryPolicy().attempts(1);
    }

    /**
     * How many times a request is sent at most, the first included.
     *
     * @throws IllegalArgumentException if below 1
     */
    public RetryPolicy attempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts counts the first one too: at least 1, got " + attempts);
        }
        RetryPolicy c = copy();
        c.attempts = attempts;
        return c;
    }

    /**
     * The waits: {@code first} before the second attempt, multiplied by {@code factor} each time,
     * never above {@code max}.
     *
     * @throws IllegalArgumentException if a duration is negative or {@code factor} is below 1
     */
    public RetryPolicy backoff(Duration first, double factor, Duration max) {
        if (first.isNegative() || max.isNegative() || !(factor >= 1.0)) {
            throw new IllegalArgumentException("backoff needs durations of 0 or more and a factor of 1 or more, got "
                    + first + ", " + factor + ", " + max);
        }
        RetryPolicy c = copy();
        c.first = first;
        c.factor = factor;
        c.max = max;
        return c;
    }

    /**
     * How much of each wait may be cut off at random, from 0 (waits exactly as computed) to 1 (any
     * wait from 0 to the computed one: "full jitter"); 0.5 by default.
     *
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public RetryPolicy jitter(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("jitter is a fraction from 0 to 1, got " + fraction);
        }
        RetryPolicy c = copy();
        c.jitter = fraction;
        return c;
    }

    /** The methods that are retried (upper case), replacing the idempotent ones; {@code "POST"} only if its server deduplicates. */
    public RetryPolicy methods(String... methods) {
        RetryPolicy c = copy();
        c.methods = Set.of(methods);
        return c;
    }

    /** The response statuses that are retried, replacing 429, 500, 502, 503 and 504. */
    public RetryPolicy statuses(int... statuses) {
        Set<Integer> s = new TreeSet<>();
        for (int status : statuses) {
            s.add(status);
        }
        RetryPolicy c = copy();
        c.statuses = Set.copyOf(s);
        return c;
    }

    /**
     * The failures that are retried (a failure of one of these classes or their subclasses),
     * replacing {@link ClientConnectorError} and {@link ServerDisconnectedError}; add {@code
     * java.util.concurrent.TimeoutException} to retry timeouts. A TLS failure is never retried.
     */
    @SafeVarargs
    public final RetryPolicy exceptions(Class<? extends Exception>... exceptions) {
        List<Class<? extends Exception>> all = new ArrayList<>(exceptions.length);
        for (Class<? extends Exception> e : exceptions) {
            all.add(Objects.requireNonNull(e, "an exception class"));
        }
        RetryPolicy c = copy();
        c.exceptions = List.copyOf(all);
        return c;
    }

    /**
     * Whether {@code Retry-After} sets the wait (yes by default), and the longest it may ask for: a
     * response asking for more is returned as it is.
     */
    public RetryPolicy retryAfter(boolean respect, Duration maxRetryAfter) {
        RetryPolicy c = copy();
        c.respectRetryAfter = respect;
        c.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        return c;
    }

    /** The source of the jitter: uniform numbers in [0, 1). For tests. */
    RetryPolicy random(DoubleSupplier random) {
        RetryPolicy c = copy();
        c.random = random;
        return c;
    }

    /** The attempts at most, the first included. */
    public int attempts() {
        return attempts;
    }

    /** The wait after failed attempt {@code n} (1 for the first), before its jitter. */
    Duration backoff(int n) {
        double nanos = first.toNanos() * Math.pow(factor, n - 1);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    private Duration jittered(int n) {
        Duration d = backoff(n);
        return jitter == 0 ? d : Duration.ofNanos((long) (d.toNanos() * (1 - jitter * random.getAsDouble())));
    }

    /** The wait before sending again after attempt {@code n} failed with {@code e}; null: no retry. */
    Duration afterFailure(String method, boolean replayable, int n, Exception e) {
        if (n >= attempts || !replayable || !methods.contains(method) || tls(e)) {
            return null;
        }
        for (Class<? extends Exception> c : exceptions) {
            if (c.isInstance(e)) {
                return jittered(n);
            }
        }
        return null;
    }

    /**
     * The wait before sending again after attempt {@code n} got {@code status}; null: no retry (the
     * status is not retried, or {@code Retry-After} asks for too long). {@code now} is the client's
     * time, used when the response has no {@code Date} for a {@code Retry-After} date.
     */
    Duration afterStatus(String method, boolean replayable, int n, int status, Headers headers, Instant now) {
        if (n >= attempts || !replayable || !methods.contains(method) || !statuses.contains(status)) {
            return null;
        }
        String retryAfter = headers.get(HeaderNames.RETRY_AFTER);
        if (respectRetryAfter && retryAfter != null) {
            Duration asked = parseRetryAfter(retryAfter.trim(), headers.get(HeaderNames.DATE), now);
            if (asked != null) {
                return asked.compareTo(maxRetryAfter) > 0 ? null : asked;
            }
        }
        return jittered(n);
    }

    /**
     * {@code Retry-After} as a wait: delay-seconds, or an HTTP date (any of its three forms) less the
     * response's {@code Date}; null if unreadable.
     */
    static Duration parseRetryAfter(String value, String date, Instant now) {
        if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return value.length() > 9 ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(value));
        }
        Instant at = HttpDates.parse(value, now);
        if (at == null) {
            return null;
        }
        Instant sent = HttpDates.parse(date, now);
        Duration d = Duration.between(sent != null ? sent : now, at); // without a Date, the client's clock
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static boolean tls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "RetryPolicy[attempts=" + attempts + ", backoff=" + first + " x" + factor + " up to " + max + ", jitter="
                + jitter + ", methods=" + new TreeSet<>(methods) + ", statuses=" + new TreeSet<>(statuses)
                + ", exceptions="
                + exceptions.stream().map(Class::getSimpleName).toList()
                + (respectRetryAfter ? ", Retry-After up to " + maxRetryAfter : ", Retry-After ignored") + "]";
    }
}
