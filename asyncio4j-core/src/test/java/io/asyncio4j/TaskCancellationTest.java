package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a cancel request reaches a task: when the body returns, what it awaits, and when withdrawn. */
class TaskCancellationTest {
    @Test
    void aTaskThatCancelsItselfAndThenReturnsEndsCancelled() throws Exception {
        TestLoops.run(() -> {
            Task<Integer> t = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel("changed my mind");
                return 12;
            });
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class).hasMessage("changed my mind");
            assertThat(t.isCancelled()).isTrue();
            return null;
        });
    }

    @Test
    void aTaskThatSwallowsItsCancellationAndReturnsEndsCancelledUnlessItUncancels() throws Exception {
        TestLoops.run(() -> {
            Task<String> swallows = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                } catch (CancelledError e) {
                    return "swallowed";
                }
                return "slept";
            });
            Task<String> uncancels = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                } catch (CancelledError e) {
                    Asyncio.currentTask().uncancel();
                    return "withdrew it";
                }
                return "slept";
            });
            Asyncio.yieldNow();
            swallows.cancel();
            uncancels.cancel();
            assertThatThrownBy(swallows::await).isInstanceOf(CancelledError.class);
            assertThat(uncancels.await()).isEqualTo("withdrew it");
            return null;
        });
    }

    @Test
    void cancellingATaskCancelsTheFutureItAwaitsAtOnce() throws Exception {
        TestLoops.run(() -> {
            Future<String> reply = new Future<>();
            Task<String> waiter = Asyncio.createTask(reply::await);
            Asyncio.yieldNow(); // the waiter parks in await
            waiter.cancel("stop");
            assertThat(reply.isCancelled()).isTrue();
            assertThatThrownBy(waiter::await).isInstanceOf(CancelledError.class);
            return null;
        });
    }

    @Test
    void cancellingATaskPassesTheRequestToTheTaskItAwaitsAtOnce() throws Exception {
        TestLoops.run(() -> {
            Task<Void> child = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofHours(1)));
            Task<Void> parent = Asyncio.createTask(() -> {
                child.await();
            });
            Asyncio.yieldNow();
            parent.cancel("stop");
            assertThat(child.cancelling()).isEqualTo(1);
            assertThatThrownBy(parent::await).isInstanceOf(CancelledError.class);
            assertThat(child.isCancelled()).isTrue();
            return null;
        });
    }

    @Test
    void cancellingATaskInGatherCancelsTheGatheredTasksAtOnce() throws Exception {
        TestLoops.run(() -> {
            Task<Void> a = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofHours(1)));
            Task<Void> b = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofHours(1)));
            Task<List<Void>> gatherer = Asyncio.createTask(() -> Asyncio.gather(a, b));
            Asyncio.yieldNow();
            gatherer.cancel("stop");
            assertThat(a.cancelling()).isEqualTo(1);
            assertThat(b.cancelling()).isEqualTo(1);
            assertThatThrownBy(gatherer::await).isInstanceOf(CancelledError.class);
            assertThat(a.isCancelled()).isTrue();
            assertThat(b.isCancelled()).isTrue();
            return null;
        });
    }

    @Test
    void aCancelWithdrawnAfterTheTaskWasWokenLeavesNoInterruptForItsNextJdkCall() throws Exception {
        TestLoops.run(() -> {
            Future<String> item = new Future<>();
            Task<String> getter = Asyncio.createTask(() -> {
                String got = item.await();
                Thread.sleep(10); // a JDK blocking call: a stray interrupt would end it
                return got + ", then slept";
            });
            Asyncio.yieldNow(); // the getter parks in await
            item.setResult("item"); // the getter is ready, not yet running
            getter.cancel();
            assertThat(getter.uncancel()).isZero();
            assertThat(getter.await()).isEqualTo("item, then slept");
            return null;
        });
    }

    @Test
    void aCancelWithdrawnWhileTheTaskYieldsLeavesNoInterruptForItsNextJdkCall() throws Exception {
        TestLoops.run(() -> {
            Task<String> yielder = Asyncio.createTask(() -> {
                Asyncio.yieldNow();
                Thread.sleep(10);
                return "slept";
            });
            Asyncio.yieldNow(); // the yielder has yielded and waits in the ready queue
            yielder.cancel();
            yielder.uncancel();
            assertThat(yielder.await()).isEqualTo("slept");
            return null;
        });
    }

    @Test
    void aCancelThatArrivesWhileTheTaskIsReadyStillReachesItsNextJdkCall() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Future<String> item = new Future<>();
            Task<String> getter = Asyncio.createTask(() -> {
                String got = item.await();
                log.add("got " + got);
                Thread.sleep(Duration.ofDays(1)); // must be interrupted by the standing cancel
                return "slept a day";
            });
            Asyncio.yieldNow();
            item.setResult("item");
            getter.cancel("stop");
            assertThatThrownBy(getter::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("got item");
    }

    // Ported from CPython's test_tasks.py (test_cancel_yield, test_cancel_inner_future,
    // test_cancel_both_task_and_inner_future, test_cancel_task_catching).

    @Test
    void aTaskCancelledBetweenTwoYieldsEndsCancelled() throws Exception {
        TestLoops.run(() -> {
            Task<Integer> t = Asyncio.createTask(() -> {
                Asyncio.yieldNow();
                Asyncio.yieldNow();
                return 12;
            });
            Asyncio.yieldNow(); // start it
            assertThat(t.cancel()).isTrue();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            assertThat(t.isCancelled()).isTrue();
            assertThat(t.cancel()).isFalse();
            return null;
        });
    }

    @Test
    void cancellingTheAwaitedFutureCancelsTheTask() throws Exception {
        TestLoops.run(() -> {
            Future<Integer> f = new Future<>();
            Task<Integer> t = Asyncio.createTask(() -> {
                f.await();
                return 12;
            });
            Asyncio.yieldNow();
            f.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            assertThat(f.isCancelled()).isTrue();
            assertThat(t.isCancelled()).isTrue();
            return null;
        });
    }

    @Test
    void cancellingBothTheAwaitedFutureAndTheTaskCancelsBoth() throws Exception {
        TestLoops.run(() -> {
            Future<Integer> f = new Future<>();
            Task<Integer> t = Asyncio.createTask(() -> {
                f.await();
                return 12;
            });
            Asyncio.yieldNow();
            f.cancel();
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            assertThat(f.isCancelled()).isTrue();
            assertThat(t.isCancelled()).isTrue();
            return null;
        });
    }

    /** asyncio returns 42 here; a standing request ends the task cancelled unless it uncancels. */
    @Test
    void aTaskCatchingTheCancellationOfItsSecondAwaitEndsAsItsRequestSays() throws Exception {
        TestLoops.run(() -> {
            Future<Void> first = new Future<>();
            Future<Void> second = new Future<>();
            Task<Integer> t = Asyncio.createTask(() -> {
                first.await();
                try {
                    second.await();
                } catch (CancelledError e) {
                    Asyncio.currentTask().uncancel();
                    return 42;
                }
                return 0;
            });
            Asyncio.yieldNow();
            first.setResult(null);
            Asyncio.yieldNow();
            t.cancel();
            assertThat(second.isCancelled()).isTrue();
            assertThat(t.await()).isEqualTo(42);
            assertThat(t.isCancelled()).isFalse();
            return null;
        });
    }
}
