package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The aiohttp programs of the seeds against their local server, on a virtual clock: each answer
 * takes 1 s of loop time, so the printed timings are the tutorials' claims to the digit.
 */
class HttpExamplesTest {
    @Test
    void fetchingOneByOneTakesTwoSecondsAndGatheredOne() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoopWithSockets(() -> new HttpFetch(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "sequential: User 1, User 2 in 2.00 s", "concurrent: User 1, User 2, User 3 in 1.00 s");
        assertThat(took).isEqualTo(seconds(3));
    }

    @Test
    void twoUsersThroughOneSessionPrintTheirLogins() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoopWithSockets(() -> new HttpGithubUsers(t.out).main());
        assertThat(t.lines()).containsExactly("python", "torvalds");
        assertThat(took).isEqualTo(seconds(1));
    }

    @Test
    void threePagesAtOncePrintTheirFirstHundredCharacters() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoopWithSockets(() -> new HttpPreviews(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "{\"args\": {}, \"headers\": {\"Host\": \"127.0.0.1\"}, \"url\": \"http://127.0.0.1/get\"}",
                        "{\"current_user_url\": \"/user\", \"emojis_url\": \"/emojis\", \"events_url\": \"/events\"}",
                        "<!doctype html><html><head><title>Example Domain</title></head><body><h1>/example.com</h1><p>This do");
        assertThat(took).isEqualTo(seconds(1));
    }

    @Test
    void severalUrlsThroughOneSessionAreCounted() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoopWithSockets(() -> new HttpFetchMany(t.out).main());
        assertThat(t.lines()).containsExactly("Fetched 3 URLs");
        assertThat(took).isEqualTo(seconds(1));
    }
}
