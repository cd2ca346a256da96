package io.asyncio4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Outcome;
import io.asyncio4j.queue.Queue;
import io.asyncio4j.sync.Lock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationSweepTest {
    /** The scenario of {@link CancellationSweep}'s Javadoc. */
    record Transfer(Lock lock, Queue<String> queue, List<String> cleanups) implements CancellationSweep.Scenario {
        @Override
        public void run() throws Exception {
            lock.withLock(() -> {
                try {
                    queue.put(queue.get() + " moved");
                } finally {
                    cleanups.add("released");
                }
                return null;
            });
        }
    }

    /** The example of {@link CancellationSweep}'s Javadoc. */
    @AsyncioTest
    void transferIsCancellationSafe() throws Exception {
        CancellationSweep.Result result = CancellationSweep.run(
                () -> {
                    Queue<String> queue = new Queue<>();
                    queue.putNowait("item");
                    return new Transfer(new Lock(), queue, new ArrayList<>());
                },
                50,
                (transfer, outcome) -> {
                    assertFalse(transfer.lock().locked());
                    assertEquals(1, transfer.queue().qsize()); // the item is never lost
                });
        assertTrue(result.completedAt() >= 0); // some step let it run to the end
    }

    /** Sleeps three times 10 ms, logging each step and its cleanup. */
    record ThreeNaps(List<String> log) implements CancellationSweep.Scenario {
        @Override
        public void run() {
            try {
                for (int i = 1; i <= 3; i++) {
                    Asyncio.sleep(Duration.ofMillis(10));
                    log.add("nap " + i);
                }
            } finally {
                log.add("cleanup");
            }
        }
    }

    @AsyncioTest
    void aTimedSweepCutsEveryMillisecondUntilTheScenarioFinishesUncut() throws Exception {
        List<String> outcomes = new ArrayList<>();
        CancellationSweep.Result result = CancellationSweep.runTimed(
                () -> new ThreeNaps(new ArrayList<>()), Duration.ofMillis(1), 100, (naps, outcome) -> {
                    if (!naps.log().isEmpty()) { // at step 0 the body never starts
                        assertThat(naps.log()).last().isEqualTo("cleanup");
                    }
                    long count =
                            naps.log().stream().filter(e -> e.startsWith("nap")).count();
                    outcomes.add(count + " naps, " + outcome.getClass().getSimpleName());
                });
        assertThat(result).isEqualTo(new CancellationSweep.Result(31, 30));
        assertThat(outcomes.get(0)).isEqualTo("0 naps, Cancelled");
        assertThat(outcomes.get(9)).isEqualTo("0 naps, Cancelled");
        assertThat(outcomes.get(10)).isEqualTo("1 naps, Cancelled");
        assertThat(outcomes.get(29)).isEqualTo("2 naps, Cancelled");
        assertThat(outcomes.get(30)).isEqualTo("3 naps, Success");
    }

    @AsyncioTest
    void aSweepWithTooFewStepsSaysItDidNotReachTheEnd() throws Exception {
        CancellationSweep.Result result = CancellationSweep.runTimed(
                () -> new ThreeNaps(new ArrayList<>()), Duration.ofMillis(1), 5, (n, o) -> {});
        assertThat(result).isEqualTo(new CancellationSweep.Result(6, -1));
    }

    @AsyncioTest
    void aSchedulingStepSweepCutsAtEachYield() throws Exception {
        List<Outcome<?>> outcomes = new ArrayList<>();
        CancellationSweep.Result result = CancellationSweep.run(
                () -> () -> {
                    for (int i = 0; i < 3; i++) {
                        Asyncio.yieldNow();
                    }
                },
                10,
                (scenario, outcome) -> outcomes.add(outcome));
        assertThat(result.completedAt()).isBetween(3, 5);
        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Cancelled.class);
        assertThat(outcomes.getLast()).isInstanceOf(Outcome.Success.class);
    }

    /** Releases its lock only when nothing goes wrong: the bug the sweep is for. */
    record CarelessLocker(Lock lock) implements CancellationSweep.Scenario {
        @Override
        public void run() {
            lock.acquire();
            Asyncio.sleep(Duration.ofMillis(5));
            lock.release();
        }
    }

    @AsyncioTest
    void aBrokenInvariantFailsTheSweepNamingTheStep() {
        assertThatThrownBy(() -> CancellationSweep.runTimed(
                        () -> new CarelessLocker(new Lock()),
                        Duration.ofMillis(1),
                        10,
                        (s, outcome) -> assertFalse(s.lock().locked(), "the lock is still held")))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(
                        "CancellationSweep, step 1 (cancelled after 1 × 1 ms of loop time): the lock is still held");
    }

    @AsyncioTest
    void aScenarioThatLeavesAChildRunningFailsTheSweep() {
        assertThatThrownBy(() -> CancellationSweep.run(
                        () -> () -> {
                            Asyncio.createTask("orphan", () -> {
                                Asyncio.sleep(Duration.ofHours(1));
                                return null;
                            });
                            Asyncio.sleep(Duration.ofSeconds(1));
                        },
                        3))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("CancellationSweep, step 1 (cancelled after 1 scheduling step (yieldNow)):"
                        + " the scenario's task ended but left 1 task(s) of its own running: [Task[orphan, waiting]]");
    }

    @AsyncioTest
    void aScenarioThatTurnsCancellationIntoAnotherExceptionFailsTheSweep() {
        assertThatThrownBy(() -> CancellationSweep.run(
                        () -> () -> {
                            try {
                                Asyncio.sleep(Duration.ofSeconds(1));
                            } finally {
                                throw new IllegalStateException("cleanup failed");
                            }
                        },
                        3))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the scenario failed instead of ending cancelled or finishing")
                .hasRootCauseMessage("cleanup failed");
    }

    @Test
    void fromAPlainThreadTheSweepRunsOnALoopOfItsOwn() throws Exception {
        CancellationSweep.Result result = CancellationSweep.runTimed(
                () -> new ThreeNaps(new ArrayList<>()), Duration.ofMillis(10), 10, (naps, outcome) -> {
                    assertThat(Asyncio.currentLoop().name()).startsWith("aio-test-");
                    assertThat(naps.log().isEmpty() || naps.log().getLast().equals("cleanup"))
                            .isTrue();
                });
        // At 30 ms both timers are due; the sweep's, set first, fires first: the cut at step 3 lands
        // just before the last nap ends, and only step 4 finds the scenario finished.
        assertThat(result.completedAt()).isEqualTo(4);
    }
}
