package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.lowlevel.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopOrderingTest {
    @Test
    void callSoonRunsCallbacksInFifoOrder() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Loop loop = Asyncio.currentLoop();
            loop.callSoon(() -> log.add("a"));
            loop.callSoon(() -> log.add("b"));
            loop.callSoon(() -> log.add("c"));
            log.add("scheduled");
            Asyncio.sleep(Duration.ofMillis(1));
            return null;
        });
        assertThat(log).containsExactly("scheduled", "a", "b", "c");
    }

    @Test
    void cancelledCallSoonHandleNeverRuns() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Loop loop = Asyncio.currentLoop();
            loop.callSoon(() -> log.add("a"));
            loop.callSoon(() -> log.add("b")).cancel();
            loop.callSoon(() -> log.add("c"));
            Asyncio.sleep(Duration.ofMillis(1));
            return null;
        });
        assertThat(log).containsExactly("a", "c");
    }

    @Test
    void timersFireByDeadlineThenByInsertionOrder() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Loop loop = Asyncio.currentLoop();
            loop.callLater(Duration.ofMillis(30), () -> log.add("c@" + TestLoops.millis()));
            loop.callLater(Duration.ofMillis(10), () -> log.add("a1@" + TestLoops.millis()));
            loop.callLater(Duration.ofMillis(10), () -> log.add("a2@" + TestLoops.millis()));
            loop.callLater(Duration.ofMillis(20), () -> log.add("b@" + TestLoops.millis()));
            loop.callLater(Duration.ofMillis(25), () -> log.add("never")).cancel();
            Asyncio.sleep(Duration.ofMillis(100));
            return null;
        });
        assertThat(log).containsExactly("a1@10", "a2@10", "b@20", "c@30");
    }

    /**
     * A sleeping task's timer joins the heap only once the task has parked (its frame stays
     * small). A park that returns at once, on a permit left by a stray unpark, must still sleep the
     * whole delay, in deadline order with the other sleepers, in normal and debug mode alike.
     */
    @Test
    void aSleepWhoseParkReturnsAtOnceStillSleepsItsWholeDelay() throws Exception {
        for (boolean debug : new boolean[] {false, true}) {
            List<String> log = new ArrayList<>();
            LoopOptions options =
                    LoopOptions.defaults().clock(new VirtualClock()).debug(debug);
            try (Loop loop = Loop.open(options)) {
                loop.run(() -> {
                    Task<Void> stray = Asyncio.createTask(() -> {
                        java.util.concurrent.locks.LockSupport.unpark(Thread.currentThread());
                        Asyncio.sleep(Duration.ofMillis(20));
                        log.add("stray@" + TestLoops.millis());
                    });
                    Task<Void> plain = Asyncio.createTask(() -> {
                        Asyncio.sleep(Duration.ofMillis(10));
                        log.add("plain@" + TestLoops.millis());
                        Asyncio.sleep(Duration.ofMillis(20));
                        log.add("plain@" + TestLoops.millis());
                    });
                    Asyncio.gather(stray, plain);
                    return null;
                });
            }
            assertThat(log).as("debug=" + debug).containsExactly("plain@10", "stray@20", "plain@30");
        }
    }

    @Test
    void callAtUsesLoopTimeAndHandleReportsWhen() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Loop loop = Asyncio.currentLoop();
            long when = loop.time() + Duration.ofSeconds(5).toNanos();
            var handle = loop.callAt(when, () -> log.add("fired@" + TestLoops.millis()));
            assertThat(handle.when()).isEqualTo(when);
            assertThat(handle.isCancelled()).isFalse();
            Asyncio.sleep(Duration.ofSeconds(6));
            return null;
        });
        assertThat(log).containsExactly("fired@5000");
    }

    @Test
    void yieldNowLetsReadyTasksTakeTurnsRoundRobin() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("A", "B", "C")) {
                tasks.add(Asyncio.createTask(() -> {
                    for (int i = 0; i < 3; i++) {
                        log.add(name + i);
                        Asyncio.yieldNow();
                    }
                }));
            }
            Asyncio.gather(tasks);
            return null;
        });
        assertThat(log).containsExactly("A0", "B0", "C0", "A1", "B1", "C1", "A2", "B2", "C2");
    }

    @Test
    void sleepingTasksWakeInDeadlineOrderOnVirtualTime() throws Exception {
        List<String> log = new ArrayList<>();
        long elapsed = TestLoops.run(() -> {
            long start = TestLoops.millis();
            Task<Void> slow = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ofHours(2));
                log.add("slow@" + TestLoops.millis());
            });
            Task<Void> fast = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ofHours(1));
                log.add("fast@" + TestLoops.millis());
            });
            Asyncio.gather(slow, fast);
            return TestLoops.millis() - start;
        });
        assertThat(log).containsExactly("fast@3600000", "slow@7200000");
        assertThat(elapsed).isEqualTo(Duration.ofHours(2).toMillis());
    }

    @Test
    void newTaskStartsAfterItsCreatorSuspends() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<Void> child = Asyncio.createTask(() -> {
                log.add("child runs");
            });
            log.add("creator continues");
            child.await();
            log.add("creator resumes");
            return null;
        });
        assertThat(log).containsExactly("creator continues", "child runs", "creator resumes");
    }
}
