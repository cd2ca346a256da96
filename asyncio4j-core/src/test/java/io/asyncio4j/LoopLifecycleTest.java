package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.lowlevel.VirtualClock;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LoopLifecycleTest {
    private static LoopOptions recording(List<Loop.ErrorContext> errors) {
        return LoopOptions.defaults().clock(new VirtualClock()).exceptionHandler(errors::add);
    }

    @Test
    void asyncioRunReturnsMainsValueAndRethrowsItsException() throws Exception {
        assertThat(Asyncio.run(() -> 42)).isEqualTo(42);
        IOException boom = new IOException("boom");
        assertThatThrownBy(() -> Asyncio.run(() -> {
                    throw boom;
                }))
                .isSameAs(boom);
    }

    @Test
    void closingCancelsLeftoverTasksAndRunsTheirCleanup() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        Loop loop = Loop.open(recording(errors));
        loop.run(() -> {
            Asyncio.createTask("forever", () -> {
                try {
                    Asyncio.sleep(Duration.ofDays(1));
                } finally {
                    log.add("forever: finally");
                }
            });
            Asyncio.createTask("polite", () -> {
                try {
                    Asyncio.sleep(Duration.ofDays(1));
                } catch (CancelledError e) {
                    Asyncio.uncancellable(() -> {
                        Asyncio.sleep(Duration.ofSeconds(1));
                        log.add("polite: said goodbye");
                        return null;
                    });
                    throw e;
                }
            });
            Asyncio.yieldNow();
            return null;
        });
        loop.close();
        loop.close();
        assertThat(log).containsExactlyInAnyOrder("forever: finally", "polite: said goodbye");
        assertThat(errors).isEmpty();
        assertThat(loop.isClosed()).isTrue();
        assertThatThrownBy(() -> loop.run(() -> 1)).isInstanceOf(LoopClosedException.class);
        assertThatThrownBy(() -> loop.callSoonThreadsafe(() -> {})).isInstanceOf(LoopClosedException.class);
    }

    @Test
    void aFailureNobodyRetrievedIsReportedWhenTheLoopCloses() throws Exception {
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        IOException lost = new IOException("nobody looked at me");
        try (Loop loop = Loop.open(recording(errors))) {
            loop.run(() -> {
                Asyncio.createTask("orphan", () -> {
                    throw lost;
                });
                Task<Void> looked = Asyncio.createTask("looked-at", () -> {
                    throw new IOException("retrieved");
                });
                Asyncio.gatherSettled(looked);
                return null;
            });
        }
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).exception()).isSameAs(lost);
        assertThat(errors.get(0).message()).contains("orphan").contains("never retrieved");
    }

    @Test
    void aFailureNobodyRetrievedIsReportedWhenTheTaskIsCollected() throws Exception {
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open(LoopOptions.defaults().exceptionHandler(errors::add))) {
            WeakReference<Task<?>> ref = loop.submit(() -> {
                        Task<Void> t = Asyncio.createTask("collected", () -> {
                            throw new IOException("lost in the heap");
                        });
                        Asyncio.yieldNow();
                        return new WeakReference<Task<?>>(t);
                    })
                    .get();
            // The collector and the reference handler run when they get to it, later on a
            // loaded machine: keep asking until the report comes or the bound says it never will.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (errors.isEmpty() && System.nanoTime() < deadline) {
                System.gc();
                loop.submit(() -> {
                            Asyncio.sleep(Duration.ofMillis(5));
                            return null;
                        })
                        .get();
            }
            assertThat(ref.get()).isNull();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).message()).contains("collected").contains("never retrieved");
        }
    }

    @Test
    void failingCallbacksGoToTheExceptionHandlerAndTheLoopGoesOn() throws Exception {
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        List<String> log = new ArrayList<>();
        try (Loop loop = Loop.open(recording(errors))) {
            loop.run(() -> {
                Loop l = Asyncio.currentLoop();
                l.callSoon(() -> {
                    throw new IllegalStateException("bad callback");
                });
                l.callLater(Duration.ofSeconds(1), () -> {
                    throw new IllegalStateException("bad timer");
                });
                l.callSoon(() -> log.add("next callback runs"));
                Asyncio.sleep(Duration.ofSeconds(2));
                return null;
            });
        }
        assertThat(log).containsExactly("next callback runs");
        assertThat(errors).extracting(e -> e.exception().getMessage()).containsExactly("bad callback", "bad timer");
    }

    @Test
    void loopRunWaitsForMainAndTheLoopCanRunAgain() throws Exception {
        try (Loop loop = Loop.open(LoopOptions.defaults().clock(new VirtualClock()))) {
            assertThat(loop.run(() -> 1)).isEqualTo(1);
            assertThat(loop.run(() -> {
                        Asyncio.sleep(Duration.ofMinutes(1));
                        return 2;
                    }))
                    .isEqualTo(2);
            assertThat(loop.time()).isEqualTo(Duration.ofMinutes(1).toNanos());
        }
    }

    @Test
    void contextVarsAreCopiedIntoChildTasksAndIsolatedAfterwards() throws Exception {
        ContextVar<String> requestId = ContextVar.of("request_id", "-");
        ContextVar<Integer> noDefault = ContextVar.of("no_default");
        List<String> log = new ArrayList<>();
        requestId.set("from-main-thread");
        try {
            TestLoops.run(() -> {
                log.add("main sees " + requestId.get());
                var token = requestId.set("r-1");
                Task<Void> child = Asyncio.createTask(() -> {
                    log.add("child sees " + requestId.get());
                    requestId.set("child-only");
                    Asyncio.yieldNow();
                    log.add("child keeps " + requestId.get());
                });
                Asyncio.yieldNow();
                log.add("parent keeps " + requestId.get());
                child.await();
                requestId.reset(token);
                log.add("after reset " + requestId.get());
                assertThatThrownBy(noDefault::get).isInstanceOf(java.util.NoSuchElementException.class);
                assertThat(noDefault.get(5)).isEqualTo(5);
                return null;
            });
        } finally {
            requestId.set("-");
        }
        assertThat(log)
                .containsExactly(
                        "main sees from-main-thread",
                        "child sees r-1",
                        "parent keeps r-1",
                        "child keeps child-only",
                        "after reset from-main-thread");
    }

    @Test
    void toThreadRunsOnAWorkerAndKeepsTheLoopResponsive() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open()) {
            loop.run(() -> {
                CompletableFuture<Void> started = new CompletableFuture<>();
                CompletableFuture<Void> gate = new CompletableFuture<>();
                Task<String> work = Asyncio.createTask(() -> Asyncio.toThread(() -> {
                    log.add("worker starts on " + Thread.currentThread().getName());
                    started.complete(null);
                    gate.join(); // holds its platform thread, not the loop
                    return "computed";
                }));
                Task<Void> ticker = Asyncio.createTask(() -> {
                    Asyncio.await(started);
                    for (int i = 0; i < 3; i++) {
                        Asyncio.sleep(Duration.ofMillis(1));
                        log.add("tick");
                    }
                    gate.complete(null);
                });
                log.add(work.await());
                ticker.await();
                return null;
            });
            assertThat(log.get(0)).startsWith("worker starts on " + loop.name() + "-worker-");
        }
        assertThat(log.subList(1, log.size())).containsExactly("tick", "tick", "tick", "computed");
    }

    @Test
    void toThreadRethrowsTheWorkersExceptionUnwrapped() throws Exception {
        IOException boom = new IOException("worker failed");
        TestLoops.run(() -> {
            assertThatThrownBy(() -> Asyncio.toThread(() -> {
                        throw boom;
                    }))
                    .isSameAs(boom);
            return null;
        });
    }
}
