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

    /**
     * One queue through many rounds of adds, cancels and firing, as a loop's: buckets empty and are
     * reused, the map of buckets grows and shrinks, and deadlines span the whole long range.
     */
    @Test
    void agreesWithAReferenceModelAcrossRoundsThatReuseEmptiedBuckets() {
        Random random = new Random(7);
        TimerQueue q = new TimerQueue();
        List<long[]> model = new ArrayList<>(); // {deadline, id, cancelled(0/1)}
        List<Named> byId = new ArrayList<>();
        long now = 0;
        for (int round = 0; round < 2_000; round++) {
            int adds = random.nextInt(8);
            for (int i = 0; i < adds; i++) {
                long deadline = switch (random.nextInt(10)) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE - 1;
                    default -> now + random.nextInt(50_000_000);
                };
                Named t = new Named(Integer.toString(byId.size()));
                model.add(new long[] {deadline, byId.size(), 0});
                byId.add(t);
                q.add(t, deadline);
            }
            if (!model.isEmpty() && random.nextInt(3) == 0) {
                long[] victim = model.get(random.nextInt(model.size()));
                q.cancel(byId.get((int) victim[1]));
                victim[2] = 1;
            }
            now += random.nextInt(5_000_000);
            long due = now;
            List<long[]> fired = new ArrayList<>(model.stream()
                    .filter(e -> e[2] == 0 && e[0] <= due)
                    .sorted((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]))
                    .toList());
            List<String> want = fired.stream().map(e -> Long.toString(e[1])).toList();
            assertThat(drain(q, now)).as("round %d", round).isEqualTo(want);
            model.removeIf(e -> e[2] == 1 || e[0] <= due);
            assertThat(q.size()).isEqualTo(model.size());
        }
    }
}
