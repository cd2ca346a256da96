package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final String COMMITTED = Json.write(Map.of(
            "session",
            "2026-11-20T10:00:00Z",
            "host",
            "box",
            "medians",
            Map.of("W1 n=1000", Map.of("asyncio4j", Map.of("wall_s", 2.0, "rss_mb", 100.0)))));

    @Test
    void warnsOnlyAboutFiguresMoreThanTenPercentWorse() {
        Baseline baseline = Baseline.parse(COMMITTED);
        Medians now = new Medians();
        now.put("W1 n=1000", "asyncio4j", "wall_s", 2.5); // 25 % worse
        now.put("W1 n=1000", "asyncio4j", "rss_mb", 109); // 9 % worse: within the noise allowed

        assertThat(baseline.regressions(List.of(Fixtures.w1()), now))
                .containsExactly("WARNING: W1 n=1000 wall (s) regressed 25 % (2.00 -> 2.50) against the committed"
                        + " results of 2026-11-20T10:00:00Z on box");
    }

    @Test
    void improvementsAndCasesMissingFromTheBaselineAreQuiet() {
        Baseline baseline = Baseline.parse(COMMITTED);
        Medians now = new Medians();
        now.put("W1 n=1000", "asyncio4j", "wall_s", 1.0);
        now.put("W1 n=1000", "asyncio", "wall_s", 99); // peers are not checked

        assertThat(baseline.regressions(List.of(Fixtures.w1()), now)).isEmpty();
        assertThat(Baseline.parse("{\"medians\":{}}").regressions(List.of(Fixtures.w1()), now))
                .isEmpty();
    }

    @Test
    void roundTripsTheMediansOfLatestJson() {
        Medians m = new Medians();
        m.put("W2 messages=1000000", "node", "ns_per_msg", 364.759);
        String json = Json.write(Map.of("session", "s", "host", "h", "medians", m.asMap()));

        assertThat(Baseline.parse(json).medians().get("W2 messages=1000000", "node", "ns_per_msg"))
                .isEqualTo(364.759);
    }
}
