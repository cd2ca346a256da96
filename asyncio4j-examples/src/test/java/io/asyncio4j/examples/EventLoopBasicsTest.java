package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.LoopOptions;
import io.asyncio4j.lowlevel.VirtualClock;
import org.junit.jupiter.api.Test;

class EventLoopBasicsTest {
    @Test
    void callbacksRunInTheirTurnAndOneLoopRunsTwice() throws Exception {
        Transcript t = new Transcript();
        new EventLoopBasics(t.out).run(LoopOptions.defaults().clock(new VirtualClock()));
        assertThat(t.lines())
                .containsExactly(
                        "main: two callbacks scheduled; sleeping 1 s",
                        "callSoon: runs at the loop's next turn",
                        "callLater: runs 0.5 s later",
                        "main: woke up after 1.0 s",
                        "run returned: done",
                        "main: two callbacks scheduled; sleeping 1 s",
                        "callSoon: runs at the loop's next turn",
                        "callLater: runs 0.5 s later",
                        "main: woke up after 1.0 s",
                        "run returned: done");
    }
}
