package io.asyncio4j;

import io.asyncio4j.lowlevel.VirtualClock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a test's main coroutine on a fresh loop with a virtual clock and checks what tests must never
 * leave behind: errors reported to the loop's handler (lost exceptions) and tasks still running.
 */
public final class TestLoops {
    private TestLoops() {}

    /** Runs {@code main}; fails if the loop reported an error or a task outlived main. */
    public static <T> T run(Coroutine<T> main) throws Exception {
        List<Loop.ErrorContext> errors = new ArrayList<>();
        T result = runCollecting(main, errors);
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError("the loop reported errors: "
                    + errors.stream().map(Loop.ErrorContext::message).toList());
            errors.forEach(e -> failure.addSuppressed(e.exception()));
            throw failure;
        }
        return result;
    }

    /** Runs {@code main} and adds every error reported by the loop to {@code errors}. */
    public static <T> T runCollecting(Coroutine<T> main, List<Loop.ErrorContext> errors) throws Exception {
        LoopOptions options = LoopOptions.defaults().clock(new VirtualClock()).exceptionHandler(e -> {
            synchronized (errors) {
                errors.add(e);
            }
        });
        List<String> leaked = new ArrayList<>();
        T result;
        try (Loop loop = Loop.open(options)) {
            result = loop.run(() -> {
                T value = main.call();
                for (Task<?> t : loop.allTasks()) {
                    if (t != Task.current()) {
                        leaked.add(t.toString());
                    }
                }
                return value;
            });
        }
        if (!leaked.isEmpty()) {
            throw new AssertionError("tasks still running when main returned: " + leaked);
        }
        return result;
    }

    /** Loop time in whole milliseconds since the loop's clock started (virtual clocks start at 0). */
    public static long millis() {
        return Asyncio.currentLoop().time() / 1_000_000;
    }
}
