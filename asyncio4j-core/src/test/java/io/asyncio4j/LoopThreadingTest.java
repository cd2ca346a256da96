package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.asyncio4j.sync.Event;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopThreadingTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void allTasksOfALoopRunOnItsThreadOneAtATime() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        Set<String> carriers = Collections.synchronizedSet(new HashSet<>());
        int[] plainCounter = {0};
        try (Loop loop = Loop.open()) {
            loop.run(() -> {
                List<Task<Void>> tasks = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    tasks.add(Asyncio.createTask(() -> {
                        for (int round = 0; round < 20; round++) {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            carriers.add(carrierName());
                            for (int k = 0; k < 100; k++) {
                                plainCounter[0]++;
                            }
                            inside.decrementAndGet();
                            if (round % 2 == 0) {
                                Asyncio.yieldNow();
                            } else {
                                Thread.sleep(0, 1000); // a JDK park, woken by a JDK thread
                            }
                        }
                    }));
                }
                Asyncio.gather(tasks);
                return null;
            });
            assertThat(carriers).containsExactly(loop.name());
        }
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(plainCounter[0]).isEqualTo(200 * 20 * 100);
    }

    /** The platform thread carrying the current virtual thread, from its toString. */
    private static String carrierName() {
        String s = Thread.currentThread().toString(); // VirtualThread[#22]/runnable@aio-loop-1
        return s.substring(s.indexOf('@') + 1);
    }

    @Test
    void threadSleepInATaskParksOnlyThatTask() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Loop loop = Loop.open()) {
                loop.run(() -> {
                    Task<Void> sleeper = Asyncio.createTask(() -> {
                        log.add("sleeper blocks in Thread.sleep");
                        Thread.sleep(50);
                        log.add("sleeper wakes");
                    });
                    Task<Void> other = Asyncio.createTask(() -> {
                        log.add("other runs");
                    });
                    Asyncio.gather(sleeper, other);
                    return null;
                });
            }
        });
        assertThat(log).containsExactly("sleeper blocks in Thread.sleep", "other runs", "sleeper wakes");
    }

    @Test
    void jdkBlockingWaitDoesNotStopTimersOfOtherTasks() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        assertTimeoutPreemptively(
                LIMIT,
                () -> TestLoops.run(() -> {
                    CountDownLatch latch = new CountDownLatch(1);
                    Task<Void> blocked = Asyncio.createTask(() -> {
                        log.add("blocked waits on a CountDownLatch");
                        latch.await();
                        log.add("blocked released");
                    });
                    Task<Void> ticker = Asyncio.createTask(() -> {
                        for (int i = 1; i <= 3; i++) {
                            Asyncio.sleep(Duration.ofSeconds(1));
                            log.add("tick " + i);
                        }
                        latch.countDown();
                    });
                    Asyncio.gather(blocked, ticker);
                    return null;
                }));
        assertThat(log)
                .containsExactly("blocked waits on a CountDownLatch", "tick 1", "tick 2", "tick 3", "blocked released");
    }

    @Test
    void blockingLoopbackSocketReadParksOnlyTheReader() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    Loop loop = Loop.open()) {
                loop.run(() -> {
                    // Set just before the reader blocks: the writer can run after that only while
                    // the reader is parked in its read.
                    Event reading = new Event();
                    Task<Integer> reader = Asyncio.createTask(() -> {
                        log.add("reader accepts");
                        try (Socket s = server.accept();
                                InputStream in = s.getInputStream()) {
                            log.add("reader reads");
                            reading.set();
                            int b = in.read();
                            log.add("reader got " + b);
                            return b;
                        }
                    });
                    Task<Void> writer = Asyncio.createTask(() -> {
                        log.add("writer connects");
                        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                                OutputStream out = s.getOutputStream()) {
                            reading.await();
                            log.add("writer writes");
                            out.write(42);
                            out.flush();
                        }
                    });
                    Asyncio.gather(reader, writer);
                    return null;
                });
            }
        });
        assertThat(log).containsSubsequence("reader accepts", "writer connects", "writer writes", "reader got 42");
        assertThat(log.indexOf("reader reads")).isLessThan(log.indexOf("writer writes"));
    }

    /**
     * A loop without channels waits by parking its thread and opens its selector at the first
     * registration: wake-ups from other threads reach it in both states, and readiness too once
     * the selector is open.
     */
    @Test
    void wakeUpsReachTheLoopBeforeAndAfterItOpensItsSelector() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Loop loop = Loop.open();
                    java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open()) {
                log.add("parked, woken: " + loop.submit(() -> "yes").get());
                server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                server.configureBlocking(false);
                CountDownLatch accepted = new CountDownLatch(1);
                loop.submit(() -> {
                            loop.addReader(server, () -> {
                                try (java.nio.channels.SocketChannel c = server.accept()) {
                                    if (c != null) {
                                        log.add("readiness: accepted");
                                        accepted.countDown();
                                    }
                                } catch (java.io.IOException e) {
                                    log.add("readiness: " + e);
                                }
                            });
                            return null;
                        })
                        .get();
                log.add("selecting, woken: " + loop.submit(() -> "yes").get());
                try (Socket client = new Socket(
                        InetAddress.getLoopbackAddress(), server.socket().getLocalPort())) {
                    accepted.await();
                }
                loop.submit(() -> loop.removeReader(server)).get();
            }
        });
        assertThat(log).containsExactly("parked, woken: yes", "selecting, woken: yes", "readiness: accepted");
    }

    @Test
    void submitRunsCoroutinesFromOtherThreads() throws Exception {
        try (Loop loop = Loop.open();
                ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                results.add(pool.submit(() -> loop.submit(() -> {
                            Asyncio.yieldNow();
                            return n * 2;
                        })
                        .get()));
            }
            int sum = 0;
            for (Future<Integer> f : results) {
                sum += f.get();
            }
            assertThat(sum).isEqualTo(2 * (99 * 100 / 2));
        }
    }

    @Test
    void submitFutureCompletesExceptionallyWithTheTasksOwnException() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        try (Loop loop = Loop.open()) {
            CompletableFuture<Object> f = loop.submit(() -> {
                throw boom;
            });
            assertThatThrownBy(f::join).hasCause(boom);
        }
    }

    @Test
    void cancellingTheSubmitFutureCancelsTheTask() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(1);
        try (Loop loop = Loop.open()) {
            CompletableFuture<Object> f = loop.submit(() -> {
                try {
                    started.countDown();
                    Asyncio.sleep(Duration.ofHours(1));
                    return null;
                } finally {
                    log.add("task cleanup ran");
                }
            });
            started.await();
            f.cancel(true);
            loop.run(() -> {
                while (Asyncio.allTasks().size() > 1) {
                    Asyncio.sleep(Duration.ofMillis(1));
                }
                return null;
            });
        }
        assertThat(log).containsExactly("task cleanup ran");
    }

    @Test
    void awaitParksUntilAForeignCompletableFutureCompletes() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> foreign = new CompletableFuture<>();
        Thread completer = Thread.ofPlatform().unstarted(() -> {
            log.add("completer completes");
            foreign.complete("hello");
        });
        String got = TestLoops.run(() -> {
            Task<String> waiter = Asyncio.createTask(() -> {
                log.add("task waits");
                String v = Asyncio.await(foreign);
                log.add("task got " + v);
                return v;
            });
            Asyncio.yieldNow();
            completer.start();
            return waiter.await();
        });
        completer.join();
        assertThat(got).isEqualTo("hello");
        assertThat(log).containsExactly("task waits", "completer completes", "task got hello");
    }

    @Test
    void awaitOfAFailedCompletableFutureThrowsTheCauseUnwrapped() throws Exception {
        java.io.IOException cause = new java.io.IOException("disk on fire");
        TestLoops.run(() -> {
            CompletableFuture<String> failing = CompletableFuture.supplyAsync(() -> {
                throw new java.io.UncheckedIOException(cause);
            });
            assertThatThrownBy(() -> Asyncio.await(failing))
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasCause(cause);
            return null;
        });
    }

    @Test
    void callSoonThreadsafeWakesAnIdleLoop() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open()) {
            CompletableFuture<Void> ran = new CompletableFuture<>();
            loop.callSoonThreadsafe(() -> {
                log.add("ran on " + Thread.currentThread().getName());
                ran.complete(null);
            });
            ran.get();
            assertThat(log).containsExactly("ran on " + loop.name());
        }
    }

    @Test
    void loopMethodsCalledFromAnotherThreadFailWithTheFix() throws Exception {
        try (Loop loop = Loop.open()) {
            assertThatThrownBy(() -> loop.createTask(() -> 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("createTask must be called on loop '" + loop.name() + "'")
                    .hasMessageContaining("callSoonThreadsafe");
            assertThatThrownBy(() -> loop.callSoon(() -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("callSoon");
            Task<Void> task =
                    loop.submit(() -> loop.createTask(() -> (Void) null)).get();
            assertThatThrownBy(task::cancel)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Task.cancel");
        }
    }

    @Test
    void asyncioRunInsideARunningLoopFailsClearly() throws Exception {
        TestLoops.run(() -> {
            assertThatThrownBy(() -> Asyncio.run(() -> 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be called from a running loop");
            return null;
        });
    }

    @Test
    void suspendingOutsideATaskFailsClearly() {
        assertThatThrownBy(() -> Asyncio.sleep(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Asyncio.sleep must be called from a task of a running loop")
                .hasMessageContaining("'main'");
        assertThatThrownBy(Asyncio::currentLoop).hasMessageContaining("no running loop");
    }

    @Test
    void loopGroupLoopsAreSeparateThreadsAndTasksStayOnTheirLoop() throws Exception {
        try (LoopGroup group = LoopGroup.open(2)) {
            Loop first = group.next();
            Loop second = group.next();
            assertThat(group.next()).isSameAs(first);
            List<CompletableFuture<List<String>>> results = new ArrayList<>();
            for (Loop loop : List.of(first, second)) {
                results.add(loop.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        seen.add(carrierName() + "/" + Asyncio.currentLoop().name());
                        Thread.sleep(1);
                    }
                    return seen;
                }));
            }
            assertThat(results.get(0).get()).containsOnly(first.name() + "/" + first.name());
            assertThat(results.get(1).get()).containsOnly(second.name() + "/" + second.name());
            assertThat(first.name()).isNotEqualTo(second.name());
        }
    }

    @Test
    void signalHandlersRunOnTheLoopAndReservedSignalsAreRefusedClearly() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open()) {
            loop.run(() -> {
                io.asyncio4j.Future<String> received = new io.asyncio4j.Future<>();
                Asyncio.currentLoop().addSignalHandler("SIGWINCH", () -> {
                    log.add("handler on " + Thread.currentThread().getName());
                    if (!received.isDone()) {
                        received.setResult("WINCH");
                    }
                });
                new ProcessBuilder(
                                "kill",
                                "-WINCH",
                                Long.toString(ProcessHandle.current().pid()))
                        .start()
                        .waitFor();
                log.add("got " + received.await());
                assertThat(Asyncio.currentLoop().removeSignalHandler("SIGWINCH"))
                        .isTrue();
                assertThat(Asyncio.currentLoop().removeSignalHandler("SIGWINCH"))
                        .isFalse();
                assertThatThrownBy(() -> Asyncio.currentLoop().addSignalHandler("QUIT", () -> {}))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("SIGQUIT")
                        .hasMessageContaining("reserves");
                return null;
            });
            assertThat(log).containsExactly("handler on " + loop.name(), "got WINCH");
        }
    }
}
