package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** An exception escaping Asyncio.run shows where main failed and who called Asyncio.run. */
class RunTracesTest {
    private static void failingMain() {
        throw new IllegalStateException("boom");
    }

    @Test
    void theTraceOfAnExceptionFromAsyncioRunHoldsTheCallersFrames() {
        Throwable thrown = catchThrowable(() -> Asyncio.run(() -> {
            failingMain();
            return null;
        }));
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(Arrays.stream(thrown.getStackTrace()).map(StackTraceElement::getMethodName))
                .contains("failingMain")
                .doesNotContain("theTraceOfAnExceptionFromAsyncioRunHoldsTheCallersFrames");
        assertThat(thrown.getSuppressed()).hasSize(1);
        Throwable calledFrom = thrown.getSuppressed()[0];
        assertThat(calledFrom.getMessage()).startsWith("Asyncio.run was called here, on thread '");
        assertThat(Arrays.stream(calledFrom.getStackTrace()).map(StackTraceElement::getMethodName))
                .contains("theTraceOfAnExceptionFromAsyncioRunHoldsTheCallersFrames");
    }
}
