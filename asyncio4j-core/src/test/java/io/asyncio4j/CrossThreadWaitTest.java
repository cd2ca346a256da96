package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.lowlevel.VirtualClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waiting across threads and loops ends clearly: with the outcome, CancelledError or
 * LoopClosedException, never a hang. The JUnit timeouts only turn a regression's hang into a
 * failure; nothing here waits for time to pass.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CrossThreadWaitTest {
    private static final ContextVar<String> REQUEST_ID = ContextVar.of("request_id", "-");

    @Test
    void aToThreadFunctionEndingWithCancelledErrorCancelsTheCaller() throws Exception {
        TestLoops.run(() -> {
            assertThatThrownBy(() -> Asyncio.toThread(() -> {
                        throw new CancelledError("gave up");
                    }))
                    .isInstanceOf(CancelledError.class);
            assertThatThrownBy(() -> Asyncio.runInExecutor(Runnable::run, () -> {
                        throw new CancelledError("gave up");
                    }))
                    .isInstanceOf(CancelledError.class);
            return null;
        });
    }

    @Test
    void awaitingTheFutureOfACancelledSubmittedTaskThrowsCancelledError() throws Exception {
        try (Loop other = Loop.open()) {
            TestLoops.run(() -> {
                CompletableFuture<String> submitted = other.submit(() -> {
                    throw new CancelledError("cancelled over there");
                });
                assertThatThrownBy(() -> Asyncio.await(submitted)).isInstanceOf(CancelledError.class);
                return null;
            });
        }
    }

    @Test
    void aTaskAwaitingAFutureOfAnotherLoopGetsLoopClosedExceptionWhenThatLoopCloses() throws Exception {
        Loop other = Loop.open();
        Future<String> never = other.submit(() -> new Future<String>()).get();
        TestLoops.run(() -> {
            Task<String> waiter = Asyncio.createTask(never::await);
            Asyncio.yieldNow();
            Asyncio.toThread(() -> {
                other.close();
                return null;
            });
            assertThatThrownBy(waiter::await)
                    .isInstanceOf(LoopClosedException.class)
                    .hasMessageContaining("will never complete");
            return null;
        });
    }

    @Test
    void runOnAnInterruptedThreadThrowsAtOnceAndLeavesNoMainTaskRunning() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (Loop loop = Loop.open(LoopOptions.defaults().clock(new VirtualClock()))) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> loop.run(() -> {
                        ran.set(true);
                        return null;
                    }))
                    .isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
            List<String> tasks = loop.run(() -> Asyncio.allTasks().stream()
                    .filter(t -> t != Asyncio.currentTask())
                    .map(Task::toString)
                    .toList());
            assertThat(tasks).isEmpty();
            assertThat(ran).isFalse();
        }
    }

    @Test
    void awaitingAPendingCompletionStageFromALoopCallbackIsRefusedInsteadOfFreezingTheLoop() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        TestLoops.run(() -> {
            CompletableFuture<String> pending = new CompletableFuture<>();
            Asyncio.currentLoop().callSoon(() -> {
                try {
                    Asyncio.await(pending);
                    log.add("returned");
                } catch (Exception e) {
                    log.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                try {
                    log.add("done stage: " + Asyncio.await(CompletableFuture.completedFuture("ok")));
                } catch (Exception e) {
                    log.add("done stage refused");
                }
            });
            Asyncio.yieldNow();
            return null;
        });
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).startsWith("IllegalStateException: a loop callback cannot wait");
        assertThat(log.get(1)).isEqualTo("done stage: ok");
    }

    @Test
    void toThreadSeesTheCallersContextVarsAndLeavesTheWorkerThreadClean() throws Exception {
        TestLoops.run(() -> {
            Task<String> withId = Asyncio.createTask(() -> {
                REQUEST_ID.set("r-42");
                return Asyncio.toThread(REQUEST_ID::get);
            });
            assertThat(withId.await()).isEqualTo("r-42");
            Task<String> without = Asyncio.createTask(() -> Asyncio.toThread(REQUEST_ID::get));
            assertThat(without.await()).isEqualTo("-");
            return null;
        });
    }

    @Test
    void aDoneCallbackRunsWithTheContextOfTheCodeThatAddedIt() throws Exception {
        List<String> seen = new ArrayList<>();
        TestLoops.run(() -> {
            Task<Void> finisher = Asyncio.createTask(() -> {
                REQUEST_ID.set("finisher");
                Asyncio.yieldNow();
            });
            REQUEST_ID.set("registrar");
            finisher.addDoneCallback(t -> seen.add("pending then: " + REQUEST_ID.get()));
            finisher.await();
            finisher.addDoneCallback(t -> seen.add("done already: " + REQUEST_ID.get()));
            Asyncio.yieldNow();
            return null;
        });
        assertThat(seen).containsExactly("pending then: registrar", "done already: registrar");
    }

    @Test
    void aValueACallbackSetsStaysWithThatCallback() throws Exception {
        List<String> seen = new ArrayList<>();
        TestLoops.run(() -> {
            Loop loop = Asyncio.currentLoop();
            REQUEST_ID.set("scheduler");
            loop.callSoon(() -> {
                seen.add("first sees " + REQUEST_ID.get());
                REQUEST_ID.set("first's own");
            });
            loop.callSoon(() -> seen.add("second sees " + REQUEST_ID.get()));
            Asyncio.yieldNow();
            seen.add("task sees " + REQUEST_ID.get());
            return null;
        });
        assertThat(seen).containsExactly("first sees scheduler", "second sees scheduler", "task sees scheduler");
    }

    @Test
    void aRemovedDoneCallbackDoesNotRun() throws Exception {
        List<String> seen = new ArrayList<>();
        TestLoops.run(() -> {
            Future<String> f = new Future<>();
            java.util.function.Consumer<Awaitable<String>> kept = a -> seen.add("kept");
            java.util.function.Consumer<Awaitable<String>> removed = a -> seen.add("removed");
            f.addDoneCallback(removed);
            f.addDoneCallback(kept);
            f.addDoneCallback(removed);
            assertThat(f.removeDoneCallback(removed)).isEqualTo(2);
            f.setResult("x");
            Asyncio.yieldNow();
            return null;
        });
        assertThat(seen).containsExactly("kept");
    }

    @Test
    void runInExecutorWithAVirtualThreadExecutorCreatedInATaskRunsOffTheLoop() throws Exception {
        try (Loop loop = Loop.open()) {
            String carrier = loop.run(() -> {
                try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                    return Asyncio.runInExecutor(executor, CrossThreadWaitTest::carrierName);
                }
            });
            assertThat(carrier).startsWith("asyncio4j-carrier-").isNotEqualTo(loop.name());
        }
    }

    static String carrierName() {
        String s = Thread.currentThread().toString(); // VirtualThread[#22]/runnable@aio-loop-1
        return s.substring(s.indexOf('@') + 1);
    }
}
