package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.queue.Queue;
import io.asyncio4j.sync.Lock;
import io.asyncio4j.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cancels one scenario, which passes through every combinator and primitive, at every point it can
 * be reached (each virtual millisecond, and each scheduling step within a millisecond), then checks
 * the invariants: no task left running and no exception lost (TestLoops), every {@code finally}
 * ran, no lock or permit leaked, no queued item lost, and the caller saw exactly one outcome.
 */
class CancellationFuzzTest {
    private static final class Books {
        int started;
        int finished;
        final List<Task<?>> stragglers = new ArrayList<>();
    }

    private static Coroutine<String> leaf(Books books, String name, int millis) {
        return () -> {
            books.started++;
            try {
                Asyncio.sleep(Duration.ofMillis(millis));
                return name;
            } finally {
                books.finished++;
            }
        };
    }

    private static String scenario(Books books, Lock lock, Semaphore sem, Queue<Integer> queue) throws Exception {
        Asyncio.gather(leaf(books, "a", 10), leaf(books, "b", 20));
        try {
            Asyncio.timeout(Duration.ofMillis(35), () -> Asyncio.gather(leaf(books, "c", 10), leaf(books, "d", 50)));
        } catch (TimeoutException expected) {
            // the 50 ms leaf cannot finish within 35 ms
        }
        Asyncio.taskGroup(tg -> {
            tg.createTask(leaf(books, "e", 10));
            tg.createTask(leaf(books, "f", 15));
        });
        Task<String> g = Asyncio.createTask(leaf(books, "g", 5));
        Task<String> h = Asyncio.createTask(leaf(books, "h", 30));
        books.stragglers.add(g);
        books.stragglers.add(h);
        Asyncio.wait(List.of(g, h), ReturnWhen.FIRST_COMPLETED);
        h.cancel();
        Asyncio.gatherSettled(g, h);
        Task<String> shielded = Asyncio.createTask(leaf(books, "i", 10));
        books.stragglers.add(shielded);
        Asyncio.shield(shielded);
        lock.withLock(leaf(books, "j", 5));
        sem.withPermit(leaf(books, "k", 5));
        Task<Void> producer = Asyncio.createTask(() -> {
            for (int i = 0; i < 3; i++) {
                queue.put(i);
                Asyncio.sleep(Duration.ofMillis(2));
            }
        });
        books.stragglers.add(producer);
        for (int i = 0; i < 3; i++) {
            queue.get();
            queue.taskDone();
        }
        Asyncio.uncancellable(leaf(books, "l", 5));
        Asyncio.waitFor(Asyncio.createTask(leaf(books, "m", 5)), Duration.ofSeconds(1));
        return "done";
    }

    @ParameterizedTest(name = "cancel after {0} ms")
    @MethodSource("everyMillisecond")
    void cancellingAtAnyVirtualTimeLeavesNothingBehind(int delayMillis) throws Exception {
        runAndCancel(() -> Asyncio.sleep(Duration.ofMillis(delayMillis)));
    }

    @ParameterizedTest(name = "cancel after {0} scheduling steps")
    @MethodSource("everyStep")
    void cancellingAtAnySchedulingStepLeavesNothingBehind(int steps) throws Exception {
        runAndCancel(() -> {
            for (int i = 0; i < steps; i++) {
                Asyncio.yieldNow();
            }
        });
    }

    /** The scenario takes about 150 virtual ms; past 200 it has always finished. */
    static IntStream everyMillisecond() {
        return IntStream.rangeClosed(0, 200);
    }

    static IntStream everyStep() {
        return IntStream.rangeClosed(0, 60);
    }

    private interface Wait {
        void run() throws Exception;
    }

    private static void runAndCancel(Wait beforeCancel) throws Exception {
        Books books = new Books();
        List<String> outcomes = new ArrayList<>();
        TestLoops.run(() -> {
            Lock lock = new Lock();
            Semaphore sem = new Semaphore(1);
            Queue<Integer> queue = new Queue<>(1);
            Task<String> worker = Asyncio.createTask(() -> scenario(books, lock, sem, queue));
            beforeCancel.run();
            worker.cancel();
            try {
                outcomes.add("result " + worker.await());
            } catch (CancelledError e) {
                outcomes.add("cancelled");
            }
            for (Task<?> t : List.copyOf(books.stragglers)) {
                t.cancel();
            }
            Asyncio.gatherSettled(List.copyOf(books.stragglers));
            assertThat(lock.locked()).as("lock leaked").isFalse();
            assertThat(sem.availablePermits()).as("permit leaked").isEqualTo(1);
            assertThat(queue.qsize()).as("items left in the queue").isLessThanOrEqualTo(1);
            return null;
        });
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).isIn("result done", "cancelled");
        assertThat(books.finished).as("every finally ran").isEqualTo(books.started);
    }
}
