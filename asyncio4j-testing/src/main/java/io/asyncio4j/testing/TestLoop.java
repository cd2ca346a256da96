package io.asyncio4j.testing;

import io.asyncio4j.Coroutine;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.lowlevel.VirtualClock;
import java.util.Objects;

/**
 * Runs test code on a fresh loop with a {@link VirtualClock}, and fails the test if anything went
 * wrong behind its back: an exception reported to the loop's handler (a task's failure nobody
 * retrieved, a failing callback) or a task still running when the main coroutine returned. A test
 * that runs longer than 60 s of real time fails with a dump of the loop's tasks. In a JUnit test,
 * {@link AsyncioTest @AsyncioTest} does the same with less ceremony.
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
     * @throws AssertionError if a task outlived main, the loop reported an error, or main ran
     *     longer than 60 s of real time
     * @throws Exception main's own exception, unwrapped
     */
    public static <T> T run(Coroutine<T> main) throws Exception {
        return run(LoopOptions.defaults(), main);
    }

    /**
     * Like {@link #run(Coroutine)}, with {@code options} as the base (their clock is replaced by a
     * new {@link VirtualClock}, their exception handler by the recording one).
     */
    public static <T> T run(LoopOptions options, Coroutine<T> main) throws Exception {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(main, "main");
        try (TestRun run = new TestRun(TestRun.Settings.defaults("TestLoop.run").withBase(options))) {
            return run.run(main);
        }
    }
}
