package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code Range} against a representation of a known length (RFC 9110 section 14), case by case. */
class ByteRangesTest {
    private static String parse(String header, long length) {
        return switch (ByteRanges.parse(header, length)) {
            case ByteRanges.Full f -> "200";
            case ByteRanges.Unsatisfiable u -> "416";
            case ByteRanges.Partial p -> {
                StringBuilder s = new StringBuilder("206");
                for (ByteRanges.Range r : p.ranges()) {
                    s.append(' ').append(r.first()).append('-').append(r.last());
                }
                yield s.toString();
            }
        };
    }

    @Test
    void singleRangesOfEveryForm() {
        // RFC 9110 section 14.1.2's examples, on a 10000-byte representation.
        assertThat(parse("bytes=0-499", 10000)).isEqualTo("206 0-499");
        assertThat(parse("bytes=500-999", 10000)).isEqualTo("206 500-999");
        assertThat(parse("bytes=-500", 10000)).isEqualTo("206 9500-9999");
        assertThat(parse("bytes=9500-", 10000)).isEqualTo("206 9500-9999");
        assertThat(parse("bytes=0-0,-1", 10000)).isEqualTo("206 0-0 9999-9999");
        assertThat(parse("bytes= 0-999, 4500-5499, -1000", 10000)).isEqualTo("206 0-999 4500-5499 9000-9999");
    }

    @Test
    void rangesAreClippedToTheLength() {
        assertThat(parse("bytes=0-99999", 100)).isEqualTo("206 0-99");
        assertThat(parse("bytes=-99999", 100))
                .as("a suffix longer than the file is the whole")
                .isEqualTo("206 0-99");
        assertThat(parse("bytes=99-", 100)).isEqualTo("206 99-99");
        assertThat(parse("bytes=0-99999999999999999999999", 100))
                .as("overflow saturates")
                .isEqualTo("206 0-99");
    }

    @Test
    void unsatisfiableRangesGive416() {
        assertThat(parse("bytes=100-", 100)).isEqualTo("416");
        assertThat(parse("bytes=100-200", 100)).isEqualTo("416");
        assertThat(parse("bytes=-0", 100)).isEqualTo("416");
        assertThat(parse("bytes=99999999999999999999-", 100)).isEqualTo("416");
        assertThat(parse("bytes=0-", 0)).as("nothing to send of an empty file").isEqualTo("416");
        assertThat(parse("bytes=-5", 0)).isEqualTo("416");
        assertThat(parse("bytes=200-300, 0-0", 100))
                .as("one satisfiable is enough")
                .isEqualTo("206 0-0");
    }

    @Test
    void overlappingOrAdjacentRangesAreMergedAscending() {
        assertThat(parse("bytes=0-10,5-20", 100)).isEqualTo("206 0-20");
        assertThat(parse("bytes=50-59,0-9,10-19", 100))
                .as("adjacent ranges merge")
                .isEqualTo("206 0-19 50-59");
        assertThat(parse("bytes=0-,0-,0-,0-", 100)).as("no amplification").isEqualTo("206 0-99");
        assertThat(parse("bytes=-10,0-", 100)).isEqualTo("206 0-99");
        assertThat(parse("bytes=50-59,0-9", 100))
                .as("disjoint ranges keep the order asked")
                .isEqualTo("206 50-59 0-9");
    }

    @Test
    void headersThatCannotBeHonouredAreIgnored() {
        assertThat(parse(null, 100)).isEqualTo("200");
        assertThat(parse("items=0-5", 100)).as("another unit").isEqualTo("200");
        assertThat(parse("bytes=5-1", 100)).as("reversed").isEqualTo("200");
        assertThat(parse("bytes=abc", 100)).isEqualTo("200");
        assertThat(parse("bytes=1-2-3", 100)).isEqualTo("200");
        assertThat(parse("bytes=--5", 100)).isEqualTo("200");
        assertThat(parse("bytes=+1-5", 100)).isEqualTo("200");
        assertThat(parse("bytes=", 100)).isEqualTo("200");
        assertThat(parse("bytes=0-1,x", 100))
                .as("one bad member spoils the header")
                .isEqualTo("200");
        assertThat(parse("bytes", 100)).isEqualTo("200");
        assertThat(parse("BYTES=0-1", 100)).as("the unit is case-insensitive").isEqualTo("206 0-1");
        assertThat(parse("bytes=0-0,,2-2", 100))
                .as("empty list members are allowed")
                .isEqualTo("206 0-0 2-2");
        String many = "bytes=" + "1-1,".repeat(ByteRanges.MAX_RANGES) + "3-3";
        assertThat(parse(many, 100)).as("more than MAX_RANGES ranges").isEqualTo("200");
    }

    @Test
    void contentRangeIsWrittenAsRfc9110Says() {
        assertThat(new ByteRanges.Range(500, 999).contentRange(8000)).isEqualTo("bytes 500-999/8000");
        assertThat(new ByteRanges.Range(500, 999).length()).isEqualTo(500);
    }
}
