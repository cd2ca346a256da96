package io.asyncio4j.examples;

import java.time.Duration;

/**
 * A blocking sleep: Python's {@code time.sleep}. The programs use {@link #THREAD_SLEEP}; their tests
 * pass a blocking wait that follows the virtual clock, so that "two blocking sleeps of 2 s take 2 s"
 * is checked without waiting real seconds.
 */
@FunctionalInterface
public interface BlockingSleep {
    /** {@link Thread#sleep(Duration)}: in a task it parks only that task, never the loop. */
    BlockingSleep THREAD_SLEEP = Thread::sleep;

    /** Blocks the calling thread for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
