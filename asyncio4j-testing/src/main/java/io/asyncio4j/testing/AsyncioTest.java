package io.asyncio4j.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit Jupiter test whose body runs as the main task of a fresh {@link io.asyncio4j.Loop}, on a
 * {@link io.asyncio4j.lowlevel.VirtualClock} unless {@link #realClock()} says otherwise: Trio's
 * {@code trio.testing} autojump clock and Kotlin's {@code runTest}, for asyncio4j. Use it instead of
 * {@code @Test}.
 *
 * {@snippet :
 * class HeartbeatTest {
 *     @AsyncioTest
 *     void beatsOncePerSecond(Loop loop) throws Exception {
 *         Transcript log = new Transcript();
 *         Task<Void> heartbeat = Asyncio.createTask("heartbeat", () -> {
 *             while (true) {
 *                 Asyncio.sleep(Duration.ofSeconds(1));
 *                 log.record("beat at " + loop.time() / 1_000_000_000 + " s");
 *             }
 *         });
 *         Asyncio.sleep(Duration.ofMillis(3500)); // 3.5 s of virtual time: returns at once
 *         heartbeat.cancel();                     // a test must not leave it running
 *         Asyncio.gatherSettled(heartbeat);
 *         log.assertEquals("beat at 1 s", "beat at 2 s", "beat at 3 s");
 *     }
 * }
 * }
 *
 * <p>The test fails when, besides failing by itself:
 *
 * <ul>
 *   <li>it returns while other tasks of its loop are still running (each one is listed, with the
 *       loop's task dump): a test must await or cancel what it starts;
 *   <li>the loop's exception handler received anything: an exception no one retrieved from a
 *       failed task (reported at the latest when the loop closes after the test), a failing
 *       callback, or, in debug mode, a task that held the loop too long;
 *   <li>it runs longer than {@link #timeout()} of loop time (virtual time on the virtual clock), or
 *       longer than {@link #wallTimeoutSeconds()} of real time, the safety net for a test that
 *       blocks the loop's thread or waits for something that never comes. Both failures show what
 *       every task was doing.
 * </ul>
 *
 * <p>Parameters of type {@link io.asyncio4j.Loop}, {@link io.asyncio4j.lowlevel.VirtualClock} and
 * {@link io.asyncio4j.lowlevel.Clock} are injected: the test's loop and clock. Step time by hand
 * with {@link io.asyncio4j.lowlevel.VirtualClock#advance}.
 *
 * <p>Only the test method runs on the loop; {@code @BeforeEach} and {@code @AfterEach} methods run
 * on JUnit's thread, before the loop is driven and after it is closed. The loop is new for each
 * test and closed after it (cancelling and awaiting what is left), so nothing leaks from one test
 * into the next.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(AsyncioExtension.class)
public @interface AsyncioTest {
    /**
     * Runs the test on the system clock instead of a virtual one; for tests of real I/O, threads or
     * timing. A {@link io.asyncio4j.lowlevel.VirtualClock} parameter cannot be injected then.
     */
    boolean realClock() default false;

    /**
     * How long, in real milliseconds, the virtual clock waits with nothing happening on the loop
     * before it jumps to the next timer (see {@link
     * io.asyncio4j.lowlevel.VirtualClock#VirtualClock(java.time.Duration)}). The default 0 jumps as
     * soon as every task waits; raise it when tasks also wait for work done on other threads
     * ({@code toThread}, a real socket, {@code Thread.sleep}), so that timers do not fire before
     * that work had a chance to finish.
     */
    long autojumpThresholdMillis() default 0;

    /**
     * Fails the test once it has run this long in loop time: virtual time on the virtual clock (so a
     * deadlocked test fails at once, with a task dump, instead of hanging), real time with {@link
     * #realClock()}. The test's main task is cancelled when it fires. 0, the default, sets none.
     */
    long timeout() default 0;

    /** The unit of {@link #timeout()}. */
    TimeUnit timeoutUnit() default TimeUnit.SECONDS;

    /**
     * The safety net: fails the test after this many seconds of real time, whatever its clock,
     * with a dump of the loop's tasks. It catches what virtual time cannot: a task that holds the
     * loop's thread, or a virtual-clock test with no timer left that waits forever. 0 disables it.
     */
    long wallTimeoutSeconds() default 60;

    /**
     * Runs the loop in debug mode (as {@code -Dasyncio4j.debug=true} does for every test): tasks
     * record where they were created, and a task or callback that holds the loop's thread longer
     * than the slow-callback threshold is reported, which fails the test.
     */
    boolean debug() default false;
}
