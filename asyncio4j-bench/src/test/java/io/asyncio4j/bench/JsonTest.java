package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesOneLineInMapOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "run");
        m.put("run", 2);
        m.put("ok", true);
        m.put("figures", Map.of("wall_s", 1.85185));
        m.put("command", List.of("java", "-Xmn1g"));
        m.put("error", null);

        assertThat(Json.write(m))
                .isEqualTo("{\"type\":\"run\",\"run\":2,\"ok\":true,\"figures\":{\"wall_s\":1.85185},"
                        + "\"command\":[\"java\",\"-Xmn1g\"],\"error\":null}");
    }

    @Test
    void writesNumbersCompactlyWithSixSignificantDigits() {
        assertThat(Json.write(3.0)).isEqualTo("3");
        assertThat(Json.write(0.000150000)).isEqualTo("0.00015");
        assertThat(Json.write(1234.56789)).isEqualTo("1234.57");
        assertThat(Json.write(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(Json.write(Double.NaN)).isEqualTo("null");
    }

    @Test
    void escapesStrings() {
        assertThat(Json.write("a \"b\"\\\n\u0001")).isEqualTo("\"a \\\"b\\\"\\\\\\n\\u0001\"");
    }

    @Test
    void parsesWhatItWrites() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "x \"y\" \n z");
        m.put("n", 1.5e-7);
        m.put("list", List.of(1L, "two", false));
        m.put("nested", Map.of("k", Map.of()));

        Object back = Json.parse(Json.write(m));

        assertThat(back)
                .isEqualTo(Map.of(
                        "s",
                        "x \"y\" \n z",
                        "n",
                        1.5e-7,
                        "list",
                        List.of(1.0, "two", false),
                        "nested",
                        Map.of("k", Map.of())));
    }

    @Test
    void parsesUnicodeEscapesAndWhitespace() {
        assertThat(Json.parse(" { \"a\" : [ 1 , \"\\u00b5s\" ] } ")).isEqualTo(Map.of("a", List.of(1.0, "µs")));
    }

    @Test
    void reportsWhereMalformedInputBreaks() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).hasMessageContaining("position 7");
        assertThatThrownBy(() -> Json.parse("[1 2]")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Json.parse("1 x")).hasMessageContaining("trailing");
    }
}
