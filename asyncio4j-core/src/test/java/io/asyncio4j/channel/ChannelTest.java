package io.asyncio4j.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopGroup;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChannelTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void aPlainThreadFeedsATaskUntilTheChannelCloses() throws Exception {
        List<Integer> got = assertTimeoutPreemptively(LIMIT, () -> {
            Channel<Integer> channel = new Channel<>(4);
            Thread producer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    channel.send(i);
                }
                channel.close();
            });
            List<Integer> received = Asyncio.run(() -> {
                List<Integer> r = new ArrayList<>();
                for (int item : channel) {
                    r.add(item);
                }
                return r;
            });
            producer.join();
            return received;
        });
        assertThat(got).hasSize(1000).isSorted();
        assertThat(got.get(999)).isEqualTo(999);
    }

    @Test
    void tasksOnTwoLoopsHandOffThroughARendezvousChannel() throws Exception {
        long sum = assertTimeoutPreemptively(LIMIT, () -> {
            Channel<Integer> channel = new Channel<>(0);
            try (LoopGroup group = LoopGroup.open(2)) {
                CompletableFuture<Void> producer = group.next().submit(() -> {
                    for (int i = 1; i <= 20_000; i++) {
                        channel.send(i);
                    }
                    channel.close();
                    return null;
                });
                CompletableFuture<Long> consumer = group.next().submit(() -> {
                    long s = 0;
                    for (int item : channel) {
                        s += item;
                    }
                    return s;
                });
                producer.get();
                return consumer.get();
            }
        });
        assertThat(sum).isEqualTo(20_000L * 20_001 / 2);
    }

    @Test
    void manyProducersAndConsumersAcrossThreadsAndLoopsLoseAndDuplicateNothing() throws Exception {
        int producers = 4;
        int perProducer = 20_000;
        ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
        assertTimeoutPreemptively(LIMIT, () -> {
            Channel<Integer> channel = new Channel<>(8);
            try (LoopGroup group = LoopGroup.open(2)) {
                List<CompletableFuture<Void>> consumers = new ArrayList<>();
                for (Loop loop : group.loops()) {
                    consumers.add(loop.submit(() -> {
                        Asyncio.taskGroup(tg -> {
                            for (int k = 0; k < 3; k++) {
                                tg.createTask(() -> {
                                    for (int item : channel) {
                                        received.add(item);
                                    }
                                });
                            }
                        });
                        return null;
                    }));
                }
                List<Thread> threads = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    int base = p * perProducer;
                    threads.add(Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < perProducer; i++) {
                            channel.send(base + i);
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.join();
                }
                channel.close();
                for (CompletableFuture<Void> c : consumers) {
                    c.get();
                }
            }
        });
        List<Integer> all = new ArrayList<>(received);
        Collections.sort(all);
        assertThat(all).hasSize(producers * perProducer);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i)).isEqualTo(i);
        }
    }

    @Test
    void cancelledReceiversNeverSwallowItems() throws Exception {
        AtomicLong delivered = new AtomicLong();
        int sent = assertTimeoutPreemptively(
                LIMIT,
                () -> Asyncio.run(() -> {
                    Channel<Integer> channel = new Channel<>(1);
                    List<Task<Void>> receivers = new ArrayList<>();
                    for (int r = 0; r < 20; r++) {
                        receivers.add(Asyncio.createTask(() -> {
                            while (true) {
                                channel.receive();
                                delivered.incrementAndGet();
                            }
                        }));
                    }
                    int n = 0;
                    for (int round = 0; round < 200; round++) {
                        channel.send(n++);
                        if (round % 20 == 0) { // half of the receivers are cancelled along the way
                            receivers.get(round / 20).cancel();
                        }
                        Asyncio.yieldNow();
                    }
                    for (Task<Void> t : receivers) {
                        t.cancel();
                    }
                    Asyncio.gatherSettled(receivers);
                    Integer left;
                    while ((left = channel.tryReceive()) != null) {
                        delivered.incrementAndGet();
                    }
                    return n;
                }));
        assertThat(delivered.get()).isEqualTo(sent);
    }

    @Test
    void tryOperationsAndCloseSemantics() throws Exception {
        Asyncio.run(() -> {
            Channel<String> channel = new Channel<>(1);
            assertThat(channel.tryReceive()).isNull();
            assertThat(channel.trySend("a")).isTrue();
            assertThat(channel.trySend("b")).isFalse();
            Task<Void> blockedSender = Asyncio.createTask(() -> channel.send("c"));
            Asyncio.yieldNow();
            channel.close();
            assertThatThrownBy(blockedSender::await).isInstanceOf(ChannelClosedException.class);
            assertThat(channel.receive()).isEqualTo("a");
            assertThatThrownBy(channel::receive).isInstanceOf(ChannelClosedException.class);
            assertThatThrownBy(() -> channel.send("d")).isInstanceOf(ChannelClosedException.class);
            assertThatThrownBy(() -> new Channel<>(-1)).isInstanceOf(IllegalArgumentException.class);
            return null;
        });
    }

    @Test
    void aCancelledSenderSendsNothing() throws Exception {
        Asyncio.run(() -> {
            Channel<String> channel = new Channel<>(0);
            Task<Void> sender = Asyncio.createTask(() -> channel.send("lost?"));
            Asyncio.yieldNow();
            sender.cancel();
            assertThatThrownBy(sender::await).isInstanceOf(CancelledError.class);
            assertThat(channel.tryReceive()).isNull();
            return null;
        });
    }

    @Test
    void broadcastReachesEverySubscriberAndReportsLag() throws Exception {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            BroadcastChannel<Integer> channel = new BroadcastChannel<>(3);
            BroadcastChannel.Subscription<Integer> fast = channel.subscribe();
            BroadcastChannel.Subscription<Integer> slow = channel.subscribe();
            Task<Void> listener = Asyncio.createTask(() -> {
                for (int i = 0; i < 5; i++) {
                    log.add("fast " + fast.receive());
                }
            });
            for (int i = 1; i <= 5; i++) {
                channel.send(i);
                Asyncio.yieldNow();
            }
            listener.await();
            try {
                slow.receive();
            } catch (LaggedException e) {
                log.add("slow lagged by " + e.missed());
            }
            log.add("slow " + slow.receive());
            channel.close();
            slow.receive();
            slow.receive();
            assertThatThrownBy(slow::receive).isInstanceOf(ChannelClosedException.class);
            return null;
        });
        assertThat(log).containsExactly("fast 1", "fast 2", "fast 3", "fast 4", "fast 5", "slow lagged by 2", "slow 3");
    }

    @Test
    void watchersSeeTheLatestValueAndWaitForChanges() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        assertTimeoutPreemptively(
                LIMIT,
                () -> Asyncio.run(() -> {
                    WatchChannel<String> status = new WatchChannel<>("starting");
                    WatchChannel.Watcher<String> watcher = status.watch();
                    Event sawFirst = new Event();
                    Task<Void> observer = Asyncio.createTask(() -> {
                        log.add("saw " + watcher.changed());
                        sawFirst.set();
                        log.add("saw " + watcher.changed());
                    });
                    Asyncio.yieldNow();
                    // A send from another thread wakes the parked watcher; how soon the loop
                    // hears of it is not ours to assume, so wait for the observer to report.
                    Thread.ofPlatform().start(() -> status.send("warming")).join();
                    sawFirst.await();
                    status.send("skipped");
                    status.send("ready");
                    observer.await();
                    assertThat(status.get()).isEqualTo("ready");
                    status.close();
                    assertThatThrownBy(watcher::changed).isInstanceOf(ChannelClosedException.class);
                    return null;
                }));
        assertThat(log).containsExactly("saw warming", "saw ready");
    }

    @Test
    void aReceiverCancelledJustBeforeASendOnItsLoopIsPassedOver() throws Exception {
        List<String> log = new ArrayList<>();
        io.asyncio4j.TestLoops.run(() -> {
            Channel<String> channel = new Channel<>(0);
            Task<String> first = Asyncio.createTask(channel::receive);
            Task<String> second = Asyncio.createTask(channel::receive);
            Asyncio.yieldNow();
            first.cancel();
            log.add("sent: " + channel.trySend("x"));
            log.add("second got " + Asyncio.waitFor(second, Duration.ofSeconds(10)));
            assertThatThrownBy(first::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("sent: true", "second got x");
    }

    @Test
    void aSenderCancelledJustBeforeRoomOpensOnItsLoopIsPassedOver() throws Exception {
        List<String> log = new ArrayList<>();
        io.asyncio4j.TestLoops.run(() -> {
            Channel<String> channel = new Channel<>(1);
            channel.send("a");
            Task<Void> cancelled = Asyncio.createTask(() -> channel.send("X"));
            Task<Void> kept = Asyncio.createTask(() -> channel.send("b"));
            Asyncio.yieldNow();
            cancelled.cancel();
            log.add("got " + channel.tryReceive());
            Asyncio.waitFor(kept, Duration.ofSeconds(10));
            log.add("got " + channel.tryReceive());
            log.add("then " + channel.tryReceive());
            assertThatThrownBy(cancelled::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).containsExactly("got a", "got b", "then null");
    }

    @Test
    void aPassedOverReceiverWhoseCancelIsWithdrawnReceivesTheNextItem() throws Exception {
        List<String> log = new ArrayList<>();
        io.asyncio4j.TestLoops.run(() -> {
            Channel<String> channel = new Channel<>(4);
            Task<String> receiver = Asyncio.createTask(channel::receive);
            Asyncio.yieldNow();
            receiver.cancel();
            channel.trySend("skipped it");
            receiver.uncancel();
            Asyncio.yieldNow();
            log.add("done after the withdrawn cancel: " + receiver.isDone());
            log.add("receiver got " + receiver.await());
            return null;
        });
        assertThat(log).containsExactly("done after the withdrawn cancel: true", "receiver got skipped it");
    }
}
