package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CombinatorsTest {
    private static Coroutine<String> after(int seconds, String value) {
        return () -> {
            Asyncio.sleep(Duration.ofSeconds(seconds));
            return value;
        };
    }

    @Test
    void gatherReturnsResultsInArgumentOrderAfterTheSlowest() throws Exception {
        List<String> results = TestLoops.run(() -> {
            List<String> r = Asyncio.gather(after(3, "a"), after(1, "b"), after(2, "c"));
            assertThat(TestLoops.millis()).isEqualTo(3000);
            return r;
        });
        assertThat(results).containsExactly("a", "b", "c");
    }

    @Test
    void gatherOfNothingIsAnEmptyList() throws Exception {
        assertThat(TestLoops.run(() -> Asyncio.gather(List.<Task<String>>of()))).isEmpty();
    }

    @Test
    void gatherAcceptsDoneAndPendingAwaitablesAlike() throws Exception {
        List<String> results = TestLoops.run(() -> {
            Task<String> done = Asyncio.createTask(() -> "done");
            done.await();
            Future<String> future = new Future<>();
            Asyncio.currentLoop().callLater(Duration.ofSeconds(1), () -> future.setResult("future"));
            return Asyncio.gather(done, future, Asyncio.createTask(after(2, "task")));
        });
        assertThat(results).containsExactly("done", "future", "task");
    }

    @Test
    void cancellingTheGathererCancelsEveryChildAndWaitsForThem() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Coroutine<String> child = () -> {
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                    return "x";
                } finally {
                    Asyncio.uncancellable(() -> {
                        Asyncio.sleep(Duration.ofSeconds(1));
                        log.add("child cleaned up @" + TestLoops.millis());
                        return null;
                    });
                }
            };
            Task<List<String>> gatherer = Asyncio.createTask(() -> Asyncio.gather(child, child));
            Asyncio.sleep(Duration.ofSeconds(5));
            gatherer.cancel();
            assertThatThrownBy(gatherer::await).isInstanceOf(CancelledError.class);
            log.add("gatherer cancelled @" + TestLoops.millis());
            return null;
        });
        assertThat(log).containsExactly("child cleaned up @6000", "child cleaned up @6000", "gatherer cancelled @6000");
    }

    @Test
    void gatherOfACancelledChildThrowsCancelledError() throws Exception {
        TestLoops.run(() -> {
            Task<String> victim = Asyncio.createTask(after(5, "never"));
            Asyncio.currentLoop().callLater(Duration.ofSeconds(1), victim::cancel);
            assertThatThrownBy(() -> Asyncio.gather(victim, Asyncio.createTask(after(2, "ok"))))
                    .isInstanceOf(CancelledError.class);
            Asyncio.sleep(Duration.ofSeconds(2));
            return null;
        });
    }

    @Test
    void gatherSettledReportsEveryOutcomeAsAValue() throws Exception {
        IOException boom = new IOException("boom");
        List<Outcome<String>> outcomes = TestLoops.run(() -> {
            Task<String> ok = Asyncio.createTask(after(1, "fine"));
            Task<String> bad = Asyncio.createTask(() -> {
                throw boom;
            });
            Task<String> gone = Asyncio.createTask(after(9, "never"));
            gone.cancel();
            return Asyncio.gatherSettled(ok, bad, gone);
        });
        assertThat(outcomes.get(0)).isEqualTo(new Outcome.Success<>("fine"));
        assertThat(outcomes.get(1)).isEqualTo(new Outcome.Failure<String>(boom));
        assertThat(outcomes.get(2)).isInstanceOf(Outcome.Cancelled.class);
        assertThatThrownBy(outcomes.get(1)::get).isSameAs(boom);
    }

    @Test
    void waitReturnsAtTheFirstCompletedAndNeverCancelsThePending() throws Exception {
        TestLoops.run(() -> {
            Task<String> fast = Asyncio.createTask(after(1, "fast"));
            Task<String> slow = Asyncio.createTask(after(3, "slow"));
            Waited<Task<String>> w = Asyncio.wait(List.of(slow, fast), ReturnWhen.FIRST_COMPLETED);
            assertThat(TestLoops.millis()).isEqualTo(1000);
            assertThat(w.done()).containsExactly(fast);
            assertThat(w.pending()).containsExactly(slow);
            assertThat(slow.await()).isEqualTo("slow");
            return null;
        });
    }

    @Test
    void waitFirstExceptionReturnsAtTheFirstFailure() throws Exception {
        TestLoops.run(() -> {
            Task<String> fine = Asyncio.createTask(after(1, "fine"));
            Task<String> failing = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ofSeconds(2));
                throw new IOException("down");
            });
            Task<String> slow = Asyncio.createTask(after(5, "slow"));
            Waited<Task<String>> w = Asyncio.wait(List.of(fine, failing, slow), ReturnWhen.FIRST_EXCEPTION);
            assertThat(TestLoops.millis()).isEqualTo(2000);
            assertThat(w.done()).containsExactly(fine, failing);
            assertThat(w.pending()).containsExactly(slow);
            assertThat(failing.exception()).hasMessage("down");
            slow.await();
            return null;
        });
    }

    @Test
    void waitAllCompletedHonoursItsTimeout() throws Exception {
        TestLoops.run(() -> {
            Task<String> one = Asyncio.createTask(after(1, "one"));
            Task<String> ten = Asyncio.createTask(after(10, "ten"));
            Waited<Task<String>> w = Asyncio.wait(List.of(one, ten), ReturnWhen.ALL_COMPLETED, Duration.ofSeconds(4));
            assertThat(TestLoops.millis()).isEqualTo(4000);
            assertThat(w.done()).containsExactly(one);
            assertThat(w.pending()).containsExactly(ten);
            w = Asyncio.wait(List.of(one, ten), ReturnWhen.ALL_COMPLETED);
            assertThat(w.pending()).isEmpty();
            assertThat(TestLoops.millis()).isEqualTo(10_000);
            return null;
        });
    }

    @Test
    void asCompletedYieldsInCompletionOrderThenTimesOut() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            List<Task<String>> tasks = List.of(
                    Asyncio.createTask(after(3, "three")),
                    Asyncio.createTask(after(1, "one")),
                    Asyncio.createTask(after(9, "nine")),
                    Asyncio.createTask(after(2, "two")));
            for (Awaitable<String> next : Asyncio.asCompleted(tasks, Duration.ofSeconds(5))) {
                try {
                    log.add(next.await() + "@" + TestLoops.millis());
                } catch (TimeoutException e) {
                    log.add("timeout@" + TestLoops.millis());
                }
            }
            tasks.get(2).cancel();
            Asyncio.gatherSettled(tasks);
            return null;
        });
        assertThat(log).containsExactly("one@1000", "two@2000", "three@3000", "timeout@5000");
    }

    @Test
    void waitForCancelsTheLateAwaitableAndWaitsForItsCleanup() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<String> slow = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofSeconds(10));
                    return "late";
                } finally {
                    log.add("slow cleaned up @" + TestLoops.millis());
                }
            });
            assertThatThrownBy(() -> Asyncio.waitFor(slow, Duration.ofSeconds(2)))
                    .isInstanceOf(TimeoutException.class);
            log.add("timeout raised @" + TestLoops.millis());
            assertThat(slow.isCancelled()).isTrue();
            assertThat(Asyncio.waitFor(Asyncio.createTask(after(1, "quick")), Duration.ofSeconds(2)))
                    .isEqualTo("quick");
            return null;
        });
        assertThat(log).containsExactly("slow cleaned up @2000", "timeout raised @2000");
    }

    @Test
    void timeoutOrNullReturnsNullOnExpiryAndTheValueOtherwise() throws Exception {
        TestLoops.run(() -> {
            assertThat(Asyncio.timeoutOrNull(Duration.ofSeconds(1), after(5, "late")))
                    .isNull();
            assertThat(Asyncio.timeoutOrNull(Duration.ofSeconds(5), after(1, "early")))
                    .isEqualTo("early");
            return null;
        });
    }

    @Test
    void timeoutCanBeRescheduledFromInside() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            try {
                Asyncio.timeout(Duration.ofSeconds(1), timeout -> {
                    timeout.reschedule(
                            Asyncio.currentLoop().time() + Duration.ofSeconds(3).toNanos());
                    Asyncio.sleep(Duration.ofSeconds(2));
                    log.add("survived past the first deadline @" + TestLoops.millis());
                    Asyncio.sleep(Duration.ofSeconds(5));
                    return null;
                });
            } catch (TimeoutException e) {
                log.add("timed out @" + TestLoops.millis());
            }
            return null;
        });
        assertThat(log).containsExactly("survived past the first deadline @2000", "timed out @3000");
    }

    @Test
    void timeoutAtUsesAnAbsoluteLoopTime() throws Exception {
        TestLoops.run(() -> {
            long deadline = Asyncio.currentLoop().time() + Duration.ofSeconds(2).toNanos();
            assertThatThrownBy(() -> Asyncio.timeoutAt(deadline, after(5, "late")))
                    .isInstanceOf(TimeoutException.class);
            assertThat(TestLoops.millis()).isEqualTo(2000);
            return null;
        });
    }

    @Test
    void taskGroupWaitsForAllItsTasks() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Asyncio.taskGroup(tg -> {
                tg.createTask(() -> {
                    Asyncio.sleep(Duration.ofSeconds(2));
                    log.add("a@" + TestLoops.millis());
                });
                tg.createTask(() -> {
                    Asyncio.sleep(Duration.ofSeconds(1));
                    log.add("b@" + TestLoops.millis());
                });
                log.add("body done@" + TestLoops.millis());
            });
            log.add("group exited@" + TestLoops.millis());
            return null;
        });
        assertThat(log).containsExactly("body done@0", "b@1000", "a@2000", "group exited@2000");
    }

    @Test
    void taskGroupCancelEndsTheGroupEarlyWithoutError() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Asyncio.taskGroup(tg -> {
                tg.createTask(() -> {
                    try {
                        Asyncio.sleep(Duration.ofHours(1));
                    } finally {
                        log.add("child cancelled @" + TestLoops.millis());
                    }
                });
                Asyncio.sleep(Duration.ofSeconds(1));
                tg.cancel();
                assertThatThrownBy(() -> tg.createTask(() -> 1))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("shutting down");
                Asyncio.sleep(Duration.ofSeconds(1));
                log.add("not reached");
            });
            log.add("group exited @" + TestLoops.millis());
            return null;
        });
        assertThat(log).containsExactly("child cancelled @1000", "group exited @1000");
    }

    @Test
    void aFailingBodyCancelsTheChildrenAndIsReportedInTheGroupException() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            assertThatThrownBy(() -> Asyncio.taskGroup(tg -> {
                        tg.createTask(() -> {
                            try {
                                Asyncio.sleep(Duration.ofHours(1));
                            } finally {
                                log.add("child cancelled");
                            }
                        });
                        Asyncio.yieldNow();
                        throw new IOException("body failed");
                    }))
                    .isInstanceOf(TaskGroupException.class)
                    .satisfies(e -> assertThat(((TaskGroupException) e).exceptions())
                            .singleElement()
                            .satisfies(x -> assertThat(x).hasMessage("body failed")));
            return null;
        });
        assertThat(log).containsExactly("child cancelled");
    }

    @Test
    void cancellingTheOwnerCancelsTheGroupAndSurfacesAsCancelledError() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<Void> owner = Asyncio.createTask(() -> Asyncio.taskGroup(tg -> {
                tg.createTask(() -> {
                    try {
                        Asyncio.sleep(Duration.ofHours(1));
                    } finally {
                        log.add("child cancelled");
                    }
                });
                Asyncio.sleep(Duration.ofHours(1));
            }));
            Asyncio.sleep(Duration.ofSeconds(1));
            owner.cancel();
            assertThatThrownBy(owner::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("child cancelled");
    }

    @Test
    void creatingATaskInAFinishedGroupFails() throws Exception {
        TestLoops.run(() -> {
            TaskGroup[] escaped = new TaskGroup[1];
            Asyncio.taskGroup(tg -> escaped[0] = tg);
            assertThatThrownBy(() -> escaped[0].createTask(() -> 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("finished");
            return null;
        });
    }

    @Test
    void uncancellableFinishesAndTheCancellationArrivesAfterwards() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                Asyncio.uncancellable(() -> {
                    Asyncio.sleep(Duration.ofSeconds(2));
                    log.add("cleanup finished @" + TestLoops.millis());
                    return null;
                });
                log.add("after the block");
                Asyncio.sleep(Duration.ofSeconds(1));
                log.add("not reached");
            });
            Asyncio.sleep(Duration.ofSeconds(1));
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("cleanup finished @2000", "after the block");
    }

    @Test
    void boundedUncancellableGivesUpAfterItsOwnTimeout() throws Exception {
        TestLoops.run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                Asyncio.uncancellable(Duration.ofSeconds(3), () -> {
                    Asyncio.sleep(Duration.ofHours(1));
                    return null;
                });
            });
            Asyncio.sleep(Duration.ofSeconds(1));
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(TimeoutException.class);
            assertThat(TestLoops.millis()).isEqualTo(3000);
            return null;
        });
    }

    @Test
    void shieldReturnsTheValueWhenNotCancelled() throws Exception {
        assertThat(TestLoops.run(() -> Asyncio.shield(Asyncio.createTask(after(1, "v")))))
                .isEqualTo("v");
    }
}
