package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.sync.Condition;
import io.asyncio4j.sync.Lock;
import io.asyncio4j.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Every method that takes a body takes a void one too, as asyncio's {@code async with} wraps
 * statements; and a TimeoutException says which timeout expired, and after how long.
 */
class VoidBodiesTest {
    private int counter;

    @Test
    void lockSemaphoreAndConditionTakeStatementBodies() throws Exception {
        List<String> log = TestLoops.run(() -> {
            List<String> out = new ArrayList<>();
            Lock lock = new Lock();
            Semaphore sem = new Semaphore(1);
            Condition cond = new Condition();
            lock.withLock(() -> {
                counter++;
                out.add("in lock, locked " + lock.locked());
            });
            sem.withPermit(() -> {
                counter++;
                out.add("in semaphore, permits left " + sem.availablePermits());
            });
            cond.withLock(() -> {
                counter++;
                out.add("in condition, locked " + cond.locked());
            });
            out.add("after: lock " + lock.locked() + ", permits " + sem.availablePermits() + ", condition "
                    + cond.locked() + ", counter " + counter);
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "in lock, locked true",
                        "in semaphore, permits left 0",
                        "in condition, locked true",
                        "after: lock false, permits 1, condition false, counter 3");
    }

    @Test
    void timeoutsTakeStatementBodies() throws Exception {
        List<String> log = TestLoops.run(() -> {
            List<String> out = new ArrayList<>();
            Asyncio.timeout(Duration.ofSeconds(2), () -> {
                Asyncio.sleep(Duration.ofSeconds(1));
                out.add("timeout body done at " + TestLoops.millis() + " ms");
            });
            Asyncio.timeoutAt(
                    Asyncio.currentLoop().time() + Duration.ofSeconds(1).toNanos(), () -> {
                        out.add("timeoutAt body ran");
                    });
            boolean finished = Asyncio.timeoutOrNull(Duration.ofSeconds(1), () -> {
                Asyncio.sleep(Duration.ofSeconds(5));
                out.add("never");
            });
            out.add("timeoutOrNull finished " + finished + " at " + TestLoops.millis() + " ms");
            out.add("timeoutOrNull in time " + Asyncio.timeoutOrNull(Duration.ofSeconds(1), () -> {}));
            Asyncio.uncancellable(() -> {
                out.add("uncancellable body ran");
            });
            Asyncio.uncancellable(Duration.ofSeconds(1), () -> {
                out.add("bounded uncancellable body ran");
            });
            return out;
        });
        assertThat(log)
                .containsExactly(
                        "timeout body done at 1000 ms",
                        "timeoutAt body ran",
                        "timeoutOrNull finished false at 2000 ms",
                        "timeoutOrNull in time true",
                        "uncancellable body ran",
                        "bounded uncancellable body ran");
    }

    @Test
    void aTimeoutExceptionNamesWhatExpiredAndAfterHowLong() throws Exception {
        List<String> messages = TestLoops.run(() -> {
            List<String> out = new ArrayList<>();
            try {
                Asyncio.timeout(Duration.ofSeconds(2), () -> Asyncio.sleep(Duration.ofHours(1)));
            } catch (TimeoutException e) {
                out.add(e.getMessage());
            }
            Task<Void> slow = Asyncio.createTask("fetch-3", () -> Asyncio.sleep(Duration.ofHours(1)));
            try {
                Asyncio.waitFor(slow, Duration.ofMillis(1500));
            } catch (TimeoutException e) {
                out.add(e.getMessage().replaceAll("Task\\[.*?fetch-3.*?\\]", "Task[fetch-3]"));
            }
            return out;
        });
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).isEqualTo("timeout(PT2S) expired");
        assertThat(messages.get(1)).startsWith("waitFor(").contains("fetch-3").endsWith(", PT1.5S) expired");
    }

    @Test
    void aVoidTimeoutStillTurnsOnlyItsOwnExpiryIntoTimeoutException() throws Exception {
        assertThatThrownBy(() -> TestLoops.run(() -> {
                    Asyncio.timeout(Duration.ofSeconds(1), () -> {
                        throw new IllegalStateException("the body's own failure");
                    });
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the body's own failure");
    }

    @Test
    void aLoopRunsCreatesAndSubmitsStatementBodies() throws Exception {
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Loop loop = Loop.open(LoopOptions.defaults().clock(new io.asyncio4j.lowlevel.VirtualClock()))) {
            loop.run(() -> {
                Task<Void> named = Asyncio.currentLoop().createTask("named", () -> {
                    log.add("named task ran as " + Asyncio.currentTask().getName());
                });
                Task<Void> plain = Asyncio.currentLoop().createTask(() -> {
                    log.add("plain task ran");
                });
                Asyncio.gather(named, plain);
                return null;
            });
            loop.submit(() -> {
                        log.add("submitted body ran");
                    })
                    .get();
        }
        assertThat(log).containsExactly("named task ran as named", "plain task ran", "submitted body ran");
    }
}
