package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.internal.loop.Cycle;
import io.asyncio4j.lowlevel.Clock;
import io.asyncio4j.lowlevel.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deadlines at the edges of the long range, and a timeout block's deadline after the block. */
class TimerEdgeCasesTest {
    @Test
    @org.junit.jupiter.api.Timeout(
            value = 60,
            threadMode =
                    org.junit.jupiter.api.Timeout.ThreadMode
                            .SEPARATE_THREAD) // a regression freezes the loop: this turns the hang into a failure
    void timersFarInThePastFireAtOnceOnTheSystemClock() throws Exception {
        try (Loop loop = Loop.open()) {
            List<String> fired = loop.run(() -> {
                List<String> log = new ArrayList<>();
                Loop me = Asyncio.currentLoop();
                Future<Void> all = new Future<>();
                Runnable done = () -> {
                    if (log.size() == 3) {
                        all.setResult(null);
                    }
                };
                me.callAt(Long.MIN_VALUE, () -> {
                    log.add("callAt(Long.MIN_VALUE)");
                    done.run();
                });
                me.callLater(Duration.ofDays(-365L * 300), () -> {
                    log.add("callLater(-300 years)");
                    done.run();
                });
                me.callLater(Duration.ofSeconds(Long.MIN_VALUE), () -> {
                    log.add("callLater(most negative)");
                    done.run();
                });
                all.await();
                return log;
            });
            assertThat(fired)
                    .containsExactly("callAt(Long.MIN_VALUE)", "callLater(-300 years)", "callLater(most negative)");
        }
    }

    /** A virtual clock whose time is negative: System.nanoTime's origin is arbitrary too. */
    private static final class NegativeOriginClock implements Clock {
        static final long ORIGIN = Long.MIN_VALUE / 2;
        final VirtualClock inner = new VirtualClock();

        @Override
        public long nanoTime() {
            return inner.nanoTime() + ORIGIN;
        }

        @Override
        public long idleWait(long deadline, long activity) {
            long shifted = deadline - ORIGIN;
            if (deadline == Long.MAX_VALUE || (deadline > 0 && shifted < 0)) {
                shifted = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Long.MAX_VALUE - 1;
            }
            return inner.idleWait(shifted, activity);
        }

        @Override
        public boolean tracksRealTime() {
            return false;
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void hugeNegativeDelaysFireAtOnceEvenWhenLoopTimeIsNegative() throws Exception {
        try (Loop loop = Loop.open(LoopOptions.defaults().clock(new NegativeOriginClock()))) {
            List<String> fired = loop.run(() -> {
                Loop me = Asyncio.currentLoop();
                long start = me.time();
                List<String> log = new ArrayList<>();
                Future<Void> both = new Future<>();
                me.callLater(Duration.ofDays(-365L * 300), () -> log.add("-300 years after " + (me.time() - start)));
                me.callLater(Duration.ofSeconds(Long.MIN_VALUE), () -> {
                    log.add("most negative after " + (me.time() - start));
                    both.setResult(null);
                });
                both.await();
                return log;
            });
            assertThat(fired).containsExactly("-300 years after 0", "most negative after 0");
        }
    }

    @Test
    void theSystemClockWaitsNotAtAllForADeadlineFarInThePastAndLongForOneFarAhead() {
        assertThat(Clock.system().idleWait(Long.MIN_VALUE, 0)).isZero();
        assertThat(Clock.system().idleWait(Long.MIN_VALUE + 1, 0)).isZero();
        assertThat(Clock.system().idleWait(Long.MAX_VALUE - 1, 0))
                .isGreaterThan(Duration.ofDays(365).toNanos());
    }

    @Test
    void aLongIdleWaitBecomesALongSelectNotABusyPoll() {
        assertThat(Cycle.selectMillis(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 1_000_000 + 1);
        assertThat(Cycle.selectMillis(1)).isEqualTo(1);
        assertThat(Cycle.selectMillis(2_000_000)).isEqualTo(2);
        assertThat(Cycle.selectMillis(2_000_001)).isEqualTo(3);
    }

    @Test
    void aTimeoutOfTheFarFutureNeverExpiresAndTheSleepEndsNormally() throws Exception {
        TestLoops.run(() -> {
            String value = Asyncio.timeout(Duration.ofSeconds(Long.MAX_VALUE), () -> {
                Asyncio.sleep(Duration.ofDays(1));
                return "slept";
            });
            assertThat(value).isEqualTo("slept");
            return null;
        });
    }

    @Test
    void reschedulingTheTimeoutOfAnEndedBlockIsRefused() throws Exception {
        TestLoops.run(() -> {
            io.asyncio4j.Timeout[] kept = new io.asyncio4j.Timeout[1];
            String value = Asyncio.timeout(Duration.ofSeconds(10), t -> {
                kept[0] = t;
                return "done";
            });
            assertThat(value).isEqualTo("done");
            long later = Asyncio.currentLoop().time() + Duration.ofSeconds(1).toNanos();
            assertThatThrownBy(() -> kept[0].reschedule(later))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ended");
            return null;
        });
    }

    @Test
    void aTimeoutCanBeMovedWhileItsBlockRuns() throws Exception {
        TestLoops.run(() -> {
            String value = Asyncio.timeout(Duration.ofSeconds(1), t -> {
                t.reschedule(
                        Asyncio.currentLoop().time() + Duration.ofSeconds(5).toNanos());
                Asyncio.sleep(Duration.ofSeconds(3));
                return "outlived the first deadline";
            });
            assertThat(value).isEqualTo("outlived the first deadline");
            return null;
        });
    }
}
