package io.asyncio4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.TestLoops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueTest {
    @Test
    void producerAndConsumerTakeTurnsThroughABoundedQueue() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<Integer> q = new Queue<>(2);
            Task<Void> producer = Asyncio.createTask(() -> {
                for (int i = 1; i <= 5; i++) {
                    q.put(i);
                    log.add("put " + i + " (qsize " + q.qsize() + ")");
                }
                q.shutdown();
            });
            Task<Void> consumer = Asyncio.createTask(() -> {
                try {
                    while (true) {
                        Integer item = q.get();
                        Asyncio.sleep(Duration.ofSeconds(1));
                        log.add("got " + item + " @" + TestLoops.millis());
                        q.taskDone();
                    }
                } catch (QueueShutDown done) {
                    log.add("consumer sees shutdown");
                }
            });
            Asyncio.gather(producer, consumer);
            return null;
        });
        assertThat(log)
                .containsExactly(
                        "put 1 (qsize 1)",
                        "put 2 (qsize 2)",
                        "put 3 (qsize 2)",
                        "got 1 @1000",
                        "put 4 (qsize 2)",
                        "got 2 @2000",
                        "put 5 (qsize 2)",
                        "got 3 @3000",
                        "got 4 @4000",
                        "got 5 @5000",
                        "consumer sees shutdown");
    }

    @Test
    void blockedGettersAreServedInFifoOrder() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>();
            List<Task<Void>> getters = new ArrayList<>();
            for (String name : List.of("g1", "g2", "g3")) {
                getters.add(Asyncio.createTask(() -> {
                    log.add(name + " got " + q.get());
                }));
            }
            Asyncio.yieldNow();
            q.putNowait("a");
            q.putNowait("b");
            q.putNowait("c");
            Asyncio.gather(getters);
            return null;
        });
        assertThat(log).containsExactly("g1 got a", "g2 got b", "g3 got c");
    }

    @Test
    void nowaitVariantsThrowInsteadOfWaiting() throws Exception {
        TestLoops.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmpty.class);
            q.putNowait(1);
            assertThat(q.full()).isTrue();
            assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(QueueFull.class);
            assertThat(q.getNowait()).isEqualTo(1);
            assertThat(q.empty()).isTrue();
            return null;
        });
    }

    @Test
    void joinWaitsUntilEveryItemIsMarkedDone() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i = 0; i < 3; i++) {
                q.putNowait(i);
            }
            Task<Void> worker = Asyncio.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    int item = q.get();
                    Asyncio.sleep(Duration.ofSeconds(1));
                    log.add("done " + item);
                    q.taskDone();
                }
            });
            q.join();
            log.add("joined @" + TestLoops.millis());
            worker.await();
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
            return null;
        });
        assertThat(log).containsExactly("done 0", "done 1", "done 2", "joined @3000");
    }

    @Test
    void shutdownWakesBlockedPuttersAndGettersAsAsyncio313Does() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<Integer> full = new Queue<>(1);
            full.putNowait(0);
            Task<Void> putter = Asyncio.createTask(() -> {
                try {
                    full.put(1);
                } catch (QueueShutDown e) {
                    log.add("putter: shut down");
                }
            });
            Queue<Integer> empty = new Queue<>();
            Task<Void> getter = Asyncio.createTask(() -> {
                try {
                    empty.get();
                } catch (QueueShutDown e) {
                    log.add("getter: shut down");
                }
            });
            Asyncio.yieldNow();
            full.shutdown();
            empty.shutdown();
            Asyncio.gather(putter, getter);
            log.add("full queue still gives " + full.get());
            assertThatThrownBy(full::get).isInstanceOf(QueueShutDown.class);
            assertThatThrownBy(() -> full.put(2)).isInstanceOf(QueueShutDown.class);
            return null;
        });
        assertThat(log).containsExactly("putter: shut down", "getter: shut down", "full queue still gives 0");
    }

    @Test
    void immediateShutdownDropsItemsAndReleasesJoin() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            q.putNowait(2);
            Task<Void> joiner = Asyncio.createTask(() -> {
                q.join();
                log.add("join released");
            });
            Asyncio.yieldNow();
            q.shutdown(true);
            joiner.await();
            assertThat(q.qsize()).isZero();
            assertThatThrownBy(q::get).isInstanceOf(QueueShutDown.class);
            return null;
        });
        assertThat(log).containsExactly("join released");
    }

    @Test
    void aCancelledGetterTakesNothingAndTheItemGoesToTheNextGetter() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> first = Asyncio.createTask(q::get);
            Task<String> second = Asyncio.createTask(q::get);
            Asyncio.yieldNow();
            first.cancel();
            Asyncio.yieldNow();
            q.putNowait("item");
            log.add("second got " + second.await());
            assertThatThrownBy(first::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("second got item");
    }

    @Test
    void aGetterHandedAnItemAndCancelledAtOnceLeavesTheItemInTheQueue() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Asyncio.createTask(() -> {
                try {
                    return q.get();
                } catch (CancelledError e) {
                    log.add("getter cancelled, queue holds " + q.qsize());
                    throw e;
                }
            });
            Asyncio.yieldNow();
            q.putNowait("precious");
            getter.cancel();
            assertThatThrownBy(getter::await).isInstanceOf(CancelledError.class);
            log.add("main got " + q.getNowait());
            return null;
        });
        assertThat(log).containsExactly("getter cancelled, queue holds 1", "main got precious");
    }

    @Test
    void aCancelledPutterAddsNothing() throws Exception {
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("first");
            Task<Void> putter = Asyncio.createTask(() -> q.put("second"));
            Asyncio.yieldNow();
            putter.cancel();
            assertThatThrownBy(putter::await).isInstanceOf(CancelledError.class);
            assertThat(q.getNowait()).isEqualTo("first");
            assertThat(q.empty()).isTrue();
            return null;
        });
    }

    @Test
    void priorityAndLifoQueuesOrderTheirItems() throws Exception {
        TestLoops.run(() -> {
            PriorityQueue<Integer> pq = new PriorityQueue<>();
            LifoQueue<Integer> lifo = new LifoQueue<>();
            PriorityQueue<String> byLength = new PriorityQueue<>(Comparator.comparing(String::length));
            for (int i : List.of(5, 1, 4, 2, 3)) {
                pq.putNowait(i);
                lifo.putNowait(i);
            }
            byLength.putNowait("ccc");
            byLength.putNowait("a");
            byLength.putNowait("bb");
            List<Integer> fromPq = new ArrayList<>();
            List<Integer> fromLifo = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fromPq.add(pq.get());
                fromLifo.add(lifo.get());
            }
            assertThat(fromPq).containsExactly(1, 2, 3, 4, 5);
            assertThat(fromLifo).containsExactly(3, 2, 4, 1, 5);
            assertThat(List.of(byLength.get(), byLength.get(), byLength.get())).containsExactly("a", "bb", "ccc");
            return null;
        });
    }

    @Test
    void aQueueBelongsToOneLoop() throws Exception {
        Queue<Integer> q = new Queue<>();
        TestLoops.run(() -> {
            q.putNowait(1);
            return null;
        });
        assertThatThrownBy(() -> TestLoops.run(() -> q.getNowait()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to loop")
                .hasMessageContaining("io.asyncio4j.channel.Channel");
        assertThatThrownBy(() -> new Queue<Integer>().put(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be called from a task");
    }

    // ---- join is an event: it cannot miss the moment the count reaches zero ----

    @Test
    void joinReturnsAfterTheCountReachedZeroEvenIfAPutFollowedBeforeTheJoinerRan() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("a");
            Task<Void> joiner = Asyncio.createTask(() -> {
                q.join();
                log.add("join returned");
            });
            Asyncio.yieldNow();
            q.getNowait();
            q.taskDone(); // 1 -> 0: the joiner is released
            q.putNowait("b"); // 0 -> 1 before the joiner ran
            log.add("b put");
            Asyncio.yieldNow(); // the joiner runs while the count is 1 again
            q.getNowait();
            q.taskDone();
            Asyncio.waitFor(joiner, Duration.ofSeconds(10));
            return null;
        });
        assertThat(log).containsExactly("b put", "join returned");
    }

    @Test
    void aJoinerCancelledBeforeTheCountReachesZeroThrowsAndLeavesNoTrace() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("a");
            Task<Void> quitter = Asyncio.createTask(q::join);
            Task<Void> stayer = Asyncio.createTask(() -> {
                q.join();
                log.add("stayer released");
            });
            Asyncio.yieldNow();
            quitter.cancel();
            q.getNowait();
            q.taskDone();
            stayer.await();
            assertThatThrownBy(quitter::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("stayer released");
    }

    // ---- a waiter cancelled before it is served is skipped ----

    @Test
    void aGetterCancelledJustBeforeAPutIsSkippedAndTheItemGoesToTheNext() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> first = Asyncio.createTask(q::get);
            Task<String> second = Asyncio.createTask(q::get);
            Asyncio.yieldNow();
            first.cancel();
            q.putNowait("item");
            log.add("second got " + Asyncio.waitFor(second, Duration.ofSeconds(10)));
            assertThatThrownBy(first::await).isInstanceOf(CancelledError.class);
            log.add("left in the queue: " + q.qsize());
            return null;
        });
        assertThat(log).containsExactly("second got item", "left in the queue: 0");
    }

    @Test
    void aPutterCancelledJustBeforeARoomOpensIsSkipped() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("a");
            Task<Void> cancelled = Asyncio.createTask(() -> q.put("X"));
            Task<Void> kept = Asyncio.createTask(() -> q.put("b"));
            Asyncio.yieldNow();
            cancelled.cancel();
            log.add("got " + q.getNowait());
            Asyncio.waitFor(kept, Duration.ofSeconds(10));
            log.add("got " + q.getNowait());
            assertThatThrownBy(cancelled::await).isInstanceOf(CancelledError.class);
            log.add("empty: " + q.empty());
            return null;
        });
        assertThat(log).containsExactly("got a", "got b", "empty: true");
    }

    /** CPython test_queues.py QueuePutTests.test_get_cancel_drop_many_pending_readers. */
    @Test
    void aGetterHandedAnItemAndCancelledBeforeItRunsGivesTheItemBack() throws Exception {
        TestLoops.run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader1 = Asyncio.createTask(q::get);
            Task<Integer> reader2 = Asyncio.createTask(q::get);
            Task<Integer> reader3 = Asyncio.createTask(q::get);
            Asyncio.yieldNow();
            q.putNowait(1);
            q.putNowait(2);
            reader1.cancel();
            assertThatThrownBy(reader1::await).isInstanceOf(CancelledError.class);
            Asyncio.waitFor(reader3, Duration.ofSeconds(10));
            assertThat(List.of(reader2.await(), reader3.await())).containsExactlyInAnyOrder(1, 2);
            assertThat(q.qsize()).isZero();
            return null;
        });
    }

    @Test
    void anItemGivenBackByACancelledGetterKeepsItsPlaceAtTheFront() throws Exception {
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Asyncio.createTask(q::get);
            Asyncio.yieldNow();
            q.putNowait("first");
            q.putNowait("second");
            getter.cancel();
            assertThatThrownBy(getter::await).isInstanceOf(CancelledError.class);
            assertThat(q.getNowait()).isEqualTo("first");
            assertThat(q.getNowait()).isEqualTo("second");
            return null;
        });
    }

    /** CPython test_queues.py QueuePutTests.test_get_cancel_drop_one_pending_reader. */
    @Test
    void aCancelledReaderLosesNoItem() throws Exception {
        TestLoops.run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader = Asyncio.createTask(q::get);
            Asyncio.yieldNow();
            q.putNowait(1);
            q.putNowait(2);
            reader.cancel();
            int result;
            try {
                result = reader.await();
            } catch (CancelledError e) {
                result = Asyncio.createTask(q::get).await();
            }
            assertThat(result).isEqualTo(1);
            return null;
        });
    }

    /** CPython test_queues.py QueuePutTests.test_put_cancelled_race. */
    @Test
    void aCancelledPutterDoesNotDisturbTheOthers() throws Exception {
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>(1);
            Task<Void> putA = Asyncio.createTask(() -> q.put("a"));
            Task<Void> putB = Asyncio.createTask(() -> q.put("b"));
            Task<Void> putC = Asyncio.createTask(() -> q.put("X"));
            Asyncio.yieldNow();
            assertThat(putA.isDone()).isTrue();
            assertThat(putB.isDone()).isFalse();
            putC.cancel();
            Asyncio.yieldNow();
            assertThat(putC.isDone()).isTrue();
            assertThat(q.getNowait()).isEqualTo("a");
            Asyncio.yieldNow();
            assertThat(q.getNowait()).isEqualTo("b");
            putB.await();
            return null;
        });
    }

    /** CPython test_queues.py shutdown cases, for each kind of queue. */
    @Test
    void shutdownAsCPythonTestsIt() throws Exception {
        for (int kind = 0; kind < 3; kind++) {
            int k = kind;
            TestLoops.run(() -> {
                // test_shutdown_nonempty
                Queue<String> q = newQueue(k, 1);
                q.putNowait("data");
                Task<Void> join = Asyncio.createTask(q::join);
                Task<Void> put = Asyncio.createTask(() -> q.put("data2"));
                Asyncio.yieldNow();
                assertThat(put.isDone()).isFalse();
                q.shutdown(false);
                assertThat(q.qsize()).isEqualTo(1);
                Asyncio.yieldNow();
                assertThat(put.isDone()).isTrue();
                assertThatThrownBy(put::await).isInstanceOf(QueueShutDown.class);
                assertThat(q.get()).isEqualTo("data");
                Asyncio.yieldNow();
                assertThat(join.isDone()).isFalse();
                assertThatThrownBy(() -> q.put("data")).isInstanceOf(QueueShutDown.class);
                assertThatThrownBy(q::get).isInstanceOf(QueueShutDown.class);
                q.taskDone();
                Asyncio.yieldNow();
                assertThat(join.isDone()).isTrue();
                join.await();
                assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);

                // test_shutdown_immediate_with_unfinished
                Queue<String> r = newQueue(k, 0);
                r.putNowait("data");
                r.putNowait("data");
                Task<Void> join2 = Asyncio.createTask(r::join);
                assertThat(r.get()).isEqualTo("data");
                r.shutdown(true);
                assertThat(r.qsize()).isZero();
                Asyncio.yieldNow();
                assertThat(join2.isDone()).isFalse();
                r.taskDone();
                assertThatThrownBy(r::taskDone).isInstanceOf(IllegalStateException.class);
                Asyncio.yieldNow();
                assertThat(join2.isDone()).isTrue();

                // test_shutdown_empty
                Queue<String> e = newQueue(k, 0);
                Task<String> get = Asyncio.createTask(e::get);
                Asyncio.yieldNow();
                e.shutdown(false);
                e.join();
                Asyncio.yieldNow();
                assertThat(get.isDone()).isTrue();
                assertThatThrownBy(get::await).isInstanceOf(QueueShutDown.class);
                return null;
            });
        }
    }

    private static Queue<String> newQueue(int kind, int maxsize) {
        return switch (kind) {
            case 0 -> new Queue<>(maxsize);
            case 1 -> new LifoQueue<>(maxsize);
            default -> new PriorityQueue<>(maxsize);
        };
    }

    @Test
    void anImmediateShutdownWhileAGetterHoldsAnUnseenItemStillLetsJoinFinish() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>();
            Task<Void> getter = Asyncio.createTask(() -> {
                String item = q.get();
                log.add("getter got " + item);
                q.taskDone();
            });
            Asyncio.yieldNow();
            q.putNowait("handed");
            q.putNowait("queued");
            q.shutdown(true);
            Task<Void> joiner = Asyncio.createTask(() -> {
                q.join();
                log.add("join returned");
            });
            getter.await();
            Asyncio.waitFor(joiner, Duration.ofSeconds(10));
            return null;
        });
        assertThat(log).containsExactly("getter got handed", "join returned");
    }
}
