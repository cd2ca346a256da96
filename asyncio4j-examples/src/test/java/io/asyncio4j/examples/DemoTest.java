package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.examples.demo.Screen;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {
    @Test
    void theQuickDemoPlaysEverySceneInPlainText() throws Exception {
        // The quick demo runs on the real clock (it shows real threads and real sleeps); nothing
        // below depends on how long anything took.
        Transcript t = new Transcript();
        Asyncio.run(() -> new Demo(Screen.plain(t.out, true), Demo.Settings.QUICK).run());
        List<String> lines = t.lines();

        assertThat(lines).noneMatch(l -> l.contains("\u001b"));
        assertThat(lines)
                .containsSubsequence(
                        "1. Six downloads: one after another, then all at once",
                        "2. A CPU-heavy job in toThread, while a ticker ticks every 100 ms",
                        "3. Thread.sleep(200 ms) inside a task",
                        "4. A timeout, and a cancellation with cleanup",
                        "5. Four requests, one fails and one is cancelled: gatherSettled reports each",
                        "6. 5,000 tasks sleeping at once",
                        "Summary");
        assertThat(lines).anyMatch(l -> l.startsWith("✔ one after another "));
        assertThat(lines).anyMatch(l -> l.startsWith("✔ toThread: "));
        assertThat(lines).anyMatch(l -> l.startsWith("✘ on the loop it froze the ticker"));
        assertThat(lines).anyMatch(l -> l.startsWith("✔ the ticker ticked "));
        assertThat(lines).anyMatch(l -> l.matches("  movie\\.mkv .* timed out, partial file deleted"));
        assertThat(lines).anyMatch(l -> l.matches("  results\\.db .* cancelled, connection closed"));
        assertThat(lines).anyMatch(l -> l.matches("  profile .* ✔ Ada Lovelace"));
        assertThat(lines).anyMatch(l -> l.matches("  orders .* ✘ IOException: connection reset"));
        assertThat(lines).anyMatch(l -> l.matches("  ads .* ⊘ cancelled"));
        assertThat(lines).contains("✔ gatherSettled: 2 succeeded, 1 failed, 1 cancelled");
        assertThat(lines).anyMatch(l -> l.matches("  finished .* 5,000 .*"));
        assertThat(lines).anyMatch(l -> l.startsWith("  5,000 tasks    created in "));
    }

    @Test
    void primesAreCountedByTrialDivision() {
        assertThat(java.util.stream.LongStream.rangeClosed(0, 30).filter(Demo::isPrime))
                .containsExactly(2L, 3L, 5L, 7L, 11L, 13L, 17L, 19L, 23L, 29L);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Demo.human(java.time.Duration.ofMillis(150))).isEqualTo("150 ms");
        assertThat(Demo.human(java.time.Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(Demo.human(java.time.Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }
}
