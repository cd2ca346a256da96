package io.asyncio4j.http.web;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.testing.AsyncioTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The access log (aiohttp's format, through System.Logger) and the JFR event per request. */
class ObservabilityTest {
    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void accessLogLinesInAiohttpsFormat() throws Exception {
        List<String> lines;
        try (AccessLogCapture log = new AccessLogCapture()) {
            try (Served s = Served.start(TestApps.echo(), RunnerOptions.defaults());
                    ClientSession session = new ClientSession()) {
                try (ClientResponse r = session.get(
                        s.url("/hello?x=1"), header("User-Agent", "test-agent").header("Referer", "http://r/"))) {
                    r.text();
                }
                try (ClientResponse r = session.get(s.url("/missing"), header("User-Agent", "test-agent"))) {
                    r.text();
                }
            }
            lines = log.lines();
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .matches(
                        "INFO 127\\.0\\.0\\.1 \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}] \"GET /hello\\?x=1"
                                + " HTTP/1\\.1\" 200 13 \"http://r/\" \"test-agent\"");
        assertThat(lines.get(1)).endsWith("\"GET /missing HTTP/1.1\" 404 14 \"-\" \"test-agent\"");
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void aJfrEventPerRequestWhenRecording() throws Exception {
        Path file = Files.createTempFile("requests", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.asyncio4j.HttpRequest");
            recording.start();
            try (Served s = Served.start(TestApps.echo());
                    ClientSession session = new ClientSession()) {
                try (ClientResponse r = session.post(s.url("/echo"), data("abc"))) {
                    r.text();
                }
            }
            recording.stop();
            recording.dump(file);
        }
        List<String> events = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("io.asyncio4j.HttpRequest")) {
                events.add(e.getString("method") + " " + e.getString("path") + " " + e.getInt("status") + " "
                        + e.getLong("bodyBytes") + " " + e.getString("remote"));
            }
        }
        Files.delete(file);
        assertThat(events).containsExactly("POST /echo 200 16 127.0.0.1");
    }
}
