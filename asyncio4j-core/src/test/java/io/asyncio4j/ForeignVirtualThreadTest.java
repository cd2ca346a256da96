package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Virtual threads that a task starts (Thread.ofVirtual, a virtual-thread executor) are not tasks:
 * they run on the shared carrier pool, in parallel with the loop, and outlive it like any thread.
 * And a task stays a task whatever its body does to its own thread.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ForeignVirtualThreadTest {
    @Test
    void aVirtualThreadStartedInsideATaskRunsOnTheCarrierPoolAndIsNoTask() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open()) {
            loop.run(() -> {
                Thread plain = Thread.ofVirtual().start(() -> {
                    log.add("carrier " + CrossThreadWaitTest.carrierName().replaceAll("\\d+$", "N"));
                    log.add("current task " + Asyncio.currentTask());
                });
                Asyncio.toThread(() -> {
                    plain.join();
                    return null;
                });
                return null;
            });
        }
        assertThat(log).containsExactly("carrier asyncio4j-carrier-N", "current task null");
    }

    @Test
    void aVirtualThreadStartedInsideATaskOutlivesTheLoopAndItsFinallyRuns() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        Thread[] child = new Thread[1];
        try (Loop loop = Loop.open()) {
            loop.run(() -> {
                child[0] = Thread.ofVirtual().start(() -> {
                    try {
                        release.await();
                        log.add("released");
                    } catch (InterruptedException e) {
                        log.add("interrupted");
                    } finally {
                        log.add("finally");
                    }
                });
                return null;
            });
        }
        release.countDown(); // wakes the child after its loop closed: no RejectedExecutionException
        child[0].join();
        assertThat(log).containsExactly("released", "finally");
    }

    @Test
    void aTaskThatReplacesItsThreadsUncaughtExceptionHandlerIsStillATask() throws Exception {
        TestLoops.run(() -> {
            Task<String> t = Asyncio.createTask("renamer", () -> {
                Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> {});
                Asyncio.sleep(Duration.ofSeconds(1));
                return Asyncio.currentTask().getName();
            });
            assertThat(t.await()).isEqualTo("renamer");
            return null;
        });
    }

    @Test
    void aThreadGivenATasksUncaughtExceptionHandlerDoesNotBecomeThatTask() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Loop loop = Loop.open()) {
            loop.run(() -> {
                Thread.UncaughtExceptionHandler tasks = Thread.currentThread().getUncaughtExceptionHandler();
                Thread plain = Thread.ofVirtual().unstarted(() -> log.add("current task " + Asyncio.currentTask()));
                plain.setUncaughtExceptionHandler(tasks);
                plain.start();
                Asyncio.toThread(() -> {
                    plain.join();
                    return null;
                });
                log.add("in the task " + Asyncio.currentTask().getName());
                return null;
            });
        }
        assertThat(log).containsExactly("current task null", "in the task Task-1");
    }

    @Test
    void aFinishedTaskLetsGoOfItsThread() throws Exception {
        TestLoops.run(() -> {
            Task<String> t = Asyncio.createTask(() -> "done");
            assertThat(t.await()).isEqualTo("done");
            assertThat(t.thread).isNull();
            return null;
        });
    }
}
