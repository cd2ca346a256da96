package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.lowlevel.Clock;
import io.asyncio4j.lowlevel.VirtualClock;
import io.asyncio4j.sync.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What closing a loop owes its tasks, its error handler and the other loops of the JVM. */
class LoopClosingTest {
    private static LoopOptions recording(List<Loop.ErrorContext> errors) {
        return LoopOptions.defaults().clock(new VirtualClock()).exceptionHandler(errors::add);
    }

    /**
     * Tasks created in a task's last step have not started when it returns. Here the loop is held at
     * that task's end until close() has been called, so the close request always meets them
     * unstarted; as in asyncio, each still runs its first step, and so its finally.
     */
    @Test
    void tasksCreatedJustBeforeTheLoopClosesRunTheirFirstStepAndTheirFinally() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch mainEnding = new CountDownLatch(1);
        Loop loop = Loop.open(recording(errors));
        try {
            loop.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    Asyncio.createTask(() -> {
                        try {
                            log.add("start " + n);
                            Asyncio.sleep(Duration.ofDays(1));
                        } finally {
                            log.add("finally " + n);
                        }
                    });
                }
                // Runs on the loop thread as this task ends, and holds it until close() was called.
                Asyncio.currentTask().addWaiter((Awaitable.Waiter) a -> {
                    mainEnding.countDown();
                    while (!loop.isClosed()) {
                        Thread.onSpinWait();
                    }
                });
                return null;
            });
            mainEnding.await();
        } finally {
            loop.close();
        }
        assertThat(log.stream().filter(s -> s.startsWith("start"))).hasSize(20);
        assertThat(log.stream().filter(s -> s.startsWith("finally"))).hasSize(20);
        assertThat(errors).isEmpty();
    }

    @Test
    void anExceptionNeverRetrievedIsReportedWithItsTaskWhenTheLoopCloses() throws Exception {
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        IOException lost = new IOException("lost");
        List<Task<?>> kept = new ArrayList<>();
        try (Loop loop = Loop.open(recording(errors))) {
            loop.run(() -> {
                kept.add(Asyncio.createTask("failing", () -> {
                    throw lost;
                }));
                Asyncio.yieldNow();
                return null;
            });
        }
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).exception()).isSameAs(lost);
        assertThat(errors.get(0).task()).isSameAs(kept.get(0));
    }

    /** A clock that throws once from idleWait when armed: a failure of the loop's cycle itself. */
    private static final class FailingOnceClock implements Clock {
        final VirtualClock inner = new VirtualClock();
        volatile boolean armed;

        @Override
        public long nanoTime() {
            return inner.nanoTime();
        }

        @Override
        public long idleWait(long deadline, long activity) {
            if (armed) {
                armed = false;
                throw new OutOfMemoryError("simulated failure inside the cycle");
            }
            return inner.idleWait(deadline, activity);
        }

        @Override
        public boolean tracksRealTime() {
            return false;
        }
    }

    @Test
    void aFailureOfTheCycleItselfIsReportedAndTheLoopGoesOnSoCleanupRuns() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        FailingOnceClock clock = new FailingOnceClock();
        try (Loop loop = Loop.open(LoopOptions.defaults().clock(clock).exceptionHandler(errors::add))) {
            String result = loop.run(() -> {
                Asyncio.createTask("worker", () -> {
                    try {
                        Asyncio.sleep(Duration.ofDays(1));
                    } finally {
                        log.add("worker: finally");
                    }
                });
                clock.armed = true;
                Asyncio.sleep(Duration.ofSeconds(1)); // the loop idles, and its cycle fails once
                return "main went on";
            });
            assertThat(result).isEqualTo("main went on");
        }
        assertThat(log).containsExactly("worker: finally");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).exception()).isInstanceOf(OutOfMemoryError.class);
    }

    /**
     * The close cancels its tasks in batches, newest first. Here the first batch's cancellation lets
     * the oldest tasks end on their own before their batch comes: a batch of ended tasks makes
     * nothing ready, and the close must still go on to the next batch instead of waiting in the
     * selector for ever.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a regression hangs the close
    void batchesOfTasksThatEndedOnTheirOwnDoNotStallTheClose() throws Exception {
        int waiters = 4 * LoopClosing.CANCEL_BATCH;
        int[] ended = new int[3]; // waiters ended normally, fillers cancelled, setter's finally ran
        Loop loop = Loop.open();
        try {
            loop.run(() -> {
                Event go = new Event();
                for (int i = 0; i < waiters; i++) {
                    Asyncio.createTask(() -> {
                        go.await();
                        ended[0]++;
                    });
                }
                // Two batches' worth of newer tasks that only end when cancelled
                for (int i = 0; i < 2 * LoopClosing.CANCEL_BATCH - 1; i++) {
                    Asyncio.createTask(() -> {
                        try {
                            Asyncio.sleep(Duration.ofDays(1));
                        } finally {
                            ended[1]++;
                        }
                    });
                }
                // The newest: cancelled in the first batch, it releases the oldest ones
                Asyncio.createTask(() -> {
                    try {
                        Asyncio.sleep(Duration.ofDays(1));
                    } finally {
                        ended[2]++;
                        go.set();
                    }
                });
                Asyncio.sleep(Duration.ZERO); // every task runs its first step and parks
                return null;
            });
        } finally {
            loop.close();
        }
        assertThat(ended).containsExactly(waiters, 2 * LoopClosing.CANCEL_BATCH - 1, 1);
    }

    @Test
    @Timeout(
            value = 60,
            threadMode =
                    Timeout.ThreadMode.SEPARATE_THREAD) // a regression loses the signal, and the wait for it never ends
    void closingOneLoopLeavesAnotherLoopsHandlerOfTheSameSignalInPlace() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Loop first = Loop.open();
        try (Loop second = Loop.open()) {
            first.run(() -> {
                Asyncio.currentLoop().addSignalHandler("SIGWINCH", () -> log.add("first"));
                return null;
            });
            Future<String> received = second.submit(() -> new Future<String>()).get();
            second.run(() -> {
                Asyncio.currentLoop().addSignalHandler("SIGWINCH", () -> {
                    log.add("second");
                    if (!received.isDone()) {
                        received.setResult("WINCH");
                    }
                });
                return null;
            });
            first.close();
            new ProcessBuilder(
                            "kill",
                            "-WINCH",
                            Long.toString(ProcessHandle.current().pid()))
                    .start()
                    .waitFor();
            assertThat(second.run(received::await)).isEqualTo("WINCH");
            second.run(() -> Asyncio.currentLoop().removeSignalHandler("SIGWINCH"));
        } finally {
            first.close();
        }
        assertThat(log).containsExactly("second");
    }

    /**
     * A close may cancel a million parked tasks at once; a stack trace for each would cost more
     * than the rest of the close. Other cancellations keep theirs.
     */
    @Test
    void theCancelledErrorOfAClosingLoopCarriesItsMessageButNoStackTrace() throws Exception {
        List<Throwable> seen = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open(recording(new ArrayList<>()))) {
            loop.run(() -> {
                Task<Void> byUser = Asyncio.createTask(() -> {
                    try {
                        Asyncio.sleep(Duration.ofDays(1));
                    } catch (CancelledError e) {
                        seen.add(e);
                        throw e;
                    }
                });
                Asyncio.createTask(() -> {
                    try {
                        Asyncio.sleep(Duration.ofDays(1));
                    } catch (CancelledError e) {
                        seen.add(e);
                        throw e;
                    }
                });
                Asyncio.yieldNow();
                byUser.cancel("by the user");
                Asyncio.yieldNow();
                return null;
            });
        }
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).getMessage()).isEqualTo("by the user");
        assertThat(seen.get(0).getStackTrace()).isNotEmpty();
        assertThat(seen.get(1).getMessage()).isEqualTo("the loop is closing");
        assertThat(seen.get(1).getStackTrace()).isEmpty();
    }

    /**
     * A close cancels what was live a batch per cycle. Whatever a task waits in, each one is
     * cancelled and runs its finally, and a task cancelled in the first batch can wait in its
     * finally for one that only the last batch cancels.
     */
    @Test
    @Timeout(60)
    void aCloseCancelsTasksInBatchesAndEveryOneRunsItsFinally() throws Exception {
        int n = 3 * LoopClosing.CANCEL_BATCH + 7;
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open(recording(errors))) {
            loop.run(() -> {
                var queue = new io.asyncio4j.queue.Queue<Integer>();
                var event = new io.asyncio4j.sync.Event();
                var lock = new io.asyncio4j.sync.Lock();
                lock.acquire();
                Task<Void> oldest = null;
                for (int i = 0; i < n - 1; i++) {
                    int k = i;
                    Task<Void> t = Asyncio.createTask(() -> {
                        try {
                            switch (k % 4) {
                                case 0 -> queue.get();
                                case 1 -> Asyncio.sleep(Duration.ofDays(1));
                                case 2 -> event.await();
                                default -> lock.acquire();
                            }
                        } finally {
                            log.add("finally " + k);
                        }
                    });
                    if (oldest == null) {
                        oldest = t;
                    }
                }
                Task<Void> first = oldest;
                // The newest task: the close cancels it first, and the oldest last.
                Asyncio.createTask(() -> {
                    try {
                        event.await();
                    } finally {
                        Asyncio.uncancellable(() -> {
                            try {
                                first.await();
                            } catch (CancelledError e) {
                                log.add("the newest saw the oldest end cancelled");
                            }
                            return null;
                        });
                    }
                });
                Asyncio.yieldNow();
                return null;
            });
            assertThat(loop.stats().liveTasks()).isEqualTo(n);
        }
        assertThat(log).hasSize(n);
        assertThat(log.stream().filter(s -> s.startsWith("finally"))).hasSize(n - 1);
        assertThat(log.indexOf("the newest saw the oldest end cancelled")).isGreaterThan(log.indexOf("finally 0"));
        assertThat(errors).isEmpty();
    }

    /**
     * Every task of a closing loop gets the same CancelledError, which nothing can change: what one
     * task adds to it (a suppressed exception, here) is dropped rather than seen by all the others.
     * A close may cancel a million tasks, and an error each was 40 MB of fresh heap.
     */
    @Test
    void theCancelledErrorOfAClosingLoopIsOneImmutableErrorSharedByItsTasks() throws Exception {
        List<CancelledError> seen = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open(recording(new ArrayList<>()))) {
            loop.run(() -> {
                for (int i = 0; i < 2; i++) {
                    int k = i;
                    Asyncio.createTask(() -> {
                        try {
                            Asyncio.sleep(Duration.ofDays(1));
                        } catch (CancelledError e) {
                            e.addSuppressed(new IllegalStateException("added by task " + k));
                            seen.add(e);
                            throw e;
                        }
                    });
                }
                Asyncio.yieldNow();
                return null;
            });
        }
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isSameAs(seen.get(1));
        assertThat(seen.get(0).getMessage()).isEqualTo("the loop is closing");
        assertThat(seen.get(0).getSuppressed()).isEmpty();
        assertThat(seen.get(0).getStackTrace()).isEmpty();
    }
}
