package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.lowlevel.Parking;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which loop turn a combinator resumes its caller in, and what it leaves registered. */
class CombinatorOrderingTest {
    /**
     * asyncio's wait runs a done callback on the turn after a completion and resumes the waiter on
     * the turn after that; a task that finishes in between is reported done (CPython 3.11 gives
     * done = {first, second} for this program).
     */
    @Test
    void waitReportsATaskThatFinishesOnTheTurnAfterTheFirstAsDone() throws Exception {
        TestLoops.run(() -> {
            Task<String> first = Asyncio.createTask(() -> {
                Asyncio.yieldNow();
                return "first";
            });
            Task<String> second = Asyncio.createTask(() -> {
                Asyncio.yieldNow();
                Asyncio.yieldNow();
                return "second";
            });
            Waited<Task<String>> waited = Asyncio.wait(List.of(first, second), ReturnWhen.FIRST_COMPLETED);
            assertThat(waited.done()).containsExactly(first, second);
            assertThat(waited.pending()).isEmpty();
            return null;
        });
    }

    @Test
    void waitResumesTwoTurnsAfterTheCompletion() throws Exception {
        TestLoops.run(() -> {
            Task<String> quick = Asyncio.createTask(() -> "quick");
            Task<String> third = Asyncio.createTask(() -> {
                Asyncio.yieldNow();
                Asyncio.yieldNow();
                Asyncio.yieldNow();
                return "third";
            });
            Waited<Task<String>> waited = Asyncio.wait(List.of(quick, third), ReturnWhen.FIRST_COMPLETED);
            assertThat(waited.done()).containsExactly(quick);
            assertThat(waited.pending()).containsExactly(third);
            third.await();
            return null;
        });
    }

    @Test
    void anAbandonedAsCompletedIterationDoesNotWakeTheTaskLater() throws Exception {
        TestLoops.run(() -> {
            Task<String> fast = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ofSeconds(1));
                return "fast";
            });
            Task<String> slow = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ofSeconds(2));
                return "slow";
            });
            Iterator<Awaitable<String>> it =
                    Asyncio.asCompleted(List.of(fast, slow)).iterator();
            assertThat(it.next().await()).isEqualTo("fast");
            // the iteration is abandoned here; park until a timer at 3 s unparks us
            Task<?> me = Asyncio.currentTask();
            Asyncio.currentLoop().callLater(Duration.ofSeconds(2), () -> Parking.unpark(me));
            Parking.park(me);
            assertThat(TestLoops.millis())
                    .as("woken by the abandoned iteration when slow ended")
                    .isEqualTo(3000);
            assertThat(slow.await()).isEqualTo("slow");
            return null;
        });
    }
}
