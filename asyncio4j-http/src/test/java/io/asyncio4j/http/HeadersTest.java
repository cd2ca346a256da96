package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void lookupsIgnoreCaseAndKeepSpellingAndOrder() {
        Headers h = new Headers()
                .add("Content-Type", "text/plain")
                .add("Set-Cookie", "a=1")
                .add("set-cookie", "b=2")
                .add("X-Empty", "");
        assertThat(h.get("content-type")).isEqualTo("text/plain");
        assertThat(h.get("CONTENT-TYPE")).isEqualTo("text/plain");
        assertThat(h.getAll("SET-COOKIE")).containsExactly("a=1", "b=2");
        assertThat(h.get("missing")).isNull();
        assertThat(h.get("missing", "fallback")).isEqualTo("fallback");
        assertThat(h.getAll("missing")).isEmpty();
        assertThat(h.contains("x-empty")).isTrue();
        List<String> seen = new ArrayList<>();
        h.forEach((n, v) -> seen.add(n + "=" + v));
        assertThat(seen).containsExactly("Content-Type=text/plain", "Set-Cookie=a=1", "set-cookie=b=2", "X-Empty=");
        assertThat(h).hasSize(4);
        assertThat(h.toString())
                .isEqualTo(
                        "<Headers('Content-Type': 'text/plain', 'Set-Cookie': 'a=1', 'set-cookie': 'b=2', 'X-Empty': '')>");
    }

    @Test
    void setReplacesEveryFieldAtThePlaceOfTheFirst() {
        Headers h = Headers.of("A", "1", "B", "2", "a", "3", "C", "4");
        h.set("a", "new");
        assertThat(h.toString()).isEqualTo("<Headers('a': 'new', 'B': '2', 'C': '4')>");
        h.set("D", "5");
        assertThat(h.name(3)).isEqualTo("D");
    }

    @Test
    void removeDropsEveryFieldOfTheName() {
        Headers h = Headers.of("A", "1", "B", "2", "a", "3");
        assertThat(h.remove("A")).isEqualTo(2);
        assertThat(h.remove("A")).isZero();
        assertThat(h.toString()).isEqualTo("<Headers('B': '2')>");
        h.clear();
        assertThat(h.isEmpty()).isTrue();
    }

    @Test
    void copyIsIndependentAndEqualityIgnoresNameCase() {
        Headers h = Headers.of("A", "1");
        Headers c = h.copy();
        c.add("B", "2");
        assertThat(h.size()).isOne();
        assertThat(Headers.of("a", "1")).isEqualTo(h).hasSameHashCodeAs(h);
        assertThat(Headers.of("A", "2")).isNotEqualTo(h);
    }

    @Test
    void injectionIsRefusedWhenAdded() {
        Headers h = new Headers();
        assertThatThrownBy(() -> h.add("X", "a\r\nSet-Cookie: evil"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value of header X holds CR (0x0D) at index 1: control characters would split or corrupt"
                        + " the message; remove them");
        assertThatThrownBy(() -> h.add("X", "a\nb")).hasMessageContaining("LF (0x0A) at index 1");
        assertThatThrownBy(() -> h.add("X", "a\u0000")).hasMessageContaining("NUL (0x00) at index 1");
        assertThatThrownBy(() -> h.add("X", "caf\u0113")).hasMessageContaining("U+0113 at index 3");
        assertThatThrownBy(() -> h.add("X Y", "v"))
                .hasMessageContaining("header name \"X Y\" holds SP (0x20) at index 1");
        assertThatThrownBy(() -> h.add("X:", "v")).hasMessageContaining("':' at index 1");
        assertThatThrownBy(() -> h.add("", "v")).hasMessage("a header name cannot be empty");
        assertThatThrownBy(() -> h.set("X\r\n", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Headers.of("A")).hasMessageContaining("odd count");
        assertThat(h.add("X", "tab\tand latin-1 \u00e9").get("x")).isEqualTo("tab\tand latin-1 \u00e9");
        assertThat(h.size()).isOne();
    }

    @Test
    void iteratorGivesEntriesInOrder() {
        List<String> seen = new ArrayList<>();
        for (var e : Headers.of("A", "1", "B", "2")) {
            seen.add(e.getKey() + e.getValue());
        }
        assertThat(seen).containsExactly("A1", "B2");
    }

    @Test
    void limitsValidateAndChange() {
        HttpLimits d = HttpLimits.defaults();
        assertThat(d.maxLineSize()).isEqualTo(8190);
        assertThat(d.maxFieldSize()).isEqualTo(8190);
        assertThat(d.maxHeaders()).isEqualTo(100);
        assertThat(d.maxBufferedBodySize()).isEqualTo(1 << 20);
        assertThat(d.withMaxHeaders(5).maxHeaders()).isEqualTo(5);
        assertThatThrownBy(() -> d.withMaxLineSize(0)).hasMessage("maxLineSize must be positive, got 0");
        assertThatThrownBy(() -> new HttpParseException(200, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new HttpParseException(431, "too big").reason()).isEqualTo("too big");
    }
}
