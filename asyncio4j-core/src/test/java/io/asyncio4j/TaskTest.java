package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTest {
    @Test
    void awaitReturnsTheResultAndRethrowsTheSameExceptionUnwrapped() throws Exception {
        IOException boom = new IOException("boom");
        TestLoops.run(() -> {
            Task<String> ok = Asyncio.createTask(() -> "value");
            Task<String> bad = Asyncio.createTask(() -> {
                throw boom;
            });
            assertThat(ok.await()).isEqualTo("value");
            assertThatThrownBy(bad::await).isSameAs(boom);
            assertThat(bad.exception()).isSameAs(boom);
            assertThat(ok.exception()).isNull();
            assertThat(ok.result()).isEqualTo("value");
            return null;
        });
    }

    @Test
    void resultAndExceptionOfAnUnfinishedTaskAreIllegalState() throws Exception {
        TestLoops.run(() -> {
            Task<Void> t = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofSeconds(1)));
            assertThatThrownBy(t::result).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(t::exception).isInstanceOf(IllegalStateException.class);
            assertThat(t.isDone()).isFalse();
            t.await();
            assertThat(t.isDone()).isTrue();
            return null;
        });
    }

    @Test
    void taskNamesDefaultToTaskNAndCanBeSet() throws Exception {
        TestLoops.run(() -> {
            Task<Void> named = Asyncio.createTask("fetcher", () -> {});
            Task<Void> anonymous = Asyncio.createTask(() -> {});
            assertThat(named.getName()).isEqualTo("fetcher");
            assertThat(anonymous.getName()).matches("Task-\\d+");
            anonymous.setName("renamed");
            assertThat(anonymous.toString()).contains("renamed");
            Asyncio.gather(named, anonymous);
            return null;
        });
    }

    @Test
    void cancelInterruptsTheCurrentSuspensionPointAndFinallyRuns() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                try {
                    log.add("sleeping");
                    Asyncio.sleep(Duration.ofHours(1));
                    log.add("not reached");
                } finally {
                    log.add("finally at " + TestLoops.millis());
                }
            });
            Asyncio.sleep(Duration.ofSeconds(1));
            assertThat(t.cancel("stop")).isTrue();
            assertThat(t.cancelling()).isEqualTo(1);
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class).hasMessage("stop");
            assertThat(t.isCancelled()).isTrue();
            assertThat(t.cancel()).isFalse();
            return null;
        });
        assertThat(log).containsExactly("sleeping", "finally at 1000");
    }

    @Test
    void taskCancelledBeforeItStartsNeverRunsItsBody() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<Boolean> t = Asyncio.createTask(() -> log.add("body ran"));
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).isEmpty();
    }

    @Test
    void cancellationIsLevelTriggeredAndCannotBeSwallowed() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<Void> stubborn = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                } catch (CancelledError swallowed) {
                    log.add("swallowed once");
                }
                log.add("still running");
                Asyncio.sleep(Duration.ofSeconds(1));
                log.add("not reached");
            });
            Asyncio.yieldNow();
            stubborn.cancel();
            assertThatThrownBy(stubborn::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("swallowed once", "still running");
    }

    @Test
    void uncancelWithdrawsTheRequestAndTheTaskCarriesOn() throws Exception {
        List<String> log = new ArrayList<>();
        String result = TestLoops.run(() -> {
            Task<String> t = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                } catch (CancelledError e) {
                    log.add("cancelled, cancelling=" + Asyncio.currentTask().cancelling());
                    Asyncio.currentTask().uncancel();
                }
                Asyncio.sleep(Duration.ofSeconds(1));
                log.add("carried on");
                return "ok";
            });
            Asyncio.yieldNow();
            t.cancel();
            return t.await();
        });
        assertThat(result).isEqualTo("ok");
        assertThat(log).containsExactly("cancelled, cancelling=1", "carried on");
    }

    @Test
    void cancellingATaskBlockedInAJdkCallInterruptsItAsCancellation() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Object monitor = new Object();
            Task<Void> t = Asyncio.createTask(() -> {
                try {
                    synchronized (monitor) {
                        log.add("waiting in Object.wait");
                        monitor.wait();
                    }
                } catch (InterruptedException e) {
                    log.add("interrupted");
                    throw e;
                }
            });
            Asyncio.yieldNow();
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            assertThat(t.isCancelled()).isTrue();
            return null;
        });
        assertThat(log).containsExactly("waiting in Object.wait", "interrupted");
    }

    @Test
    void interruptFlagDoesNotLeakPastTheCancellation() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                try {
                    Thread.sleep(Duration.ofHours(1));
                } catch (InterruptedException e) {
                    log.add("interrupted");
                }
                try {
                    Asyncio.sleep(Duration.ofSeconds(1));
                } catch (CancelledError e) {
                    log.add("cancelled at the next suspension point");
                    Asyncio.currentTask().uncancel();
                }
                log.add("interrupt flag " + Thread.currentThread().isInterrupted());
                Thread.sleep(1);
                log.add("plain Thread.sleep works again");
            });
            Asyncio.yieldNow();
            t.cancel();
            t.await();
            return null;
        });
        assertThat(log)
                .containsExactly(
                        "interrupted",
                        "cancelled at the next suspension point",
                        "interrupt flag false",
                        "plain Thread.sleep works again");
    }

    @Test
    void awaitingATaskPassesTheAwaitersCancellationOnToIt() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<Void> inner = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                } finally {
                    log.add("inner cancelled");
                }
            });
            Task<Void> outer = Asyncio.createTask(() -> {
                try {
                    inner.await();
                } finally {
                    log.add("outer cancelled");
                }
            });
            Asyncio.sleep(Duration.ofSeconds(1));
            outer.cancel();
            assertThatThrownBy(outer::await).isInstanceOf(CancelledError.class);
            assertThat(inner.isCancelled()).isTrue();
            return null;
        });
        assertThat(log).containsExactly("inner cancelled", "outer cancelled");
    }

    @Test
    void aTaskCannotAwaitItself() throws Exception {
        TestLoops.run(() -> {
            Task<Object> self = Asyncio.createTask(() -> Asyncio.currentTask().await());
            assertThatThrownBy(self::await)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("itself");
            return null;
        });
    }

    @Test
    void doneCallbacksRunOnTheLoopInOrderAfterCompletion() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<String> t = Asyncio.createTask(() -> "r");
            t.addDoneCallback(a -> log.add("first sees done=" + a.isDone()));
            t.addDoneCallback(a -> log.add("second"));
            java.util.function.Consumer<Awaitable<String>> removed = a -> log.add("removed");
            t.addDoneCallback(removed);
            assertThat(t.removeDoneCallback(removed)).isEqualTo(1);
            t.await();
            log.add("awaited");
            Asyncio.yieldNow();
            t.addDoneCallback(a -> log.add("late"));
            Asyncio.yieldNow();
            return null;
        });
        // As in asyncio: callbacks added before the await run before the awaiting task resumes.
        assertThat(log).containsExactly("first sees done=true", "second", "awaited", "late");
    }

    @Test
    void futureDeliversResultsExceptionsAndCancellationToWaiters() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Future<String> f = new Future<>();
            Asyncio.currentLoop().callLater(Duration.ofSeconds(2), () -> f.setResult("pong"));
            log.add(f.await() + "@" + TestLoops.millis());
            assertThatThrownBy(() -> f.setResult("again")).isInstanceOf(IllegalStateException.class);
            Future<String> failing = new Future<>();
            failing.setException(new IOException("no"));
            assertThatThrownBy(failing::await).isInstanceOf(IOException.class).hasMessage("no");
            Future<String> cancelled = new Future<>();
            cancelled.cancel("gone");
            assertThatThrownBy(cancelled::await)
                    .isInstanceOf(CancelledError.class)
                    .hasMessage("gone");
            assertThatThrownBy(() -> new Future<String>().setException(new CancelledError()))
                    .isInstanceOf(IllegalArgumentException.class);
            return null;
        });
        assertThat(log).containsExactly("pong@2000");
    }

    @Test
    void aPlainThreadCanBlockOnATask() throws Exception {
        try (Loop loop = Loop.open()) {
            Task<Integer> task = loop.submit(() -> loop.createTask(() -> {
                        Asyncio.sleep(Duration.ofMillis(10));
                        return 7;
                    }))
                    .get();
            assertThat(task.await()).isEqualTo(7);
        }
    }

    @Test
    void currentTaskAndAllTasksSeeTheRunningTasks() throws Exception {
        TestLoops.run(() -> {
            Task<?> main = Asyncio.currentTask();
            Task<Void> child = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofSeconds(1)));
            assertThat(Asyncio.allTasks()).contains(main, child);
            child.await();
            assertThat(Asyncio.allTasks()).containsExactly(main);
            return null;
        });
    }

    /**
     * Among the JVM's first tasks some pass through runBody's exception handler before their body
     * runs (see Task: the handler must be in the JIT's profile before a million tasks park). Such
     * a task still runs its body once, and ends as its body does.
     */
    @Test
    void aTaskThatPrimesTheHandlerRunsItsBodyOnceAndEndsAsItsBodyDoes() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            for (String outcome : List.of("returns", "throws", "is cancelled")) {
                Task.primeNextStart();
                Task<String> task = Asyncio.createTask(() -> {
                    log.add("body " + outcome);
                    switch (outcome) {
                        case "throws" -> throw new IOException("boom");
                        case "is cancelled" -> Asyncio.sleep(Duration.ofDays(1));
                        default -> {}
                    }
                    return outcome;
                });
                Asyncio.yieldNow();
                if (outcome.equals("is cancelled")) {
                    task.cancel("stop");
                }
                Asyncio.gatherSettled(List.of(task));
                log.add(
                        task.isCancelled()
                                ? "cancelled"
                                : task.exception() != null
                                        ? "failed " + task.exception().getMessage()
                                        : "result " + task.result());
            }
            return null;
        });
        assertThat(log)
                .containsExactly(
                        "body returns",
                        "result returns",
                        "body throws",
                        "failed boom",
                        "body is cancelled",
                        "cancelled");
    }

    /**
     * A finished task that the program keeps (in a list of results, say) must not keep its virtual
     * thread too: the thread is most of a task's memory (about 400 bytes each).
     */
    @Test
    void aFinishedTaskLetsGoOfItsThreadAndParent() throws Exception {
        TestLoops.run(() -> {
            Task<String> done = Asyncio.createTask(() -> "value");
            Task<Void> failed = Asyncio.createTask(() -> {
                throw new IOException("boom");
            });
            Task<Void> cancelled = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofDays(1)));
            Asyncio.yieldNow();
            assertThat(cancelled.thread).isNotNull();
            cancelled.cancel();
            Asyncio.gatherSettled(done, failed, cancelled);
            for (Task<?> t : List.of(done, failed, cancelled)) {
                assertThat(t.thread).as(t.toString()).isNull();
                assertThat(t.parent).as(t.toString()).isNull();
            }
            return null;
        });
    }
}
