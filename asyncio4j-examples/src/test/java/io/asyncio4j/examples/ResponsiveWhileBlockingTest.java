package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsiveWhileBlockingTest {
    @Test
    void theTickerTicksWhileTheThreadComputes() throws Exception {
        Transcript t = new Transcript();
        VirtualTime.asyncioRun(() -> new ResponsiveWhileBlocking(t.out, 20).main());
        List<String> lines = t.lines();
        // How many ticks fit in the computation depends on the machine, so the middle is checked
        // line by line: at least one tick, and nothing but ticks.
        assertThat(lines.get(0)).isEqualTo("Computing fib(20) in a worker thread");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("fib(20) = 6765");
        List<String> ticks = lines.subList(1, lines.size() - 1);
        assertThat(ticks).isNotEmpty().containsOnly("... still responsive");
    }

    @Test
    void fibIsFibonacci() {
        assertThat(ResponsiveWhileBlocking.fib(0)).isZero();
        assertThat(ResponsiveWhileBlocking.fib(1)).isEqualTo(1);
        assertThat(ResponsiveWhileBlocking.fib(30)).isEqualTo(832_040L);
    }
}
