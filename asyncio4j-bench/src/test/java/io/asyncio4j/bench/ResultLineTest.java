package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultLineTest {
    @Test
    void parsesIdAndFiguresInOrder() {
        ResultLine line = ResultLine.parse("RESULT W1 n=1000000 wall_s=1.85185");

        assertThat(line.id()).isEqualTo("W1");
        assertThat(line.values())
                .containsExactly(java.util.Map.entry("n", 1_000_000.0), java.util.Map.entry("wall_s", 1.85185));
    }

    @Test
    void acceptsExponentsAndSurroundingSpace() {
        ResultLine line = ResultLine.parse("  RESULT W3 cold_us=8.4e-01  warm_us=1.5E-1 \n");

        assertThat(line.values()).containsEntry("cold_us", 0.84).containsEntry("warm_us", 0.15);
    }

    @Test
    void rejectsLinesThatAreNotResultLines() {
        assertThatThrownBy(() -> ResultLine.parse("W1 wall_s=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a RESULT line");
        assertThatThrownBy(() -> ResultLine.parse("RESULT W1"))
                .hasMessageContaining("needs an id and at least one figure");
        assertThatThrownBy(() -> ResultLine.parse("RESULT wall_s=1")).hasMessageContaining("needs an id");
    }

    @Test
    void rejectsMalformedFigures() {
        assertThatThrownBy(() -> ResultLine.parse("RESULT W2 ns_per_msg")).hasMessageContaining("not name=value");
        assertThatThrownBy(() -> ResultLine.parse("RESULT W2 ns_per_msg=fast")).hasMessageContaining("no number");
        assertThatThrownBy(() -> ResultLine.parse("RESULT W2 a=1 a=2")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> ResultLine.parse("RESULT W2 =3")).hasMessageContaining("not name=value");
    }

    @Test
    void lastTakesTheFinalResultLineAndIgnoresOtherOutput() {
        List<String> output = List.of(
                "warming up", "RESULT W3 cold_us=9 warm_us=9", "GC noise", "RESULT W3 cold_us=1 warm_us=0.2", "bye");

        assertThat(ResultLine.last(output))
                .hasValueSatisfying(line ->
                        assertThat(line.values()).containsEntry("cold_us", 1.0).containsEntry("warm_us", 0.2));
        assertThat(ResultLine.last(List.of("no result here"))).isEmpty();
    }
}
