package io.asyncio4j;

import io.asyncio4j.lowlevel.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to build a {@link Loop}: clock, debug mode, name, exception handler, size of the default
 * executor. Immutable; each method returns a changed copy.
 *
 * {@snippet :
 * LoopOptions options = LoopOptions.defaults().clock(new VirtualClock()).debug(true);
 * }
 */
public final class LoopOptions {
    private final Clock clock;
    private final boolean debug;
    private final String name;
    private final Consumer<Loop.ErrorContext> exceptionHandler;
    private final int executorThreads;
    private final Duration slowCallbackDuration;

    private LoopOptions(
            Clock clock,
            boolean debug,
            String name,
            Consumer<Loop.ErrorContext> exceptionHandler,
            int executorThreads,
            Duration slowCallbackDuration) {
        this.clock = clock;
        this.debug = debug;
        this.name = name;
        this.exceptionHandler = exceptionHandler;
        this.executorThreads = executorThreads;
        this.slowCallbackDuration = slowCallbackDuration;
    }

    /**
     * The system clock, debug mode when {@code -Dasyncio4j.debug=true}, a generated name, the
     * default exception handler (a {@link System.Logger} warning), and {@code min(32, cpus + 4)}
     * threads for {@code toThread}, as asyncio.
     */
    public static LoopOptions defaults() {
        return new LoopOptions(
                Clock.system(),
                Boolean.getBoolean("asyncio4j.debug"),
                null,
                null,
                Math.min(32, Runtime.getRuntime().availableProcessors() + 4),
                Duration.ofMillis(100));
    }

    /** Uses {@code clock} for loop time and idle waits ({@code new VirtualClock()} in tests). */
    public LoopOptions clock(Clock clock) {
        return new LoopOptions(
                Objects.requireNonNull(clock, "clock"),
                debug,
                name,
                exceptionHandler,
                executorThreads,
                slowCallbackDuration);
    }

    /**
     * Turns debug mode on or off: tasks record where they were created (and failures nobody
     * retrieved are reported with that place), a task or callback holding the loop longer than
     * {@link #slowCallbackDuration} is reported with the stack where it was running, and task dumps
     * show how long each task has been in its state.
     */
    public LoopOptions debug(boolean debug) {
        return new LoopOptions(clock, debug, name, exceptionHandler, executorThreads, slowCallbackDuration);
    }

    /** Names the loop and its thread. */
    public LoopOptions name(String name) {
        return new LoopOptions(
                clock,
                debug,
                Objects.requireNonNull(name, "name"),
                exceptionHandler,
                executorThreads,
                slowCallbackDuration);
    }

    /**
     * Sets what receives errors nobody else can: exceptions never retrieved from a task, failing
     * callbacks. The default logs a warning through {@link System.Logger}.
     */
    public LoopOptions exceptionHandler(Consumer<Loop.ErrorContext> handler) {
        return new LoopOptions(
                clock, debug, name, Objects.requireNonNull(handler, "handler"), executorThreads, slowCallbackDuration);
    }

    /**
     * Sets the number of platform threads of the loop's default executor ({@code toThread}).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public LoopOptions executorThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("executorThreads must be at least 1: " + threads);
        }
        return new LoopOptions(clock, debug, name, exceptionHandler, threads, slowCallbackDuration);
    }

    /**
     * In debug mode, how long a task or callback may hold the loop's thread before it is reported
     * with the stack where it was running (asyncio's {@code slow_callback_duration}; default 100 ms).
     *
     * @throws IllegalArgumentException if not positive
     */
    public LoopOptions slowCallbackDuration(Duration threshold) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("slowCallbackDuration must be positive: " + threshold);
        }
        return new LoopOptions(clock, debug, name, exceptionHandler, executorThreads, threshold);
    }

    Duration slowCallbackDuration() {
        return slowCallbackDuration;
    }

    Clock clock() {
        return clock;
    }

    boolean debug() {
        return debug;
    }

    String name() {
        return name;
    }

    Consumer<Loop.ErrorContext> exceptionHandler() {
        return exceptionHandler;
    }

    int executorThreads() {
        return executorThreads;
    }

    @Override
    public String toString() {
        return "LoopOptions[clock=" + clock + ", debug=" + debug + ", name=" + name + ", executorThreads="
                + executorThreads + "]";
    }
}
