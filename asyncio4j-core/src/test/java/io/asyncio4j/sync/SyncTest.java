package io.asyncio4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coroutine;
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

    // ---- a waiter cancelled before it is served never gets what it waited for ----

    @Test
    void aLockWaiterCancelledJustBeforeReleaseIsSkippedAndTheNextIsServed() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> a = Asyncio.createTask(() -> {
                lock.acquire();
                log.add("A acquired");
                lock.release();
            });
            Task<Void> b = Asyncio.createTask(() -> {
                lock.acquire();
                log.add("B acquired");
                lock.release();
            });
            Asyncio.yieldNow();
            a.cancel();
            lock.release();
            Asyncio.waitFor(b, Duration.ofSeconds(10));
            assertThatThrownBy(a::await).isInstanceOf(CancelledError.class);
            log.add("locked after both: " + lock.locked());
            return null;
        });
        assertThat(log).containsExactly("B acquired", "locked after both: false");
    }

    /** CPython test_locks.py LockTests.test_finished_waiter_cancelled. */
    @Test
    void aCancelledWaiterDoesNotKeepTheLockFromALaterArrival() throws Exception {
        TestLoops.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> tb = Asyncio.createTask(lock::acquire);
            Asyncio.yieldNow();
            Task<Void> tc = Asyncio.createTask(lock::acquire);
            tb.cancel();
            lock.release();
            Asyncio.yieldNow();
            assertThat(lock.locked()).isTrue();
            assertThat(tb.isCancelled()).isTrue();
            Asyncio.waitFor(tc, Duration.ofSeconds(10));
            assertThat(lock.locked()).isTrue();
            return null;
        });
    }

    /** CPython test_locks.py LockTests.test_cancel_release_race. */
    @Test
    void cancellingTheFirstWaiterAndReleasingLetsExactlyOneTaskIn() throws Exception {
        TestLoops.run(() -> {
            Lock lock = new Lock();
            int[] lockCount = {0};
            int[] callCount = {0};
            Coroutine<Void> lockit = () -> {
                callCount[0]++;
                lock.acquire();
                lockCount[0]++;
                return null;
            };
            lock.acquire();
            Task<Void> t1 = Asyncio.createTask(lockit);
            Task<Void> t2 = Asyncio.createTask(lockit);
            Task<Void> t3 = Asyncio.createTask(lockit);
            Asyncio.yieldNow();
            Asyncio.currentLoop().callSoon(() -> {
                t1.cancel();
                lock.release();
            });
            assertThatThrownBy(t1::await).isInstanceOf(CancelledError.class);
            assertThat(lockCount[0]).isEqualTo(1);
            assertThat(callCount[0]).isEqualTo(3);
            assertThat(t1.isCancelled() && t2.isDone()).isTrue();
            t3.cancel();
            Asyncio.yieldNow();
            assertThat(t3.isCancelled()).isTrue();
            return null;
        });
    }

    @Test
    void aLockWaiterServedThenCancelledBeforeItRunsPassesTheLockOn() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> a = Asyncio.createTask(() -> {
                try {
                    lock.acquire();
                    log.add("A acquired");
                    lock.release();
                } catch (CancelledError e) {
                    log.add("A cancelled, lock held by someone: " + lock.locked());
                    throw e;
                }
            });
            Task<Void> b = Asyncio.createTask(() -> {
                lock.acquire();
                log.add("B acquired");
                lock.release();
            });
            Asyncio.yieldNow();
            lock.release();
            a.cancel();
            Asyncio.waitFor(b, Duration.ofSeconds(10));
            assertThatThrownBy(a::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("A cancelled, lock held by someone: true", "B acquired");
    }

    /** CPython test_locks.py SemaphoreTests.test_acquire_cancel_before_awoken. */
    @Test
    void semaphoreWaitersCancelledBeforeReleaseAreSkipped() throws Exception {
        TestLoops.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> t1 = Asyncio.createTask(sem::acquire);
            Task<Void> t2 = Asyncio.createTask(sem::acquire);
            Task<Void> t3 = Asyncio.createTask(sem::acquire);
            Task<Void> t4 = Asyncio.createTask(sem::acquire);
            Asyncio.yieldNow();
            t1.cancel();
            t2.cancel();
            sem.release();
            Asyncio.yieldNow();
            Asyncio.yieldNow();
            assertThat(t1.isCancelled()).isTrue();
            assertThat(t2.isCancelled()).isTrue();
            assertThat(t3.isDone()).isTrue();
            assertThat(t4.isDone()).isFalse();
            t3.cancel();
            t4.cancel();
            Asyncio.gatherSettled(List.of(t1, t2, t3, t4));
            assertThat(sem.availablePermits()).isZero();
            return null;
        });
    }

    /** CPython test_locks.py SemaphoreTests.test_acquire_hang. */
    @Test
    void aSemaphorePermitReleasedAfterACancelReachesTheNextWaiter() throws Exception {
        TestLoops.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> t1 = Asyncio.createTask(sem::acquire);
            Task<Void> t2 = Asyncio.createTask(sem::acquire);
            Asyncio.yieldNow();
            t1.cancel();
            sem.release();
            Asyncio.yieldNow();
            Asyncio.yieldNow();
            assertThat(sem.locked()).isTrue();
            assertThat(t2.isDone()).isTrue();
            assertThat(t1.isCancelled()).isTrue();
            return null;
        });
    }

    /** CPython test_locks.py SemaphoreTests.test_acquire_fifo_order_3. */
    @Test
    void aCancelledSemaphoreWaiterKeepsTheOthersInOrder() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Semaphore sem = new Semaphore(0);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                tasks.add(Asyncio.createTask(() -> {
                    sem.acquire();
                    log.add("t" + n);
                }));
            }
            Asyncio.yieldNow();
            tasks.get(0).cancel();
            Asyncio.yieldNow();
            sem.release();
            sem.release();
            Asyncio.gatherSettled(tasks);
            return null;
        });
        assertThat(log).containsExactly("t2", "t3");
    }

    @Test
    void anEventWaiterSetThenCancelledBeforeItRunsIsCancelled() throws Exception {
        TestLoops.run(() -> {
            Event event = new Event();
            Task<Void> waiter = Asyncio.createTask(event::await);
            Asyncio.yieldNow();
            event.set();
            waiter.cancel();
            assertThatThrownBy(waiter::await).isInstanceOf(CancelledError.class);
            return null;
        });
    }

    // ---- Condition: a cancel that arrives while the lock is taken back is not lost ----

    /** CPython test_locks.py ConditionTests.test_wait_cancel_after_notify. */
    @Test
    void aCancelArrivingWhileAwaitTakesTheLockBackIsThrown() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Condition cond = new Condition();
            Task<Void> waiter = Asyncio.createTask(() -> cond.withLock(() -> {
                log.add("waiting");
                try {
                    cond.await();
                    log.add("await returned");
                } catch (CancelledError e) {
                    log.add("await cancelled holding the lock: " + cond.locked());
                    throw e;
                }
                return null;
            }));
            Asyncio.yieldNow();
            cond.acquire();
            cond.notifyOne();
            Asyncio.yieldNow(); // the waiter now waits for the lock
            waiter.cancel();
            Asyncio.yieldNow();
            cond.release();
            Asyncio.yieldNow();
            assertThat(waiter.isCancelled()).isTrue();
            assertThat(cond.locked()).isFalse();
            return null;
        });
        assertThat(log).containsExactly("waiting", "await cancelled holding the lock: true");
    }

    /** CPython test_locks.py ConditionTests.test_wait_cancel_contested. */
    @Test
    void aNotifiedWaiterCancelledWhileTheLockIsContestedEndsHoldingIt() throws Exception {
        TestLoops.run(() -> {
            Condition cond = new Condition();
            cond.acquire();
            Task<Void> waitTask = Asyncio.createTask(() -> {
                cond.await();
                return null;
            });
            Asyncio.yieldNow();
            assertThat(cond.locked()).isFalse();
            cond.acquire();
            cond.notifyOne();
            Asyncio.currentLoop().callSoon(waitTask::cancel);
            Asyncio.currentLoop().callSoon(cond::release);
            try {
                waitTask.await();
            } catch (CancelledError expected) {
                // either outcome is allowed; what matters is who holds the lock
            }
            assertThat(cond.locked()).isTrue();
            return null;
        });
    }

    @Test
    void aNotifiedWaiterThatIsCancelledPassesTheNotificationOn() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Condition cond = new Condition();
            List<Task<Void>> waiters = new ArrayList<>();
            for (String name : List.of("A", "B")) {
                waiters.add(Asyncio.createTask(() -> cond.withLock(() -> {
                    try {
                        cond.await();
                        log.add(name + " notified");
                    } catch (CancelledError e) {
                        log.add(name + " cancelled");
                        throw e;
                    }
                    return null;
                })));
            }
            Asyncio.yieldNow();
            cond.acquire();
            cond.notifyOne();
            waiters.get(0).cancel();
            cond.release();
            Asyncio.waitFor(waiters.get(1), Duration.ofSeconds(10));
            assertThatThrownBy(waiters.get(0)::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("A cancelled", "B notified");
    }

    /** CPython test_locks.py SemaphoreTests.test_acquire_no_hang. */
    @Test
    void aSemaphoreWaiterHandedAPermitThenCancelledHandsItOn() throws Exception {
        TestLoops.run(() -> {
            Semaphore sem = new Semaphore(1);
            List<Task<Void>> t2 = new ArrayList<>();
            Task<Void> t1 = Asyncio.createTask(() -> {
                sem.withPermit(() -> {
                    Asyncio.yieldNow();
                    return null;
                });
                t2.get(0).cancel();
            });
            t2.add(Asyncio.createTask(() -> {
                sem.withPermit(() -> {
                    throw new AssertionError("the cancelled waiter must not run with the permit");
                });
            }));
            List<io.asyncio4j.Outcome<Void>> outcomes = Asyncio.gatherSettled(List.of(t1, t2.get(0)));
            assertThat(outcomes.get(0)).isInstanceOf(io.asyncio4j.Outcome.Success.class);
            assertThat(outcomes.get(1)).isInstanceOf(io.asyncio4j.Outcome.Cancelled.class);
            Asyncio.waitFor(Asyncio.createTask(sem::acquire), Duration.ofSeconds(1));
            return null;
        });
    }

    /** CPython test_locks.py SemaphoreTests.test_acquire_fifo_order. */
    @Test
    void semaphoreTurnsGoInArrivalOrder() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Semaphore sem = new Semaphore(1);
            List<Task<Void>> tasks = new ArrayList<>();
            for (String tag : List.of("c1", "c2", "c3")) {
                tasks.add(Asyncio.createTask(() -> {
                    for (int round = 1; round <= 2; round++) {
                        sem.acquire();
                        log.add(tag + "_" + round);
                        Asyncio.sleep(Duration.ofMillis(10));
                        sem.release();
                    }
                }));
            }
            Asyncio.gather(tasks);
            return null;
        });
        assertThat(log).containsExactly("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2");
    }
}
