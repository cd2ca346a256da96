package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void theThreeFormsOfRfc9110ReadAlike() {
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).isEqualTo(EXAMPLE);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).isEqualTo(EXAMPLE);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994", NOW)).isEqualTo(EXAMPLE);
    }

    @Test
    void twoDigitYearsMoreThanFiftyYearsAheadArePast() {
        assertThat(HttpDates.parse("Thursday, 01-Jan-70 00:00:00 GMT", NOW))
                .isEqualTo(Instant.parse("2070-01-01T00:00:00Z"));
        assertThat(HttpDates.parse("Friday, 01-Jan-77 00:00:00 GMT", NOW))
                .isEqualTo(Instant.parse("1977-01-01T00:00:00Z"));
    }

    @Test
    void anythingElseIsNull() {
        assertThat(HttpDates.parse(null, NOW)).isNull();
        assertThat(HttpDates.parse("", NOW)).isNull();
        assertThat(HttpDates.parse("yesterday", NOW)).isNull();
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 PST", NOW)).isNull();
        assertThat(HttpDates.parse("Sun, 06 Nov 94 08:49:37 GMT", NOW)).isNull();
        assertThat(HttpDates.parse("Sun, 32 Nov 1994 08:49:37 GMT", NOW)).isNull();
        assertThat(HttpDates.parse("Sun, 06 Foo 1994 08:49:37 GMT", NOW)).isNull();
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 8:49:37 GMT", NOW)).isNull();
        assertThat(HttpDates.parse("1994-11-06T08:49:37Z", NOW)).isNull();
    }

    @Test
    void writtenAsImfFixdateToTheSecond() {
        assertThat(HttpDates.format(EXAMPLE.plusMillis(999))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }
}
