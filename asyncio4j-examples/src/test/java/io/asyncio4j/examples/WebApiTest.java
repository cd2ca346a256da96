package io.asyncio4j.examples;

import static io.asyncio4j.examples.VirtualTime.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The JSON API example calling itself, on a virtual clock: its transcript, and the 0.3 s its events take. */
class WebApiTest {
    @Test
    void theApiAnswersItsClient() throws Exception {
        Transcript t = new Transcript();
        Duration took = VirtualTime.testLoopWithSockets(() -> new WebApi(t.out).main());
        assertThat(t.lines())
                .containsExactly(
                        "GET /todos/1 -> 200 {\"id\":1,\"title\":\"write the server\",\"done\":true} (asyncio4j)",
                        "GET /todos/9 -> 404 no such todo",
                        "POST /todos -> 201 {\"id\":3,\"title\":\"ship it\",\"done\":false} at /todos/3",
                        "GET /todos -> [{\"id\":1,\"title\":\"write the server\",\"done\":true},"
                                + "{\"id\":2,\"title\":\"write its example\",\"done\":false},"
                                + "{\"id\":3,\"title\":\"ship it\",\"done\":false}]",
                        "GET /events -> text/event-stream [data: tick 0, data: tick 1, data: tick 2]");
        assertThat(took).isEqualTo(seconds(0.3));
    }
}
