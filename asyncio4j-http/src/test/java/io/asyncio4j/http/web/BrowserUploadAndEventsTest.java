package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.BodyPartReader;
import io.asyncio4j.http.MultipartReader;
import io.asyncio4j.testing.AsyncioTest;
import io.asyncio4j.testing.Transcript;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real browser as the server's client (headless Chromium): a page the server serves uploads a
 * multipart form with a file (the browser encodes it), then renders the server-sent events of a
 * {@link StreamResponse}. The server records what it received and sent; the screenshot shows the
 * page's verdict (its status bar turns green only when the upload's answer and every event
 * arrived as the page expected).
 */
class BrowserUploadAndEventsTest {
    /** The status bar's colour once everything arrived; red (#c62828) on a surprise, grey while waiting. */
    static final String GREEN = "#2e7d32";

    @AsyncioTest(realClock = true, timeout = 150, wallTimeoutSeconds = 180)
    void chromiumUploadsAFormAndRendersTheEventStream() throws Exception {
        Chromium.assumeInstalled();
        Transcript server = new Transcript();
        try (Served served = Served.start(app(server))) {
            Chromium.Shot shot = Chromium.screenshot(served.url("/"), 800, 500, Duration.ofSeconds(10));
            // What the browser sent, as the server's handlers got it
            byte[] pattern = new byte[1000];
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) (i * 7);
            }
            server.assertEquals(
                    "upload: title=Grüße from Chromium ✓",
                    "upload: file=<pattern.bin application/octet-stream 1000 bytes sha256=" + TestApps.sha256(pattern)
                            + ">",
                    "events: tick 0 of upload 1",
                    "events: tick 1 of upload 1",
                    "events: tick 2 of upload 1",
                    "events: done");
            // What the page made of the answers
            assertThat(shot.image().getWidth()).isEqualTo(800);
            assertThat(Chromium.colourAt(shot.image(), 5, 5))
                    .as(
                            "the status bar's colour (green: the upload's answer and the 3 events arrived); chromium: %s",
                            shot.log())
                    .isEqualTo(GREEN);
            assertThat(Chromium.darkPixels(shot.image(), 0, 90, 800, 200))
                    .as("the answer and the events listed below the form")
                    .isGreaterThan(200);
        }
    }

    /**
     * {@code /}: the page; {@code POST /upload}: reads the multipart form part by part and answers
     * what it got; {@code /events}: three events 50 ms apart, then a {@code done} event.
     */
    static Application app(Transcript server) throws Exception {
        String page;
        try (InputStream in = BrowserUploadAndEventsTest.class.getResourceAsStream("upload_and_events.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Application app = new Application();
        app.addRoutes(
                Web.get("/", r -> Response.html(page)),
                Web.post("/upload", r -> {
                    MultipartReader form = r.multipart();
                    List<String> got = new ArrayList<>();
                    BodyPartReader part;
                    while ((part = form.nextPart()) != null) {
                        String what = part.filename() == null
                                ? part.name() + "=" + part.text()
                                : part.name() + "=<" + part.filename() + " " + part.contentType() + " "
                                        + describe(part.read()) + ">";
                        server.record("upload: " + what);
                        got.add(what);
                    }
                    return Response.text("upload 1: " + String.join("; ", got));
                }),
                Web.get("/events", r -> {
                    String upload = r.query().get("upload");
                    StreamResponse events = new StreamResponse();
                    events.contentType("text/event-stream");
                    events.headers().set("Cache-Control", "no-cache");
                    events.prepare(r);
                    for (int i = 0; i < 3; i++) {
                        String tick = "tick " + i + " of upload " + upload;
                        events.write("data: " + tick + "\n\n");
                        server.record("events: " + tick);
                        Asyncio.sleep(Duration.ofMillis(50));
                    }
                    events.write("event: done\ndata: 3 ticks sent\n\n");
                    server.record("events: done");
                    return events;
                }));
        return app;
    }

    private static String describe(byte[] content) throws Exception {
        return content.length + " bytes sha256=" + TestApps.sha256(content);
    }
}
