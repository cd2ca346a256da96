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
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Barrier: arrival indices, the draining phase, reset and abort. The cases named after CPython's
 * {@code Lib/test/test_asyncio/test_locks.py} BarrierTests are ported to this API; they must behave
 * as asyncio's.
 */
class BarrierTest {
    private static final int N = 5;

    private static <T> List<Task<T>> makeTasks(int n, Coroutine<T> coro) {
        List<Task<T>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(Asyncio.createTask(coro));
        }
        return tasks;
    }

    private static <T> List<T> gatherTasks(int n, Coroutine<T> coro) throws Exception {
        return Asyncio.gather(makeTasks(n, coro));
    }

    @Test
    void indicesStayUniqueAfterAWaiterIsCancelled() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(3);
            Task<Integer> a = Asyncio.createTask(barrier::await);
            Task<Integer> b = Asyncio.createTask(barrier::await);
            Asyncio.yieldNow();
            a.cancel();
            assertThatThrownBy(a::await).isInstanceOf(CancelledError.class);
            Task<Integer> c = Asyncio.createTask(barrier::await);
            Task<Integer> d = Asyncio.createTask(barrier::await);
            List<Integer> indices = Asyncio.gather(List.of(b, c, d));
            log.add("indices " + indices);
            return null;
        });
        assertThat(log).containsExactly("indices [0, 1, 2]");
    }

    @Test
    void aWaiterReleasedThenResetBeforeItResumesGetsBrokenBarrier() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(2);
            Task<Void> first = Asyncio.createTask(() -> {
                try {
                    barrier.await();
                    log.add("first passed");
                } catch (BrokenBarrierException e) {
                    log.add("first broken: " + e.getMessage());
                }
            });
            Asyncio.yieldNow();
            log.add("second passes with index " + barrier.await());
            log.add("state " + barrier);
            barrier.reset();
            first.await();
            log.add("state " + barrier);
            return null;
        });
        assertThat(log)
                .containsExactly(
                        "second passes with index 1",
                        "state Barrier[draining, waiters=0/2]",
                        "first broken: the barrier was reset",
                        "state Barrier[filling, waiters=0/2]");
    }

    @Test
    void aWaiterReleasedThenAbortedBeforeItResumesGetsBrokenBarrier() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(2);
            Task<Void> first = Asyncio.createTask(() -> {
                try {
                    barrier.await();
                    log.add("first passed");
                } catch (BrokenBarrierException e) {
                    log.add("first broken: " + e.getMessage());
                }
            });
            Asyncio.yieldNow();
            barrier.await();
            barrier.abort();
            first.await();
            log.add("state " + barrier);
            return null;
        });
        assertThat(log).containsExactly("first broken: the barrier was aborted", "state Barrier[broken, waiters=0/2]");
    }

    @Test
    void anArrivalWhileDrainingWaitsForTheNextRound() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(2);
            Task<Integer> a = Asyncio.createTask(barrier::await);
            Asyncio.yieldNow();
            int mine = barrier.await(); // releases a; a has not resumed yet: draining
            Task<Integer> late = Asyncio.createTask(() -> {
                int index = barrier.await();
                log.add("late passed with index " + index);
                return index;
            });
            Asyncio.yieldNow();
            log.add("a " + a.await() + ", main " + mine + ", " + barrier);
            Task<Integer> partner = Asyncio.createTask(barrier::await);
            Asyncio.gather(List.of(late, partner));
            return null;
        });
        assertThat(log).containsExactly("a 0, main 1, Barrier[filling, waiters=1/2]", "late passed with index 0");
    }

    // ---- CPython test_locks.py BarrierTests ----

    @Test
    void cpythonBarrierParties() {
        assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Barrier(-4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Barrier(N).parties()).isEqualTo(N);
    }

    @Test
    void cpythonRepr() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            assertThat(barrier.toString()).contains("filling");
            List<Task<Integer>> waiters = new ArrayList<>();
            int incr = 2;
            for (int i = 0; i < incr; i++) {
                waiters.add(Asyncio.createTask(barrier::await));
            }
            Asyncio.yieldNow();
            assertThat(barrier.toString()).contains("waiters=" + incr + "/" + N).contains("filling");
            int missing = barrier.parties() - barrier.nWaiting();
            for (int i = 0; i < missing; i++) {
                waiters.add(Asyncio.createTask(barrier::await));
            }
            Asyncio.yieldNow();
            assertThat(barrier.toString()).contains("draining");
            for (int i = 0; i < incr; i++) {
                waiters.add(Asyncio.createTask(barrier::await));
            }
            Asyncio.yieldNow();
            barrier.reset();
            assertThat(barrier.toString()).contains("resetting");
            for (int i = 0; i < incr; i++) {
                waiters.add(Asyncio.createTask(barrier::await));
            }
            Asyncio.yieldNow();
            barrier.abort();
            assertThat(barrier.toString()).contains("broken");
            assertThat(barrier.broken()).isTrue();
            Asyncio.gatherSettled(waiters);
            return null;
        });
    }

    @Test
    void cpythonContextManager() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(3);
            List<Integer> results = gatherTasks(3, barrier::await);
            assertThat(results).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonFillingOneTask() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(1);
            assertThat(barrier.await()).isZero();
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonFillingOneTaskTwice() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(1);
            Task<Integer> t1 = Asyncio.createTask(barrier::await);
            Asyncio.yieldNow();
            assertThat(barrier.nWaiting()).isZero();
            Task<Integer> t2 = Asyncio.createTask(barrier::await);
            Asyncio.yieldNow();
            assertThat(t1.result()).isEqualTo(t2.result());
            assertThat(t1.isDone()).isEqualTo(t2.isDone());
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonFillingTaskByTask() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(3);
            Task<Integer> t1 = Asyncio.createTask(barrier::await);
            Asyncio.yieldNow();
            assertThat(barrier.nWaiting()).isEqualTo(1);
            assertThat(barrier.toString()).contains("filling");
            Task<Integer> t2 = Asyncio.createTask(barrier::await);
            Asyncio.yieldNow();
            assertThat(barrier.nWaiting()).isEqualTo(2);
            assertThat(barrier.toString()).contains("filling");
            Task<Integer> t3 = Asyncio.createTask(barrier::await);
            Asyncio.yieldNow();
            Asyncio.gather(List.of(t1, t2, t3));
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonFillingTasksWaitTwice() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gatherTasks(N, () -> {
                barrier.await();
                results.add(true);
                barrier.await();
                results.add(false);
                return null;
            });
            assertThat(results).hasSize(2 * N);
            assertThat(Collections.frequency(results, true)).isEqualTo(N);
            assertThat(Collections.frequency(results, false)).isEqualTo(N);
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonFillingTasksCheckReturnValue() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Integer> res = gatherTasks(N, () -> {
                barrier.await();
                return barrier.await();
            });
            assertThat(res)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, N).boxed().toList());
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonDrainingState() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gatherTasks(N, () -> {
                barrier.await();
                results.add(barrier.toString().contains("draining"));
                return null;
            });
            assertThat(results).hasSize(N);
            assertThat(results.get(N - 1)).isFalse();
            assertThat(results.subList(0, N - 1)).containsOnly(true);
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonBlockingTasksWhileDraining() throws Exception {
        TestLoops.run(() -> {
            int rewait = 2;
            Barrier barrier = new Barrier(N);
            Barrier barrierNoWaiting = new Barrier(N - rewait);
            int[] rewaitN = {rewait};
            Asyncio.timeout(
                    Duration.ofSeconds(10),
                    () -> gatherTasks(N, () -> {
                        barrier.await();
                        if (rewaitN[0] > 0) {
                            rewaitN[0]--;
                            barrier.await();
                        } else {
                            barrierNoWaiting.await();
                            barrier.await();
                        }
                        return null;
                    }));
            return null;
        });
    }

    @Test
    void cpythonFillingTasksCancelOne() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(3);
            List<Boolean> results = new ArrayList<>();
            Coroutine<Void> coro = () -> {
                barrier.await();
                results.add(true);
                return null;
            };
            Task<Void> t1 = Asyncio.createTask(coro);
            Asyncio.yieldNow();
            assertThat(barrier.nWaiting()).isEqualTo(1);
            Task<Void> t2 = Asyncio.createTask(coro);
            Asyncio.yieldNow();
            assertThat(barrier.nWaiting()).isEqualTo(2);
            t1.cancel();
            Asyncio.yieldNow();
            assertThat(barrier.nWaiting()).isEqualTo(1);
            assertThatThrownBy(t1::await).isInstanceOf(CancelledError.class);
            assertThat(t1.isCancelled()).isTrue();
            Task<Void> t3 = Asyncio.createTask(coro);
            Asyncio.yieldNow();
            assertThat(barrier.nWaiting()).isEqualTo(2);
            Task<Void> t4 = Asyncio.createTask(coro);
            Asyncio.gather(t2, t3, t4);
            assertThat(results).hasSize(3).containsOnly(true);
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonResetBarrier() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(1);
            barrier.reset();
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonResetBarrierWhileTasksWaiting() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results.add(true);
                }
                return null;
            });
            Asyncio.yieldNow();
            Task<Void> resetter = Asyncio.createTask(() -> {
                barrier.reset();
                return null;
            });
            Asyncio.gather(tasks);
            resetter.await();
            assertThat(results).hasSize(N - 1).containsOnly(true);
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.toString()).doesNotContain("resetting");
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonResetBarrierWhenTasksHalfDraining() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            int restOfTasks = N / 2;
            int[] passed = {0};
            gatherTasks(N, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results1.add(true);
                    return null;
                }
                passed[0]++;
                if (N - passed[0] == restOfTasks) { // CPython reads barrier._count here
                    barrier.reset();
                }
                return null;
            });
            assertThat(results1).isEqualTo(Collections.nCopies(restOfTasks, true));
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.toString()).doesNotContain("resetting");
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonResetBarrierWhenTasksHalfDrainingHalfBlocking() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};
            Asyncio.timeout(
                    Duration.ofSeconds(10),
                    () -> gatherTasks(N, () -> {
                        try {
                            barrier.await();
                        } catch (BrokenBarrierException e) {
                            results1.add(true);
                            barrier.await();
                            return null;
                        }
                        count[0]++;
                        if (count[0] > blockingTasks) {
                            barrier.reset();
                            barrier.await();
                        } else {
                            try {
                                barrier.await();
                            } catch (BrokenBarrierException e) {
                                results2.add(true);
                            }
                        }
                        return null;
                    }));
            assertThat(results1).isEqualTo(Collections.nCopies(blockingTasks, true));
            assertThat(results2).isEmpty();
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.toString()).doesNotContain("resetting");
            assertThat(barrier.broken()).isFalse();
            return null;
        });
    }

    @Test
    void cpythonResetBarrierWhileTasksWaitingAndWaitingAgain() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierException e) {
                    results1.add(true);
                } finally {
                    barrier.await();
                    results2.add(true);
                }
                return null;
            });
            Task<Void> resetter = Asyncio.createTask(() -> {
                barrier.reset();
                return null;
            });
            Asyncio.yieldNow();
            Task<Void> last = Asyncio.createTask(() -> {
                barrier.await();
                results2.add(true);
                return null;
            });
            Asyncio.timeout(Duration.ofSeconds(10), () -> Asyncio.gather(tasks));
            Asyncio.gather(resetter, last);
            assertThat(barrier.broken()).isFalse();
            assertThat(results1).hasSize(N - 1).containsOnly(true);
            assertThat(results2).hasSize(N).containsOnly(true);
            assertThat(barrier.nWaiting()).isZero();
            return null;
        });
    }

    @Test
    void cpythonResetBarrierWhileTasksDraining() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            int[] count = {0};
            Asyncio.timeout(
                    Duration.ofSeconds(10),
                    () -> gatherTasks(N, () -> {
                        barrier.await();
                        count[0]++;
                        if (count[0] == N) {
                            barrier.reset();
                            barrier.await();
                        } else {
                            try {
                                barrier.await();
                                results1.add(true);
                            } catch (Exception e) {
                                results2.add(true);
                            }
                        }
                        barrier.await();
                        results3.add(true);
                        return null;
                    }));
            assertThat(barrier.broken()).isFalse();
            assertThat(results1).hasSize(N - 1).containsOnly(true);
            assertThat(results2).isEmpty();
            assertThat(results3).hasSize(N).containsOnly(true);
            assertThat(barrier.nWaiting()).isZero();
            return null;
        });
    }

    @Test
    void cpythonAbortBarrier() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(1);
            barrier.abort();
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.broken()).isTrue();
            return null;
        });
    }

    @Test
    void cpythonAbortBarrierWhenTasksHalfDrainingHalfBlocking() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};
            Asyncio.timeout(
                    Duration.ofSeconds(10),
                    () -> gatherTasks(N, () -> {
                        try {
                            barrier.await();
                        } catch (BrokenBarrierException e) {
                            results1.add(true);
                            return null;
                        }
                        count[0]++;
                        if (count[0] > blockingTasks) {
                            barrier.abort();
                        } else {
                            try {
                                barrier.await();
                            } catch (BrokenBarrierException e) {
                                results2.add(true);
                            }
                        }
                        return null;
                    }));
            assertThat(barrier.broken()).isTrue();
            assertThat(results1).isEqualTo(Collections.nCopies(blockingTasks, true));
            assertThat(results2).isEqualTo(Collections.nCopies(N - blockingTasks - 1, true));
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.toString()).doesNotContain("resetting");
            return null;
        });
    }

    @Test
    void cpythonAbortBarrierWhenException() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            Asyncio.timeout(
                    Duration.ofSeconds(10),
                    () -> gatherTasks(N, () -> {
                        try {
                            int i = barrier.await();
                            if (i == N / 2) {
                                throw new IllegalStateException("boom");
                            }
                            barrier.await();
                            results1.add(true);
                        } catch (BrokenBarrierException e) {
                            results2.add(true);
                        } catch (IllegalStateException e) {
                            barrier.abort();
                        }
                        return null;
                    }));
            assertThat(barrier.broken()).isTrue();
            assertThat(results1).isEmpty();
            assertThat(results2).hasSize(N - 1).containsOnly(true);
            assertThat(barrier.nWaiting()).isZero();
            return null;
        });
    }

    @Test
    void cpythonAbortBarrierWhenExceptionThenResetting() throws Exception {
        TestLoops.run(() -> {
            Barrier barrier1 = new Barrier(N);
            Barrier barrier2 = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            Asyncio.timeout(
                    Duration.ofSeconds(10),
                    () -> gatherTasks(N, () -> {
                        try {
                            int i = barrier1.await();
                            if (i == N / 2) {
                                throw new IllegalStateException("boom");
                            }
                            barrier1.await();
                            results1.add(true);
                        } catch (BrokenBarrierException e) {
                            results2.add(true);
                        } catch (IllegalStateException e) {
                            barrier1.abort();
                        }
                        int i = barrier2.await();
                        if (i == N / 2) {
                            barrier1.reset();
                        }
                        barrier2.await();
                        barrier1.await();
                        results3.add(true);
                        return null;
                    }));
            assertThat(barrier1.broken()).isFalse();
            assertThat(results1).isEmpty();
            assertThat(results2).hasSize(N - 1).containsOnly(true);
            assertThat(results3).hasSize(N).containsOnly(true);
            assertThat(barrier1.nWaiting()).isZero();
            return null;
        });
    }
}
