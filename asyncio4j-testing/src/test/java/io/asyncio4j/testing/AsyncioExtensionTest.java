package io.asyncio4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.Clock;
import io.asyncio4j.lowlevel.VirtualClock;
import io.asyncio4j.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

class AsyncioExtensionTest {
    private static final long SECOND = 1_000_000_000L;

    // ---- tests that pass: they run on the extension itself ----

    /** The example of {@link AsyncioTest}'s Javadoc. */
    @AsyncioTest
    void beatsOncePerSecond(Loop loop) throws Exception {
        Transcript log = new Transcript();
        Task<Void> heartbeat = Asyncio.createTask("heartbeat", () -> {
            while (true) {
                Asyncio.sleep(Duration.ofSeconds(1));
                log.record("beat at " + loop.time() / 1_000_000_000 + " s");
            }
        });
        Asyncio.sleep(Duration.ofMillis(3500)); // 3.5 s of virtual time: returns at once
        heartbeat.cancel(); // a test must not leave it running
        Asyncio.gatherSettled(List.of(heartbeat));
        log.assertEquals("beat at 1 s", "beat at 2 s", "beat at 3 s");
    }

    @AsyncioTest
    void aTestSleepsAnHourOfVirtualTimeInstantly(Loop loop) {
        long wallStart = System.nanoTime();
        long start = loop.time();
        Asyncio.sleep(Duration.ofHours(1));
        assertThat(loop.time() - start).isEqualTo(3600 * SECOND);
        assertThat(System.nanoTime() - wallStart).isLessThan(30 * SECOND);
    }

    @AsyncioTest
    void theTestBodyIsTheOnlyTaskOfTheInjectedLoop(Loop loop) {
        assertThat(Asyncio.currentLoop()).isSameAs(loop);
        assertThat(Asyncio.currentTask()).isNotNull();
        assertThat(loop.allTasks()).containsExactly(Asyncio.currentTask());
        assertThat(loop.name()).startsWith("aio-test-theTestBodyIsTheOnlyTaskOfTheInjectedLoop-");
    }

    @AsyncioTest
    void theInjectedClockIsTheLoopsVirtualClockAndStepsByHand(Loop loop, VirtualClock clock, Clock plain)
            throws Exception {
        assertThat(plain).isSameAs(clock);
        Transcript log = new Transcript();
        Task<Void> sleeper = Asyncio.createTask("sleeper", () -> {
            Asyncio.sleep(Duration.ofSeconds(5));
            log.record("woke at " + loop.time() / SECOND + " s");
        });
        Asyncio.yieldNow(); // the sleeper starts and parks; time stands still while tasks are ready
        log.record("advancing");
        clock.advance(Duration.ofSeconds(5));
        Asyncio.yieldNow();
        Asyncio.yieldNow();
        log.record("yielded twice at " + loop.time() / SECOND + " s");
        sleeper.await();
        log.assertEquals("advancing", "woke at 5 s", "yielded twice at 5 s");
    }

    @AsyncioTest(realClock = true)
    void aRealClockTestWaitsRealTime(Loop loop, Clock clock) {
        assertThat(clock).isSameAs(Clock.system());
        long wallStart = System.nanoTime();
        Asyncio.sleep(Duration.ofMillis(30));
        assertThat(System.nanoTime() - wallStart).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
    }

