package io.asyncio4j.http.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Random;

/**
 * Coverage-guided fuzzing of the parser with Jazzer: the invariants of {@link MutationFuzzTest} (only
 * {@code HttpParseException}, one transcript however the bytes are split, a bounded read buffer,
 * the serializer round trip) on inputs that Jazzer evolves towards new branches. The first byte
 * picks the parser (even: requests, odd: responses).
 *
 * <p>In a normal test run it replays its checked-in seeds ({@code
 * JazzerFuzzTestInputs/parseRequestsAndResponses}, the smuggling corpus); {@code ./aio test --long}
 * sets {@code JAZZER_FUZZ} and it fuzzes for three minutes. An input that breaks an invariant is
 * saved beside the seeds, where it stays as a regression test.
 */
class JazzerFuzzTest {
    @FuzzTest(maxDuration = "3m")
    void parseRequestsAndResponses(byte[] data) {
        if (data.length == 0) {
            return;
        }
        boolean requests = (data[0] & 1) == 0;
        MutationFuzzTest.check(Arrays.copyOfRange(data, 1, data.length), requests, new Random(Arrays.hashCode(data)));
    }
}
