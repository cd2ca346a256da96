package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import java.time.Duration;

/**
 * Seconds as Python writes them: {@code asyncio.sleep(1.5)} becomes {@code
 * Asyncio.sleep(seconds(1.5))}, and {@code time.perf_counter()} becomes {@link #now()}.
 */
public final class Timing {
    private Timing() {}

    /** {@code seconds} as a {@link Duration}. */
    public static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /**
     * The running loop's time in seconds: Python's {@code time.perf_counter()} (or {@code
     * time.time()}) in the tutorials' timing lines. On a test's virtual clock it is exact, so the
     * printed totals are the tutorials' claims to the digit.
     */
    public static double now() {
        return Asyncio.currentLoop().time() / 1e9;
    }
}
