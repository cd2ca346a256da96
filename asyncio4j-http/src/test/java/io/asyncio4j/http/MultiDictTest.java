package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ordered, case-sensitive multimap of queries and forms: lookups, order, repeats, building. */
class MultiDictTest {

    @Test
    void lookupsKeepOrderAndRepeatsAndCompareNamesExactly() {
        MultiDict<String> d = MultiDict.of("tag", "a", "q", "x", "tag", "b", "Tag", "c");
        assertThat(d.get("tag")).isEqualTo("a");
        assertThat(d.get("TAG")).as("names are case-sensitive").isNull();
        assertThat(d.get("missing", "fallback")).isEqualTo("fallback");
        assertThat(d.getAll("tag")).containsExactly("a", "b");
        assertThat(d.getAll("missing")).isEmpty();
        assertThat(d.contains("Tag")).isTrue();
        assertThat(d.contains("TAG")).isFalse();
        assertThat(d.names()).containsExactly("tag", "q", "Tag");
        assertThat(d.values()).containsExactly("a", "x", "b", "c");
        assertThat(d.size()).isEqualTo(4);
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : d) {
            entries.add(e.getKey() + "=" + e.getValue());
        }
        assertThat(entries).containsExactly("tag=a", "q=x", "tag=b", "Tag=c");
        assertThat(d).hasToString("<MultiDict('tag': 'a', 'q': 'x', 'tag': 'b', 'Tag': 'c')>");
    }

    @Test
    void equalityIsSameEntriesInSameOrder() {
        MultiDict<String> d = MultiDict.of("a", "1", "a", "2");
        assertThat(d)
                .isEqualTo(
                        MultiDict.<String>builder().add("a", "1").add("a", "2").build());
        assertThat(d).hasSameHashCodeAs(MultiDict.of("a", "1", "a", "2"));
        assertThat(d).isNotEqualTo(MultiDict.of("a", "2", "a", "1"));
        assertThat(MultiDict.of()).isSameAs(MultiDict.empty()).isEmpty();
    }

    @Test
    void whatWasBuiltDoesNotSeeLaterAdditions() {
        MultiDict.Builder<Integer> b = MultiDict.builder();
        for (int i = 0; i < 3; i++) {
            b.add("n", i);
        }
        MultiDict<Integer> first = b.build();
        for (int i = 3; i < 20; i++) {
            b.add("n", i); // past the first array's length: it grows
        }
        MultiDict<Integer> second = b.build();
        assertThat(first.getAll("n")).containsExactly(0, 1, 2);
        assertThat(second.getAll("n")).hasSize(20).startsWith(0, 1, 2).endsWith(19);
        assertThat(MultiDict.builder().build()).isSameAs(MultiDict.empty());
    }

    @Test
    void valuesOfOtherTypesPrintAsThemselves() {
        FormField.File f = new FormField.File("doc", "a.txt", "text/plain", new Headers(), Path.of("/tmp/x"), 3);
        MultiDict<FormField> d = MultiDict.<FormField>builder()
                .add("title", new FormField.Text("title", "Hi"))
                .add("doc", f)
                .build();
        assertThat(d.get("doc")).isSameAs(f);
        assertThat(d.toString()).startsWith("<MultiDict('title': Text[name=title, value=Hi], 'doc': File[");
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> MultiDict.of("a")).hasMessageContaining("odd count (1)");
        assertThatThrownBy(() -> MultiDict.of("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MultiDict.builder().add("a", null)).hasMessage("value");
        assertThatThrownBy(() -> MultiDict.of("a", "1").values().add("b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
