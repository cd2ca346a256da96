package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.client.JsonCodec;
import io.asyncio4j.testing.AsyncioTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The server against CPython's aiohttp client (Debian's python3-aiohttp). */
class AiohttpClientTest {
    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    @SuppressWarnings("unchecked")
    void aiohttpClientGetsWhatItExpects() throws Exception {
        Peers.assumeAiohttp();
        try (Served s = Served.start(TestApps.echo())) {
            Peers.Output o = Peers.python("aiohttp_client.py", s.url(""));
            assertThat(o.exit()).as(o.stderr()).isZero();
            Map<String, Object> seen =
                    JsonCodec.defaultCodec().decode(o.stdout().getBytes(StandardCharsets.UTF_8), Map.class);
            assertThat(seen.get("hello")).isEqualTo(List.of(200, "text/plain; charset=utf-8", "Hello, World!"));
            assertThat(seen.get("head")).isEqualTo(List.of(200, "13", ""));
            assertThat(seen.get("echo")).isEqualTo("POST bytes=13 {\"k\": [1, 2]}");
            List<String> upload = (List<String>) seen.get("upload");
            assertThat(upload.get(0)).isEqualTo(upload.get(1));
            List<Object> expect100 = (List<Object>) seen.get("expect100");
            assertThat(expect100.get(0)).isEqualTo(200);
            assertThat(expect100.get(1)).isEqualTo(expect100.get(2));
            assertThat(seen.get("stream"))
                    .isEqualTo(List.of("chunked", List.of("line 0\n", "line 1\n", "line 2\n", "line 3\n", "line 4\n")));
            assertThat(seen.get("connections"))
                    .as("keep-alive: one connection for five requests")
                    .isEqualTo(1);
            assertThat(seen.get("cookies")).isEqualTo(Map.of("session", "s1"));
            assertThat(seen.get("missing"))
                    .isEqualTo(List.of(404, Map.of("status", 404, "reason", "Not Found", "message", "404: Not Found")));
        }
    }
}
