package io.asyncio4j.internal.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    private static final class Named extends TimerQueue.Timer {
        final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public void fire() {}
    }

    private static List<String> drain(TimerQueue q, long now) {
        List<String> fired = new ArrayList<>();
        TimerQueue.Timer t;
        while ((t = q.pollDue(now)) != null) {
            fired.add(((Named) t).name);
        }
        return fired;
    }

    @Test
    void firesByExactDeadlineThenInsertionEvenInsideOneBucket() {
        TimerQueue q = new TimerQueue();
        q.add(new Named("late"), 900);
        q.add(new Named("early"), 100);
        q.add(new Named("tie-1"), 500);
        q.add(new Named("tie-2"), 500);
        q.add(new Named("next-bucket"), 5_000_000);
        assertThat(q.nextDeadline()).isEqualTo(100);
        assertThat(drain(q, 600)).containsExactly("early", "tie-1", "tie-2");
        assertThat(q.nextDeadline()).isEqualTo(900);
        assertThat(drain(q, Long.MAX_VALUE)).containsExactly("late", "next-bucket");
        assertThat(q.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void cancelledTimersNeverFireAndDoNotCount() {
        TimerQueue q = new TimerQueue();
        Named a = new Named("a");
        Named b = new Named("b");
        q.add(a, 10);
        q.add(b, 20);
        q.cancel(a);
        q.cancel(a);
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.nextDeadline()).isEqualTo(20);
        assertThat(drain(q, 100)).containsExactly("b");
        assertThat(q.size()).isZero();
    }

    @Test
    void aTimerCanBeScheduledAgainOnlyAfterItFiredOrWasSwept() {
        TimerQueue q = new TimerQueue();
        Named a = new Named("a");
        q.add(a, 10);
        assertThatThrownBy(() -> q.add(a, 20)).isInstanceOf(IllegalStateException.class);
        drain(q, 10);
        q.add(a, 30);
        assertThat(drain(q, 30)).containsExactly("a");
    }

    @Test
    void mostlyCancelledTimeoutsAreCompactedAway() {
        TimerQueue q = new TimerQueue();
        List<Named> timeouts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Named t = new Named("t" + i);
            q.add(t, 30_000_000_000L + i);
            timeouts.add(t);
        }
        for (int i = 0; i < 9_999; i++) {
            q.cancel(timeouts.get(i));
        }
        assertThat(q.size()).isEqualTo(1);
        long swept = timeouts.stream().filter(t -> t.bucket == null).count();
        assertThat(swept).as("cancelled timers released before their deadline").isGreaterThan(9_000);
        assertThat(drain(q, Long.MAX_VALUE)).containsExactly("t9999");
    }

    @Test
    void agreesWithASortedListOnRandomWorkloads() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            TimerQueue q = new TimerQueue();
            List<long[]> expected = new ArrayList<>();
            List<Named> timers = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                long deadline = random.nextInt(20_000_000);
                Named t = new Named(Integer.toString(i));
                q.add(t, deadline);
                timers.add(t);
                expected.add(new long[] {deadline, i});
            }
            for (int i = 0; i < 500; i++) {
                int victim = random.nextInt(timers.size());
                q.cancel(timers.get(victim));
                expected.removeIf(e -> e[1] == victim);
            }
            expected.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
            List<String> want = expected.stream().map(e -> Long.toString(e[1])).toList();
            assertThat(drain(q, Long.MAX_VALUE)).isEqualTo(want);
        }
    }

    @Test
    void cancelledTimersBehindALiveEarlierOneAreReleasedAtOnce() {
        TimerQueue q = new TimerQueue();
        q.add(new Named("early sleep"), 30_000_000_000L);
        List<Named> timeouts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Named t = new Named("timeout" + i);
            q.add(t, 60_000_000_000L + i * 1_000_000L); // one per bucket, all behind the sleep
            timeouts.add(t);
        }
        timeouts.forEach(q::cancel);
        assertThat(timeouts).allSatisfy(t -> assertThat(t.bucket).isNull());
        assertThat(drain(q, Long.MAX_VALUE)).containsExactly("early sleep");
    }
}
