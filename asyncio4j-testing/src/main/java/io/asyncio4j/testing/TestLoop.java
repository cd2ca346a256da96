package io.asyncio4j.testing;

import io.asyncio4j.Coroutine;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.lowlevel.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs test code on a fresh loop with a {@link VirtualClock}, and fails the test if anything went
 * wrong behind its back: an exception reported to the loop's handler (a task's failure nobody
 * retrieved, a failing callback) or a task still running when the main coroutine returned.
 *
 * {@snippet :
 * @Test
 * void sleepsAnHourInstantly() throws Exception {
 *     long elapsed = TestLoop.run(() -> {
 *         long start = Asyncio.currentLoop().time();
 *         Asyncio.sleep(Duration.ofHours(1));
 *         return Asyncio.currentLoop().time() - start;
 *     });
 *     assertEquals(Duration.ofHours(1).toNanos(), elapsed);
 * }
 * }
 */
public final class TestLoop {
    private TestLoop() {}

    /**
     * Runs {@code main} on a new loop with a {@link VirtualClock} and closes the loop.
     *
     * @return main's result
     * @throws AssertionError if a task outlived main, or the loop reported an error
     */
    public static <T> T run(Coroutine<T> main) throws Exception {
        return run(LoopOptions.defaults(), main);
    }

    /**
     * Like {@link #run(Coroutine)}, with {@code options} as the base (their clock is replaced by a
     * new {@link VirtualClock}, their exception handler by the recording one).
     */
    public static <T> T run(LoopOptions options, Coroutine<T> main) throws Exception {
        Objects.requireNonNull(main, "main");
        List<Loop.ErrorContext> errors = new ArrayList<>();
        List<String> leaked = new ArrayList<>();
        LoopOptions testOptions = options.clock(new VirtualClock()).exceptionHandler(e -> {
            synchronized (errors) {
                errors.add(e);
            }
        });
        T result;
        try (Loop loop = Loop.open(testOptions)) {
            result = loop.run(() -> {
                T value = main.call();
                for (var task : loop.allTasks()) {
                    if (task != io.asyncio4j.Asyncio.currentTask()) {
                        leaked.add(task.toString());
                    }
                }
                return value;
            });
        }
        if (!leaked.isEmpty()) {
            throw new AssertionError("tasks still running when the test's main coroutine returned: " + leaked);
        }
        synchronized (errors) {
            if (!errors.isEmpty()) {
                AssertionError failure = new AssertionError("the loop reported " + errors.size() + " error(s): "
                        + errors.stream().map(Loop.ErrorContext::message).toList());
                errors.forEach(e -> {
                    if (e.exception() != null) {
                        failure.addSuppressed(e.exception());
                    }
                });
                throw failure;
            }
        }
        return result;
    }
}
