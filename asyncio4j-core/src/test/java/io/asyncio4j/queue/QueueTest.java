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
    void aGetterHandedAnItemAndCancelledAtOnceStillReturnsTheItem() throws Exception {
        List<String> log = new ArrayList<>();
        TestLoops.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Asyncio.createTask(() -> {
                String item = q.get();
                log.add("got " + item + " despite the cancel");
                Asyncio.yieldNow();
                return item;
            });
            Asyncio.yieldNow();
            q.putNowait("precious");
            getter.cancel();
            assertThatThrownBy(getter::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("got precious despite the cancel");
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
                .hasMessageContaining("thread-safe channel");
        assertThatThrownBy(() -> new Queue<Integer>().put(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be called from a task");
    }
}
