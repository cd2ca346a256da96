package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a Content-Type says, as the server's request and the client's response read it. */
class MediaTypesTest {

    @Test
    void theMediaTypeIsLowerCaseWithoutParametersAndOctetStreamWhenAbsent() {
        assertThat(MediaTypes.mediaType("Text/HTML; charset=UTF-8")).isEqualTo("text/html");
        assertThat(MediaTypes.mediaType(" application/json ")).isEqualTo("application/json");
        assertThat(MediaTypes.mediaType("application/problem+json;charset=utf-8"))
                .isEqualTo("application/problem+json");
        assertThat(MediaTypes.mediaType(null)).isEqualTo("application/octet-stream");
        assertThat(MediaTypes.mediaType("")).isEmpty();
    }

    @Test
    void theCharsetParameterIsFoundInAnyCaseAndUnquoted() {
        assertThat(MediaTypes.charset("text/plain; charset=ISO-8859-1")).isEqualTo("ISO-8859-1");
        assertThat(MediaTypes.charset("text/plain;CHARSET=\"utf-8\"")).isEqualTo("utf-8");
        assertThat(MediaTypes.charset("text/plain; format=flowed; Charset = latin1 "))
                .isNull();
        assertThat(MediaTypes.charset("text/plain; format=flowed; Charset=latin1 "))
                .isEqualTo("latin1");
        assertThat(MediaTypes.charset("text/plain; charset=\"\"")).isNull();
        assertThat(MediaTypes.charset("text/plain; charset=")).isNull();
        assertThat(MediaTypes.charset("text/plain")).isNull();
        assertThat(MediaTypes.charset("application/json"))
                .as("no default here: the caller's")
                .isNull();
        assertThat(MediaTypes.charset(null)).isNull();
    }

    @Test
    void aCharsetNameIsKnownOrNull() {
        assertThat(MediaTypes.known("latin1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(MediaTypes.known("UTF-8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MediaTypes.known("no-such-charset")).isNull();
        assertThat(MediaTypes.known("not a name")).as("illegal").isNull();
    }
}
