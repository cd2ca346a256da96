package io.asyncio4j;

import io.asyncio4j.lowlevel.Clock;
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

    private LoopOptions(
            Clock clock,
            boolean debug,
            String name,
            Consumer<Loop.ErrorContext> exceptionHandler,
            int executorThreads) {
        this.clock = clock;
        this.debug = debug;
        this.name = name;
        this.exceptionHandler = exceptionHandler;
        this.executorThreads = executorThreads;
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
                Math.min(32, Runtime.getRuntime().availableProcessors() + 4));
    }

    /** Uses {@code clock} for loop time and idle waits ({@code new VirtualClock()} in tests). */
    public LoopOptions clock(Clock clock) {
        return new LoopOptions(Objects.requireNonNull(clock, "clock"), debug, name, exceptionHandler, executorThreads);
    }

    /** Turns debug mode on or off: tasks record where they were created. */
    public LoopOptions debug(boolean debug) {
        return new LoopOptions(clock, debug, name, exceptionHandler, executorThreads);
    }

    /** Names the loop and its thread. */
    public LoopOptions name(String name) {
        return new LoopOptions(clock, debug, Objects.requireNonNull(name, "name"), exceptionHandler, executorThreads);
    }

    /**
     * Sets what receives errors nobody else can: exceptions never retrieved from a task, failing
     * callbacks. The default logs a warning through {@link System.Logger}.
     */
    public LoopOptions exceptionHandler(Consumer<Loop.ErrorContext> handler) {
        return new LoopOptions(clock, debug, name, Objects.requireNonNull(handler, "handler"), executorThreads);
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
        return new LoopOptions(clock, debug, name, exceptionHandler, threads);
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