    /**
     * With a threshold, the virtual clock waits for work on other threads before it jumps; the
     * 1 ms timer would otherwise fire while the thread still sleeps. The threshold is far above
     * what the thread takes even on a loaded machine; once the thread is done, the test moves the
     * clock itself rather than sit out the threshold again.
     */
    @AsyncioTest(autojumpThresholdMillis = 30_000)
    void anAutojumpThresholdLetsWorkOnOtherThreadsFinishBeforeTimersFire(VirtualClock clock) throws Exception {
        assertThat(clock.autojumpThreshold()).isEqualTo(Duration.ofSeconds(30));
        Transcript log = new Transcript();
        Task<Void> thread = Asyncio.createTask("thread", () -> {
            Asyncio.toThread(() -> {
                Thread.sleep(20);
                return null;
            });
            log.record("thread done");
            clock.advance(Duration.ofMillis(1));
            Asyncio.yieldNow(); // the timer, due now, fires at the next cycle
        });
        Task<Void> timer = Asyncio.createTask("timer", () -> {
            Asyncio.sleep(Duration.ofMillis(1));
            log.record("timer fired");
        });
        Asyncio.gather(List.of(thread, timer));
        log.assertEquals("thread done", "timer fired");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @ExtendWith(AsyncioExtension.class)
    void parameterizedTestsRunOnALoopToo(int seconds, Loop loop) {
        assertThat(Asyncio.currentLoop()).isSameAs(loop);
        long start = loop.time();
        Asyncio.sleep(Duration.ofSeconds(seconds));
        assertThat(loop.time() - start).isEqualTo(seconds * SECOND);
    }

    // ---- tests that must fail: fixtures run through EngineTestKit ----

    @ExtendWith(Fixtures.class)
    static class Misbehaving {
        static final List<Loop> loops = new ArrayList<>();

        @AsyncioTest
        void leavesATaskRunning() {
            Asyncio.createTask("forgotten", () -> {
                Asyncio.sleep(Duration.ofHours(1));
                return null;
            });
            Asyncio.yieldNow();
        }

        @AsyncioTest
        void losesAnException() {
            Coroutine<Void> fails = () -> {
                throw new IllegalStateException("nobody reads this");
            };
            Asyncio.createTask("doomed", fails);
            Asyncio.yieldNow(); // doomed runs and fails; nobody awaits it
        }

        @AsyncioTest(timeout = 120)
        void waitsForAnEventNobodySets() throws Exception {
            Event never = new Event();
            Task<Void> waiter = Asyncio.createTask("waiter", never::await);
            waiter.await();
        }

        @AsyncioTest(timeout = 10, timeoutUnit = TimeUnit.MILLISECONDS)
        void sleepsLongerThanItsTimeout() {
            Asyncio.sleep(Duration.ofHours(1));
        }

        @AsyncioTest(wallTimeoutSeconds = 1)
        void waitsForeverWithNoTimer() {
            new Event().await();
        }

        /**
         * Busy until the safety net, having taken its dump of the tasks, closes the loop: a spin of
         * fixed length could end before a safety net delayed by a loaded machine looked.
         */
        @AsyncioTest(wallTimeoutSeconds = 1)
        void holdsTheLoopsThread(Loop loop) {
            long end = System.nanoTime() + 60 * SECOND;
            while (!loop.isClosed() && System.nanoTime() < end) {
                Thread.onSpinWait(); // a busy loop: the loop's thread cannot run anything else
            }
        }

        @AsyncioTest(debug = true)
        void holdsTheLoopLongerThanTheSlowCallbackDuration() {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }

        @AsyncioTest
        void failsAnAssertionAndLeavesATask() {
            Asyncio.createTask("straggler", () -> {
                Asyncio.sleep(Duration.ofHours(1));
                return null;
            });
            fail("the test's own failure");
        }

        @AsyncioTest(realClock = true)
        void asksForAVirtualClockOnARealOne(VirtualClock clock) {}

        @AsyncioTest
        void recordsItsLoop(Loop loop) {
            loops.add(loop);
        }

        @AsyncioTest
        void recordsItsLoopToo(Loop loop) {
            loops.add(loop);
        }
    }

    @Test
    void aTestThatLeavesATaskRunningFailsAndNamesTheTask() {
        Throwable failure = Fixtures.failure(Misbehaving.class, "leavesATaskRunning");
        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the test returned while 1 other task(s) of its loop were still running")
                .hasMessageContaining("[Task[forgotten, waiting]]")
                .hasMessageContaining("── forgotten [waiting]");
    }

    @Test
    void aTestThatLosesAnExceptionFailsWithThatException() {
        Throwable failure = Fixtures.failure(Misbehaving.class, "losesAnException");
        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the loop's exception handler received 1 error")
                .hasMessageContaining("doomed")
                .hasMessageContaining("never retrieved")
                .hasMessageContaining("java.lang.IllegalStateException: nobody reads this");
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0]).hasMessage("nobody reads this");
    }

    @Test
    void theVirtualTimeoutFailsADeadlockedTestAtOnceWithATaskDump() {
        long wallStart = System.nanoTime();
        Throwable failure = Fixtures.failure(Misbehaving.class, "waitsForAnEventNobodySets");
        // Far below the 120 s a timeout on real time would take.
        assertThat(System.nanoTime() - wallStart).isLessThan(30 * SECOND);
        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the test timed out: it ran 120 s of virtual time (the timeout of @AsyncioTest)")
                .hasMessageContaining("Tasks when the timeout fired:")
                .hasMessageContaining("── waiter [waiting]")
                .hasMessageContaining("in Event.await");
    }

    @Test
    void theVirtualTimeoutCutsALongSleepShort() {
        Throwable failure = Fixtures.failure(Misbehaving.class, "sleepsLongerThanItsTimeout");
        assertThat(failure).hasMessageContaining("the test timed out: it ran 10 ms of virtual time");
        assertThat(failure.getCause()).isInstanceOf(io.asyncio4j.CancelledError.class);
    }

    @Test
    void theWallTimeoutFailsAVirtualTestWaitingWithNoTimerLeft() {
        Throwable failure = Fixtures.failure(Misbehaving.class, "waitsForeverWithNoTimer");
        assertThat(failure)
                .hasMessageContaining("the test did not finish within 1 s of real time (the wall-time safety net")
                .hasMessageContaining("a loop-time timeout fails such a test at once")
                .hasMessageContaining("Its tasks were cancelled.")
                .hasMessageContaining("in Event.await")
                .hasMessageContaining(
                        "at io.asyncio4j.testing.AsyncioExtensionTest$Misbehaving.waitsForeverWithNoTimer(")
                // the test runner's frames below the test's own are left out
                .satisfies(f -> assertThat(f.getMessage()).doesNotContain("at org.junit."));
    }

    @Test
    void theWallTimeoutFailsATestThatHoldsTheLoopsThreadAndShowsWhere() {
        Throwable failure = Fixtures.failure(Misbehaving.class, "holdsTheLoopsThread");
        assertThat(failure)
                .hasMessageContaining("the test did not finish within 1 s of real time")
                .hasMessageContaining("did not answer")
                .hasMessageContaining("holdsTheLoopsThread");
    }

    @Test
    void inDebugModeATestThatHoldsTheLoopTooLongFails() {
        Throwable failure = Fixtures.failure(Misbehaving.class, "holdsTheLoopLongerThanTheSlowCallbackDuration");
        assertThat(failure)
                .hasMessageContaining("the loop's exception handler received")
                .hasMessageContaining("held loop");
    }

    @Test
    void aTestsOwnFailureComesFirstWithTheLeakAsSuppressed() {
        Throwable failure = Fixtures.failure(Misbehaving.class, "failsAnAssertionAndLeavesATask");
        assertThat(failure).isInstanceOf(AssertionFailedError.class).hasMessage("the test's own failure");
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0]).hasMessageContaining("Task[straggler, pending]");
    }

    @Test
    void aVirtualClockCannotBeInjectedIntoARealClockTest() {
        Throwable failure = Fixtures.failure(Misbehaving.class, "asksForAVirtualClockOnARealOne");
        assertThat(failure)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("there is no VirtualClock to inject");
    }

    @Test
    void eachTestGetsAFreshLoopClosedAfterIt() {
        Misbehaving.loops.clear();
        Fixtures.passes(Misbehaving.class, "recordsItsLoop");
        Fixtures.passes(Misbehaving.class, "recordsItsLoopToo");
        assertThat(Misbehaving.loops).hasSize(2).doesNotHaveDuplicates().allMatch(Loop::isClosed);
    }
}
