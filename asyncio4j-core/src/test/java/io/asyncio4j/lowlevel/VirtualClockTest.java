package io.asyncio4j.lowlevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void withAThresholdTheClockWaitsForQuietBeforeItJumpsButNotForATimerAlreadyDue() {
        VirtualClock clock = new VirtualClock(Duration.ofMinutes(1));
        // Due now (as the loop's warm-up timer is, in Loop.open): nothing to jump over, no wait.
        assertThat(clock.idleWait(0, 1)).isZero();
        assertThat(clock.nanoTime()).isZero();
        // In the future, with something having happened since the last call: wait for quiet first.
        assertThat(clock.idleWait(SECOND, 2)).isEqualTo(Duration.ofMinutes(1).toNanos());
        // Nothing happened during that wait: jump.
        assertThat(clock.idleWait(SECOND, 2)).isZero();
        assertThat(clock.nanoTime()).isEqualTo(SECOND);
        // No timer at all: block until woken.
        assertThat(clock.idleWait(Long.MAX_VALUE, 3)).isNegative();
    }

    @Test
    void withoutAThresholdTheClockJumpsAtOnce() {
        VirtualClock clock = new VirtualClock();
        assertThat(clock.idleWait(5 * SECOND, 1)).isZero();
        assertThat(clock.nanoTime()).isEqualTo(5 * SECOND);
    }
}
