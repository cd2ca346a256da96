package io.asyncio4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestLoopTest {
    @Test
    void returnsMainsResultAfterAnHourOfVirtualTime() throws Exception {
        long elapsed = TestLoop.run(() -> {
            long start = Asyncio.currentLoop().time();
            Asyncio.sleep(Duration.ofHours(1));
            return Asyncio.currentLoop().time() - start;
        });
        assertThat(elapsed).isEqualTo(Duration.ofHours(1).toNanos());
    }

    @Test
    void mainsOwnExceptionComesBackUnwrapped() {
        assertThatThrownBy(() -> TestLoop.run(() -> {
                    throw new java.io.IOException("main failed");
                }))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("main failed");
    }

    @Test
    void aTaskThatOutlivesMainFailsTheRun() {
        assertThatThrownBy(() -> TestLoop.run(() -> {
                    Asyncio.createTask("left-behind", () -> {
                        Asyncio.sleep(Duration.ofHours(1));
                        return null;
                    });
                    return null;
                }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("still running: [Task[left-behind, pending]]");
    }

    @Test
    void aLostExceptionFailsTheRun() {
        assertThatThrownBy(() -> TestLoop.run(() -> {
                    Coroutine<Void> fails = () -> {
                        throw new IllegalStateException("lost");
                    };
                    Asyncio.createTask("lost", fails);
                    Asyncio.yieldNow();
                    return null;
                }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exception was never retrieved")
                .hasMessageContaining("IllegalStateException: lost");
    }
}
