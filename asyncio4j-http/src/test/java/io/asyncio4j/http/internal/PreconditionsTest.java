package io.asyncio4j.http.internal;

import static io.asyncio4j.http.internal.Preconditions.Outcome.NOT_MODIFIED;
import static io.asyncio4j.http.internal.Preconditions.Outcome.PRECONDITION_FAILED;
import static io.asyncio4j.http.internal.Preconditions.Outcome.PROCEED;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.Headers;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 9110 section 13.2.2's order of evaluation, each step and each precedence. */
class PreconditionsTest {
    private static final EntityTag ETAG = EntityTag.ofFile(1_700_000_000_123_456_789L, 1234);
    private static final String TAG = ETAG.header();
    private static final Instant MODIFIED = Instant.parse("2023-11-14T22:13:20.123Z");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String AT = "Tue, 14 Nov 2023 22:13:20 GMT";
    private static final String BEFORE = "Tue, 14 Nov 2023 22:13:19 GMT";

    private static Preconditions.Outcome eval(String method, String... headers) {
        return Preconditions.evaluate(method, Headers.of(headers), ETAG, MODIFIED, NOW);
    }

    @Test
    void aiohttpsETagForm() {
        assertThat(TAG).isEqualTo("\"" + Long.toHexString(1_700_000_000_123_456_789L) + "-4d2\"");
    }

    @Test
    void ifMatchNeedsAStrongMatch() {
        assertThat(eval("GET", "If-Match", TAG)).isEqualTo(PROCEED);
        assertThat(eval("PUT", "If-Match", "\"other\", " + TAG)).isEqualTo(PROCEED);
        assertThat(eval("GET", "If-Match", "*")).isEqualTo(PROCEED);
        assertThat(eval("GET", "If-Match", "\"other\"")).isEqualTo(PRECONDITION_FAILED);
        assertThat(eval("GET", "If-Match", "W/" + TAG))
                .as("weak never matches If-Match")
                .isEqualTo(PRECONDITION_FAILED);
        assertThat(eval("GET", "If-Match", "garbage")).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifUnmodifiedSinceComparesSecondsAndYieldsToIfMatch() {
        assertThat(eval("GET", "If-Unmodified-Since", AT)).isEqualTo(PROCEED);
        assertThat(eval("GET", "If-Unmodified-Since", BEFORE)).isEqualTo(PRECONDITION_FAILED);
        assertThat(eval("GET", "If-Unmodified-Since", "not a date"))
                .as("ignored")
                .isEqualTo(PROCEED);
        assertThat(eval("GET", "If-Match", TAG, "If-Unmodified-Since", BEFORE))
                .as("If-Match present: If-Unmodified-Since is not evaluated")
                .isEqualTo(PROCEED);
    }

    @Test
    void ifNoneMatchUsesWeakComparison() {
        assertThat(eval("GET", "If-None-Match", TAG)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("HEAD", "If-None-Match", "W/" + TAG)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("GET", "If-None-Match", "\"a\", \"b\"," + TAG)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("GET", "If-None-Match", "*")).isEqualTo(NOT_MODIFIED);
        assertThat(eval("GET", "If-None-Match", "\"other\"")).isEqualTo(PROCEED);
        assertThat(eval("POST", "If-None-Match", TAG))
                .as("412 for unsafe methods")
                .isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifModifiedSinceOnlyForGetAndHeadAndOnlyWithoutIfNoneMatch() {
        assertThat(eval("GET", "If-Modified-Since", AT)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("GET", "If-Modified-Since", "Wed, 15 Nov 2023 00:00:00 GMT"))
                .isEqualTo(NOT_MODIFIED);
        assertThat(eval("GET", "If-Modified-Since", BEFORE)).isEqualTo(PROCEED);
        assertThat(eval("POST", "If-Modified-Since", AT)).isEqualTo(PROCEED);
        assertThat(eval("GET", "If-Modified-Since", "Sunday, 14-Nov-23 22:13:20 GMT"))
                .isEqualTo(NOT_MODIFIED);
        assertThat(eval("GET", "If-None-Match", "\"other\"", "If-Modified-Since", AT))
                .as("If-None-Match present: If-Modified-Since is not evaluated")
                .isEqualTo(PROCEED);
    }

    @Test
    void preconditionFailureComesBeforeNotModified() {
        assertThat(eval("GET", "If-Match", "\"other\"", "If-None-Match", TAG)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifRangeAppliesTheRangeOnlyToTheSameRepresentation() {
        assertThat(Preconditions.rangeApplies(Headers.of(), ETAG, MODIFIED, NOW))
                .isTrue();
        assertThat(Preconditions.rangeApplies(Headers.of("If-Range", TAG), ETAG, MODIFIED, NOW))
                .isTrue();
        assertThat(Preconditions.rangeApplies(Headers.of("If-Range", "\"other\""), ETAG, MODIFIED, NOW))
                .isFalse();
        assertThat(Preconditions.rangeApplies(Headers.of("If-Range", "W/" + TAG), ETAG, MODIFIED, NOW))
                .as("a weak tag never validates a range")
                .isFalse();
        assertThat(Preconditions.rangeApplies(Headers.of("If-Range", AT), ETAG, MODIFIED, NOW))
                .isTrue();
        assertThat(Preconditions.rangeApplies(Headers.of("If-Range", BEFORE), ETAG, MODIFIED, NOW))
                .isFalse();
        assertThat(Preconditions.rangeApplies(Headers.of("If-Range", "junk"), ETAG, MODIFIED, NOW))
                .isFalse();
    }

    @Test
    void entityTagListsParseLeniently() {
        EntityTag.Tags tags = EntityTag.parseList(" \"a\" ,W/\"b\",,\"c,d\"");
        assertThat(tags.any()).isFalse();
        assertThat(tags.tags())
                .containsExactly(new EntityTag("a", false), new EntityTag("b", true), new EntityTag("c,d", false));
        assertThat(EntityTag.parseList("\"a\", junk, \"b\"").tags()).containsExactly(new EntityTag("a", false));
        assertThat(EntityTag.parse("W/\"x\"")).isEqualTo(new EntityTag("x", true));
        assertThat(EntityTag.parse("x")).isNull();
    }
}
