package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Outcome;
import io.asyncio4j.Task;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.testing.AsyncioTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The MessageReader over a StreamReader: a read cancelled while it waits loses nothing. */
class MessageReaderTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @AsyncioTest
    void aReadCancelledInTheMiddleOfAHeadLosesNothing() throws Exception {
        StreamReader r = new StreamReader();
        MessageReader in = new MessageReader(r, HttpParser.forResponses(HttpLimits.defaults()));
        in.parser().expectResponseTo("GET");
        r.feedData(ascii("HTTP/1.1 200 OK\r\nContent-Le"));
        Task<HttpParser.Event> cut = Asyncio.createTask(in::next);
        Asyncio.yieldNow(); // it read the part there is, and waits for the rest
        cut.cancel();
        assertThat(Asyncio.gatherSettled(List.of(cut)).get(0)).isInstanceOf(Outcome.Cancelled.class);

        r.feedData(ascii("ngth: 2\r\n\r\nok"));
        assertThat(in.next()).isEqualTo(HttpParser.Event.HEAD);
        assertThat(in.parser().response().status()).isEqualTo(200);
        assertThat(in.next()).isEqualTo(HttpParser.Event.BODY);
        ByteBuffer body = in.parser().body();
        assertThat(StandardCharsets.US_ASCII.decode(body).toString()).isEqualTo("ok");
        assertThat(in.next()).isEqualTo(HttpParser.Event.END);
    }
}
