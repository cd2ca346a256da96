package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(10.0, 1.0, 1.5, 100.0, 2.0))).isEqualTo(2.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void medianOfNothingIsNaN() {
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void ratioSaysHowManyTimesBetterAsyncio4jIs() {
        // lower is better: CPython 24 s against asyncio4j 2 s is 12 times better
        assertThat(Stats.ratio(2.0, 24.0, true)).isEqualTo(12.0);
        // higher is better: 50k req/s against 100k req/s is 2 times better
        assertThat(Stats.ratio(100_000, 50_000, false)).isEqualTo(2.0);
        // a slower asyncio4j gives a ratio below 1
        assertThat(Stats.ratio(3.0, 1.5, true)).isEqualTo(0.5);
    }

    @Test
    void ratioOfAMissingValueIsNaN() {
        assertThat(Stats.ratio(Double.NaN, 1, true)).isNaN();
        assertThat(Stats.ratio(1, 0, true)).isNaN();
    }

    @Test
    void regressionIsTheRelativeChangeInTheBadDirection() {
        assertThat(Stats.regression(2.0, 2.5, true)).isCloseTo(0.25, within(1e-12));
        assertThat(Stats.regression(2.0, 1.0, true)).isCloseTo(-0.5, within(1e-12));
        assertThat(Stats.regression(100, 80, false)).isCloseTo(0.25, within(1e-12));
        assertThat(Stats.regression(Double.NaN, 1, true)).isNaN();
    }
}
