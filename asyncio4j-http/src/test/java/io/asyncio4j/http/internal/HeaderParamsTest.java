package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.HttpParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters of Content-Type and Content-Disposition, as clients write them and as they get them wrong. */
class HeaderParamsTest {
    private static Map<String, String> params(String header) {
        return HeaderParams.parse(header, "X").params();
    }

    @Test
    void tokensQuotedStringsAndCase() {
        HeaderParams p = HeaderParams.parse(" Multipart/Form-Data ; Boundary=\"a b\";charset=UTF-8 ", "Content-Type");
        assertThat(p.value()).isEqualTo("multipart/form-data");
        assertThat(p.params()).containsExactly(Map.entry("boundary", "a b"), Map.entry("charset", "UTF-8"));
        assertThat(HeaderParams.parse(null, "X").value()).isEmpty();
        assertThat(HeaderParams.parse("text/plain", "X").params()).isEmpty();
    }

    @Test
    void lenientWhereBrowsersAndScriptsAreSloppy() {
        assertThat(params("form-data; name=\"unterminated")).containsExactly(Map.entry("name", "unterminated"));
        assertThat(params("form-data; flag; name=a"))
                .as("a parameter without a value is skipped")
                .containsExactly(Map.entry("name", "a"));
        assertThat(params("form-data;; ;name=a;")).containsExactly(Map.entry("name", "a"));
        assertThat(params("form-data; =x; name=a")).containsExactly(Map.entry("name", "a"));
        assertThat(params("form-data; name=\"a\" junk; x=1"))
                .containsExactly(Map.entry("name", "a"), Map.entry("x", "1"));
        assertThat(params("form-data; filename=a b.txt")).containsExactly(Map.entry("filename", "a b.txt"));
        assertThat(params("form-data; filename=\"a\\\\b\\\"c\\d\""))
                .as("only \\\\ and \\\" are escapes")
                .containsExactly(Map.entry("filename", "a\\b\"c\\d"));
        assertThat(params("form-data; name=\"caf\u00c3\u00a9\"")).containsExactly(Map.entry("name", "caf\u00e9"));
        assertThat(params("form-data; name=\"caf\u00e9\""))
                .as("not UTF-8: kept as received")
                .containsExactly(Map.entry("name", "caf\u00e9"));
    }

    @Test
    void extendedValuesAndContinuations() {
        assertThat(params("a; filename*=utf-8'en'%E2%82%AC.txt")).containsExactly(Map.entry("filename", "\u20ac.txt"));
        assertThat(params("a; filename*=''x")).as("no charset: ignored").isEmpty();
        assertThat(params("a; filename*=x-nope''x"))
                .as("unknown charset: ignored")
                .isEmpty();
        assertThat(params("a; filename*=UTF-8''%zz; filename=b")).containsExactly(Map.entry("filename", "b"));
        assertThat(params("a; f*0=\"ab\"; f*1=\"cd\"; f*2=\"ef\"")).containsExactly(Map.entry("f", "abcdef"));
        assertThat(params("a; f*1=\"cd\"; f*0=\"ab\""))
                .as("sections in any order")
                .containsExactly(Map.entry("f", "abcd"));
        assertThat(params("a; f*0=\"ab\"; f*2=\"ef\""))
                .as("sections after a gap are dropped")
                .containsExactly(Map.entry("f", "ab"));
        assertThat(params("a; f*0*=utf-8''%E2%82; f*1*=%AC"))
                .as("bytes joined before decoding")
                .containsExactly(Map.entry("f", "\u20ac"));
        assertThat(params("a; f*=utf-8''single; f*0=\"sections\""))
                .as("a single extended value wins over sections")
                .containsExactly(Map.entry("f", "single"));
        assertThat(params("a; f*01=\"x\"; f*0=\"y\""))
                .as("a section number with a leading zero is not one")
                .containsExactly(Map.entry("f", "y"));
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        assertThatThrownBy(() -> HeaderParams.parse("multipart/form-data; boundary=a; BOUNDARY=b", "Content-Type"))
                .isInstanceOf(HttpParseException.class)
                .hasMessage("400 parameter boundary appears twice in Content-Type: multipart/form-data; boundary=a;"
                        + " BOUNDARY=b");
    }
}
