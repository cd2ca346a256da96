package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.HttpLimits;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the smuggling corpus reaches its expected outcome, whole and fed in pieces. */
class CorpusTest {

    static Stream<Corpus.Case> cases() {
        return Corpus.load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reachesItsExpectedOutcome(Corpus.Case c) {
        List<String> whole = null;
        for (int piece : new int[] {Integer.MAX_VALUE, 1, 2, 5}) {
            HttpParser p = c.request()
                    ? HttpParser.forRequests(HttpLimits.defaults())
                    : HttpParser.forResponses(HttpLimits.defaults());
            List<String> t = Transcript.of(p, c.data(), piece);
            if (whole == null) {
                whole = t;
            } else {
                assertThat(t).as("%s in pieces of %d", c.name(), piece).isEqualTo(whole);
            }
        }
        String last = whole.get(whole.size() - 1);
        if (c.expectedStatus() == 0) {
            assertThat(last).as(c.name() + ": " + c.why()).matches("CLOSED|UPGRADE.*");
        } else {
            assertThat(last).as(c.name() + ": " + c.why()).startsWith("ERROR " + c.expectedStatus() + " ");
        }
        if (c.messages() >= 0) {
            assertThat(whole.stream().filter("END"::equals).count())
                    .as(c.name() + " messages")
                    .isEqualTo(c.messages());
        }
        if (c.body() != null) {
            String bodies = String.join(
                    "",
                    whole.stream()
                            .filter(l -> l.startsWith("body "))
                            .map(l -> l.substring(5))
                            .toList());
            assertThat(bodies).as(c.name() + " body").isEqualTo(Transcript.escape(c.body()));
        }
    }
}
