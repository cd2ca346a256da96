package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Races and corner cases between the loop, other threads, other loops and the JDK. */
class LoopRobustnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void manyThreadsRetrievingFailuresWhileTheLoopWorksLoseNothingAndCloseCleanly() {
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        assertTimeoutPreemptively(LIMIT, () -> {
            Loop loop = Loop.open(LoopOptions.defaults().exceptionHandler(errors::add));
            CompletableFuture<Void> background = loop.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    Task<Void> t = Asyncio.createTask(() -> {
                        throw new IllegalStateException("awaited");
                    });
                    Asyncio.gatherSettled(t);
                }
                return null;
            });
            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 500; i++) {
                        try {
                            loop.run(() -> {
                                throw new IllegalArgumentException("retrieved by the caller");
                            });
                        } catch (IllegalArgumentException expected) {
                            // retrieved on this thread
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            background.get();
            loop.close();
        });
        assertThat(errors).isEmpty();
    }

    @Test
    void anInterruptLeftByAJdkCallInsideATimeoutDoesNotCancelTheTaskLater() throws Exception {
        List<String> log = new ArrayList<>();
        try (Loop loop = Loop.open()) {
            loop.run(() -> {
                String r = Asyncio.timeoutOrNull(Duration.ofMillis(20), () -> {
                    try {
                        Thread.sleep(Duration.ofSeconds(30));
                        return "slept";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the common idiom keeps the flag set
                        return "interrupted";
                    }
                });
                log.add("block returned " + r);
                Asyncio.sleep(Duration.ofMillis(1));
                log.add("still running, cancelling=" + Asyncio.currentTask().cancelling());
                return null;
            });
        }
        assertThat(log).containsExactly("block returned interrupted", "still running, cancelling=0");
    }

    @Test
    void aTimeoutAroundABlockingJdkCallRaisesTimeoutException() throws Exception {
        try (Loop loop = Loop.open()) {
            loop.run(() -> {
                assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(20), () -> {
                            Thread.sleep(Duration.ofSeconds(30));
                            return null;
                        }))
                        .isInstanceOf(TimeoutException.class);
                Asyncio.sleep(Duration.ofMillis(1));
                return null;
            });
        }
    }

    @Test
    void aTaskAwaitingATaskOfAnotherLoopStaysCancellable() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (LoopGroup group = LoopGroup.open(2)) {
                Loop other = group.loops().get(1);
                Task<String> remote = other.submit(() -> other.createTask(() -> {
                            try {
                                Asyncio.sleep(Duration.ofHours(1));
                                return "late";
                            } finally {
                                log.add("remote task cancelled");
                            }
                        }))
                        .get();
                group.loops().get(0).run(() -> {
                    assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(50), remote::await))
                            .isInstanceOf(TimeoutException.class);
                    log.add("timed out");
                    Asyncio.sleep(Duration.ofMillis(1));
                    return null;
                });
                assertThatThrownBy(remote::await).isInstanceOf(CancelledError.class);
                assertThat(other.submit(() -> 7).get()).isEqualTo(7);
            }
        });
        assertThat(log).containsExactlyInAnyOrder("timed out", "remote task cancelled");
    }

    @Test
    void awaitingATaskOfAnotherLoopReturnsItsResult() throws Exception {
        try (LoopGroup group = LoopGroup.open(2)) {
            Loop other = group.loops().get(1);
            Task<String> remote = other.submit(() -> other.createTask(() -> {
                        Asyncio.sleep(Duration.ofMillis(10));
                        return "remote value";
                    }))
                    .get();
            assertThat(group.loops().get(0).run(remote::await)).isEqualTo("remote value");
        }
    }

    @Test
    void workHandedInWhileTheLoopClosesFailsClearlyInsteadOfHanging() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Loop loop = Loop.open();
            CountDownLatch workerStarted = new CountDownLatch(1);
            CountDownLatch releaseWorker = new CountDownLatch(1);
            loop.submit(() -> Asyncio.toThread(() -> {
                workerStarted.countDown();
                releaseWorker.await();
                return null;
            }));
            workerStarted.await();
            Future<String> never = loop.submit(() -> new Future<String>()).get();
            Thread closer = Thread.ofPlatform().start(loop::close);
            while (!loop.isClosed()) {
                Thread.onSpinWait();
            }
            Throwable failure = null;
            try {
                loop.submit(() -> 42).get();
            } catch (LoopClosedException | ExecutionException e) {
                failure = e;
            }
            assertThat(failure).as("submit during close must fail, not hang").isNotNull();
            releaseWorker.countDown();
            closer.join();
            assertThatThrownBy(never::await).isInstanceOf(LoopClosedException.class);
        });
    }

    @Test
    void callbacksRunWithTheContextOfWhoeverScheduledThem() throws Exception {
        ContextVar<String> request = ContextVar.of("request", "-");
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Loop loop = Asyncio.currentLoop();
            request.set("from-task");
            loop.callSoon(() -> {
                log.add("first sees " + request.get());
                request.set("set-by-first");
            });
            loop.callSoon(() -> log.add("second sees " + request.get()));
            request.set("later-in-task");
            Asyncio.sleep(Duration.ofMillis(1));
            log.add("task sees " + request.get());
            return null;
        });
        assertThat(log).containsExactly("first sees from-task", "second sees from-task", "task sees later-in-task");
    }
}
