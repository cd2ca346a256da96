package io.asyncio4j.http.client;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.testing.AsyncioTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** The client against CPython's aiohttp server: cookies, redirects, streaming, slow answers, idle closes. */
class AiohttpPeerTest {
    record Echo(String method, String path, String body, String cookie, String authorization) {}

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void talksToAiohttp() throws Exception {
        try (Peer peer = Peer.aiohttp();
                ClientSession session = new ClientSession()) {
            // cookies: set by aiohttp's set_cookie, scoped by path, expired ones dropped
            session.get(peer.localhostUrl("/cookies/set")).close();
            try (ClientResponse r = session.get(peer.localhostUrl("/cookies/show"))) {
                assertThat(r.json(Echo.class).cookie()).isEqualTo("session=s1");
            }
            try (ClientResponse r = session.get(peer.localhostUrl("/cookies/scoped/show"))) {
                assertThat(r.json(Echo.class).cookie()).isEqualTo("scoped=s2; session=s1");
            }

            // redirects: a chain of 302s, and a 303 after a POST becomes a GET without body
            try (ClientResponse r = session.get(peer.url("/redirect/3"))) {
                assertThat(r.text()).isEqualTo("done");
                assertThat(r.history())
                        .extracting(h -> h.url().getPath())
                        .containsExactly("/redirect/3", "/redirect/2", "/redirect/1");
            }
            try (ClientResponse r = session.post(peer.url("/see-other"), data("payload"))) {
                Echo e = r.json(Echo.class);
                assertThat(e.method() + " " + e.path() + " '" + e.body() + "'").isEqualTo("GET /echo ''");
            }
            assertThatThrownBy(() -> session.get(peer.url("/redirect/20")))
                    .isInstanceOf(TooManyRedirects.class)
                    .hasMessageStartingWith("more than 10 redirects for GET " + peer.url("/redirect/20"));

            // JSON and basic auth out, JSON back
            try (ClientResponse r = session.put(
                    peer.url("/echo"), json(Map.of("k", List.of(1, 2))).auth(new BasicAuth("ann", "pw")))) {
                Echo e = r.json(Echo.class);
                assertThat(e.body()).isEqualTo("{\"k\":[1,2]}");
                assertThat(e.authorization()).isEqualTo("Basic YW5uOnB3");
            }

            // a streamed (chunked) answer, line by line as it arrives
            try (ClientResponse r = session.get(peer.url("/stream"))) {
                List<String> lines = new ArrayList<>();
                byte[] line;
                while ((line = r.content().readLine()).length > 0) {
                    lines.add(new String(line, StandardCharsets.UTF_8).strip());
                }
                assertThat(lines).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
            }

            // gzip from aiohttp's enable_compression
            try (ClientResponse r = session.get(peer.url("/gzip"))) {
                assertThat(r.headers().get("Content-Encoding")).isEqualTo("gzip");
                assertThat(r.text()).isEqualTo("zip ".repeat(5000));
            }

            // a slow answer: sockRead fires and names itself and the URL
            assertThatThrownBy(() -> session.get(
                            peer.url("/slow"), timeout(ClientTimeout.defaults().sockRead(Duration.ofMillis(300)))))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessage("ClientTimeout.sockRead (300 ms) expired while waiting for the response for GET "
                            + peer.url("/slow"));
            assertThat(session.statistics().inUse()).isZero();
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void anIdleCloseIsHiddenForGetAndAPostIsNeverSentTwice() throws Exception {
        try (Peer peer = Peer.aiohttp();
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().limit(1))) {
            // aiohttp closes that connection once it has answered; the client, having read the whole
            // answer, keeps it for reuse.
            try (ClientResponse r = session.get(peer.url("/close-after"))) {
                assertThat(r.text()).isEqualTo("closing");
            }
            try (ClientResponse r = session.get(peer.url("/count"))) {
                assertThat(r.text()).isEqualTo("0");
            }
            ClientSession.Statistics s = session.statistics();
            assertThat(s.created())
                    .as("the GET went out again on a new connection")
                    .isEqualTo(2);
            assertThat(s.reused()).as("after trying the stale one").isEqualTo(1);

            try (ClientResponse r = session.get(peer.url("/close-after"))) {
                assertThat(r.text()).isEqualTo("closing");
            }
            assertThatThrownBy(() -> session.post(peer.url("/count-post"), data("x")))
                    .isInstanceOf(ServerDisconnectedError.class)
                    // EOF or a broken pipe, depending on how far the close got: both name the request
                    .hasMessageContaining("POST " + peer.url("/count-post"));
            try (ClientResponse r = session.get(peer.url("/count"))) {
                assertThat(r.text()).as("aiohttp never saw the POST").isEqualTo("0");
            }
        }
    }
}
