package io.asyncio4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.TestLoops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncTest {
    @Test
    void lockIsFairAndExcludesOtherTasksAcrossSuspensions() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Lock lock = new Lock();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("A", "B", "C")) {
                tasks.add(Asyncio.createTask(() -> lock.withLock(() -> {
                    log.add(name + " in @" + TestLoops.millis());
                    Asyncio.sleep(Duration.ofSeconds(1));
                    log.add(name + " out");
                    return null;
                })));
            }
            Asyncio.gather(tasks);
            assertThat(lock.locked()).isFalse();
            assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
            return null;
        });
        assertThat(log).containsExactly("A in @0", "A out", "B in @1000", "B out", "C in @2000", "C out");
    }

    @Test
    void aWaiterCancelledBeforeGettingTheLockNeverLeaksIt() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Boolean> cancelled = Asyncio.createTask(() -> lock.withLock(() -> log.add("never")));
            Task<Boolean> next = Asyncio.createTask(() -> lock.withLock(() -> log.add("next got the lock")));
            Asyncio.yieldNow();
            cancelled.cancel();
            Asyncio.yieldNow();
            lock.release();
            next.await();
            assertThatThrownBy(cancelled::await).isInstanceOf(CancelledError.class);
            assertThat(lock.locked()).isFalse();
            return null;
        });
        assertThat(log).containsExactly("next got the lock");
    }

    @Test
    void aWaiterHandedTheLockAndCancelledAtOnceReleasesItOnTheWayOut() throws Exception {
        TestLoops.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> waiter = Asyncio.createTask(() -> lock.withLock(() -> {
                Asyncio.sleep(Duration.ofSeconds(1));
                return null;
            }));
            Asyncio.yieldNow();
            lock.release();
            waiter.cancel();
            assertThatThrownBy(waiter::await).isInstanceOf(CancelledError.class);
            assertThat(lock.locked()).isFalse();
            return null;
        });
    }

    @Test
    void eventWakesEveryWaiterAndCanBeCleared() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Event event = new Event();
            List<Task<Void>> waiters = new ArrayList<>();
            for (String name : List.of("w1", "w2")) {
                waiters.add(Asyncio.createTask(() -> {
                    event.await();
                    log.add(name + " woke @" + TestLoops.millis());
                }));
            }
            Asyncio.sleep(Duration.ofSeconds(2));
            event.set();
            Asyncio.gather(waiters);
            assertThat(event.isSet()).isTrue();
            event.await();
            event.clear();
            assertThat(event.isSet()).isFalse();
            return null;
        });
        assertThat(log).containsExactly("w1 woke @2000", "w2 woke @2000");
    }

    @Test
    void semaphoreLimitsConcurrencyAndHandsPermitsInOrder() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Semaphore sem = new Semaphore(2);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int n = i;
                tasks.add(Asyncio.createTask(() -> sem.withPermit(() -> {
                    log.add("job " + n + " starts @" + TestLoops.millis());
                    Asyncio.sleep(Duration.ofSeconds(1));
                    return null;
                })));
            }
            Asyncio.gather(tasks);
            assertThat(sem.availablePermits()).isEqualTo(2);
            return null;
        });
        assertThat(log)
                .containsExactly("job 1 starts @0", "job 2 starts @0", "job 3 starts @1000", "job 4 starts @1000");
    }

    @Test
    void boundedSemaphoreRefusesOverReleaseButPlainSemaphoreAllowsIt() throws Exception {
        TestLoops.run(() -> {
            BoundedSemaphore bounded = new BoundedSemaphore(1);
            assertThatThrownBy(bounded::release)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("released too many times");
            Semaphore plain = new Semaphore(1);
            plain.release();
            assertThat(plain.availablePermits()).isEqualTo(2);
            assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
            return null;
        });
    }

    @Test
    void aCancelledSemaphoreWaiterDoesNotLeakAPermit() throws Exception {
        TestLoops.run(() -> {
            Semaphore sem = new Semaphore(1);
            sem.acquire();
            Task<Void> waiter = Asyncio.createTask(() -> sem.withPermit(() -> null));
            Asyncio.yieldNow();
            waiter.cancel();
            assertThatThrownBy(waiter::await).isInstanceOf(CancelledError.class);
            sem.release();
            assertThat(sem.availablePermits()).isEqualTo(1);
            return null;
        });
    }

    @Test
    void conditionWaitReleasesTheLockAndNotifyWakesInOrder() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Condition cond = new Condition();
            List<Integer> items = new ArrayList<>();
            List<Task<Void>> consumers = new ArrayList<>();
            for (String name : List.of("c1", "c2")) {
                consumers.add(Asyncio.createTask(() -> cond.withLock(() -> {
                    cond.waitFor(() -> !items.isEmpty());
                    log.add(name + " took " + items.remove(0) + " holding=" + cond.locked());
                    return null;
                })));
            }
            Asyncio.yieldNow();
            cond.withLock(() -> {
                items.add(1);
                cond.notifyOne();
                return null;
            });
            Asyncio.yieldNow();
            cond.withLock(() -> {
                items.add(2);
                cond.notifyAllWaiters();
                return null;
            });
            Asyncio.gather(consumers);
            assertThatThrownBy(cond::await).isInstanceOf(IllegalStateException.class);
            return null;
        });
        assertThat(log).containsExactly("c1 took 1 holding=true", "c2 took 2 holding=true");
    }

    @Test
    void aCancelledConditionWaiterGetsTheLockBackBeforeItUnwinds() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Condition cond = new Condition();
            Task<Void> waiter = Asyncio.createTask(() -> {
                cond.acquire();
                try {
                    cond.await();
                } finally {
                    log.add("finally holds the lock: " + cond.locked());
                    cond.release();
                }
            });
            Asyncio.yieldNow();
            cond.acquire();
            waiter.cancel();
            Asyncio.sleep(Duration.ofSeconds(1));
            log.add("main releases");
            cond.release();
            assertThatThrownBy(waiter::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("main releases", "finally holds the lock: true");
    }

    @Test
    void barrierReleasesAllPartiesWithTheirArrivalIndex() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(3);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int delay = i;
                tasks.add(Asyncio.createTask(() -> {
                    Asyncio.sleep(Duration.ofSeconds(delay));
                    int index = barrier.await();
                    log.add("index " + index + " passes @" + TestLoops.millis());
                }));
            }
            Asyncio.gather(tasks);
            assertThat(barrier.nWaiting()).isZero();
            return null;
        });
        assertThat(log)
                .containsExactlyInAnyOrder("index 0 passes @2000", "index 1 passes @2000", "index 2 passes @2000");
    }

    @Test
    void abortAndResetBreakTheWaitingParties() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(2);
            Task<Void> early = Asyncio.createTask(() -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    log.add("reset: " + e.getMessage());
                }
            });
            Asyncio.yieldNow();
            barrier.reset();
            early.await();
            Task<Void> again = Asyncio.createTask(() -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    log.add("abort: " + e.getMessage());
                }
            });
            Asyncio.yieldNow();
            barrier.abort();
            again.await();
            assertThat(barrier.broken()).isTrue();
            assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
            return null;
        });
        assertThat(log).containsExactly("reset: the barrier was reset", "abort: the barrier was aborted");
    }

    @Test
    void aCancelledBarrierWaiterNoLongerCountsAsArrived() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(2);
            Task<Integer> quitter = Asyncio.createTask(barrier::await);
            Asyncio.yieldNow();
            assertThat(barrier.nWaiting()).isEqualTo(1);
            quitter.cancel();
            assertThatThrownBy(quitter::await).isInstanceOf(CancelledError.class);
            assertThat(barrier.nWaiting()).isZero();
            return null;
        });
    }
}
