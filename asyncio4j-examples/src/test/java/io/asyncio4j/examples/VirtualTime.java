package io.asyncio4j.examples;

import io.asyncio4j.AsyncRunnable;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.lowlevel.VirtualClock;
import io.asyncio4j.testing.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Runs examples on a virtual clock and reports how much loop time they took. */
final class VirtualTime {
    private VirtualTime() {}

    /**
     * Runs {@code main} with {@link TestLoop}: virtual clock, and the test fails if a task outlived
     * main or an exception was lost.
     *
     * @return the virtual time main took
     */
    static Duration testLoop(AsyncRunnable main) throws Exception {
        long nanos = TestLoop.run(() -> {
            long start = Asyncio.currentLoop().time();
            main.run();
            return Asyncio.currentLoop().time() - start;
        });
        return Duration.ofNanos(nanos);
    }

    /**
     * Like {@link #testLoop} for programs that talk over real loopback sockets: the virtual clock
     * waits 200 ms of real idle time before it jumps, so bytes on their way through the kernel arrive
     * before a timer that should have waited for them.
     */
    static Duration testLoopWithSockets(AsyncRunnable main) throws Exception {
        return run(new VirtualClock(Duration.ofMillis(200)), main);
    }

    /**
     * Runs {@code main} as {@code Asyncio.run} does (tasks still running when main returns are
     * cancelled by the loop's close, as asyncio.run cancels them), on a virtual clock; fails if the
     * loop reported an error.
     *
     * @return the virtual time main took
     */
    static Duration asyncioRun(AsyncRunnable main) throws Exception {
        return run(new VirtualClock(), main);
    }

    private static Duration run(VirtualClock clock, AsyncRunnable main) throws Exception {
        List<Loop.ErrorContext> errors = new ArrayList<>();
        LoopOptions options = LoopOptions.defaults().clock(clock).exceptionHandler(e -> {
            synchronized (errors) {
                errors.add(e);
            }
        });
        long nanos = Asyncio.run(options, () -> {
            long start = Asyncio.currentLoop().time();
            main.run();
            return Asyncio.currentLoop().time() - start;
        });
        synchronized (errors) {
            if (!errors.isEmpty()) {
                throw new AssertionError("the loop reported errors: " + errors);
            }
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * A blocking sleep that follows the loop's virtual clock: it blocks the calling task in a JDK
     * call ({@code CompletableFuture.get}), exactly as {@code Thread.sleep} does, until a loop timer
     * completes the future. For tasks only.
     */
    static final BlockingSleep BLOCKING_SLEEP = duration -> {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        Asyncio.currentLoop().callLater(duration, () -> woken.complete(null));
        try {
            woken.get();
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    };

    /** A blocking sleep that returns at once and records what it was asked for. */
    static final class RecordingSleep implements BlockingSleep {
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }

    static Duration seconds(double s) {
        return Timing.seconds(s);
    }
}
