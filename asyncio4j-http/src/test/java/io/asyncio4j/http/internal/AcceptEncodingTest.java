package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
    private static final List<String> OFFERED = List.of("br", "gzip");

    @Test
    void weightsOrderTheCodingsAndZeroRefuses() {
        assertThat(AcceptEncoding.accepted("gzip, deflate, br", OFFERED)).containsExactly("br", "gzip");
        assertThat(AcceptEncoding.accepted("gzip;q=1.0, br;q=0.5", OFFERED)).containsExactly("gzip", "br");
        assertThat(AcceptEncoding.accepted("gzip", OFFERED)).containsExactly("gzip");
        assertThat(AcceptEncoding.accepted("br;q=0, gzip", OFFERED)).containsExactly("gzip");
        assertThat(AcceptEncoding.accepted("*", OFFERED)).containsExactly("br", "gzip");
        assertThat(AcceptEncoding.accepted("*;q=0.1, gzip;q=0", OFFERED)).containsExactly("br");
        assertThat(AcceptEncoding.accepted("x-gzip", OFFERED)).containsExactly("gzip");
        assertThat(AcceptEncoding.accepted("GZIP ; Q=0.8", OFFERED)).containsExactly("gzip");
        assertThat(AcceptEncoding.accepted("identity", OFFERED)).isEmpty();
        assertThat(AcceptEncoding.accepted("", OFFERED)).isEmpty();
        assertThat(AcceptEncoding.accepted(null, OFFERED)).isEmpty();
        assertThat(AcceptEncoding.accepted("gzip;q=2", OFFERED))
                .as("a weight out of range refuses")
                .isEmpty();
        assertThat(AcceptEncoding.accepted("gzip;q=abc", OFFERED)).isEmpty();
    }
}
