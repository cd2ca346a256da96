package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.channel.BroadcastChannel;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.RunnerOptions;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.testing.AsyncioTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The chat room with WebSocket clients: two of asyncio4j's, and a real browser (headless Chromium,
 * Debian's {@code chromium}) loading the page, whose line reaches the room and whose screenshot
 * shows the page connected.
 */
class BroadcastChatTest {

    /** The app on a free loopback port; closing cleans up. */
    record Served(AppRunner runner, int port) implements AutoCloseable {
        static Served start() throws Exception {
            AppRunner runner = new AppRunner(
                    BroadcastChat.app(new BroadcastChannel<>(BroadcastChat.BACKLOG)),
                    RunnerOptions.defaults().accessLog(false));
            runner.setup();
            TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
            site.start();
            return new Served(runner, ((InetSocketAddress) site.addresses().get(0)).getPort());
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        @Override
        public void close() throws Exception {
            runner.cleanup();
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void everyLineReachesEveryone() throws Exception {
        try (Served chat = Served.start();
                ClientSession session = new ClientSession()) {
            try (ClientResponse page = session.get(chat.url("/"))) {
                assertThat(page.text()).contains("new WebSocket(");
            }
            WebSocket ann = session.wsConnect(chat.url("/ws?name=ann"));
            assertThat(ann.receiveText()).isEqualTo("ann joined");
            try (WebSocket bob = session.wsConnect(chat.url("/ws?name=bob"))) {
                assertThat(ann.receiveText()).isEqualTo("bob joined");
                assertThat(bob.receiveText()).isEqualTo("bob joined");
                ann.sendText("hi bob");
                assertThat(ann.receiveText()).isEqualTo("ann: hi bob");
                assertThat(bob.receiveText()).isEqualTo("ann: hi bob");
                bob.sendText("hi ann");
                assertThat(ann.receiveText()).isEqualTo("bob: hi ann");
                assertThat(bob.receiveText()).isEqualTo("bob: hi ann");
            }
            assertThat(ann.receiveText()).isEqualTo("bob left");
            ann.close();
        }
    }

    static final String CHROMIUM = "/usr/bin/chromium";

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aBrowserJoinsTheRoomAndItsScreenshotShowsThePageConnected() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of(CHROMIUM)),
                "no " + CHROMIUM + ": install Debian's chromium (scripts/install-test-peers.sh) for the browser test");
        Path dir = Files.createTempDirectory("chat-browser");
        Path shot = dir.resolve("chat.png");
        try (Served chat = Served.start();
                ClientSession session = new ClientSession()) {
            WebSocket watcher = session.wsConnect(chat.url("/ws?name=watcher"));
            assertThat(watcher.receiveText()).isEqualTo("watcher joined");
            watcher.sendText("welcome, browser");
            assertThat(watcher.receiveText()).isEqualTo("watcher: welcome, browser");

            Process browser = new ProcessBuilder(
                            CHROMIUM,
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--no-first-run",
                            "--user-data-dir=" + dir.resolve("profile"),
                            "--window-size=800,500",
                            // the page's own timers and its WebSocket run before the picture is taken
                            "--virtual-time-budget=5000",
                            "--screenshot=" + shot,
                            chat.url("/?name=browser&say=hello%20from%20chromium"))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("chromium.log").toFile())
                    .start();
            // What the browser said arrives through the room, while it is still on the page
            List<String> heard = new ArrayList<>();
            while (heard.size() < 2) {
                heard.add(
                        watcher.receive(Duration.ofSeconds(60)) instanceof io.asyncio4j.http.ws.WsMessage.Text t
                                ? t.data()
                                : "?");
            }
            assertThat(heard).containsExactly("browser joined", "browser: hello from chromium");
            boolean ended = Asyncio.toThread(() -> browser.waitFor(60, TimeUnit.SECONDS));
            if (!ended) {
                browser.destroyForcibly();
            }
            assertThat(ended).as("chromium finished: %s", log(dir)).isTrue();
            assertThat(watcher.receiveText()).isEqualTo("browser left");
            watcher.close();
        }
        assertThat(shot).as("the screenshot: %s", log(dir)).exists();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        // The status bar across the top turns green (#2e7d32) once the WebSocket is open, red otherwise.
        assertThat(String.format("#%06x", image.getRGB(5, 5) & 0xFFFFFF))
                .as("the status bar's colour")
                .isEqualTo("#2e7d32");
        // The log below it lists the room's lines: dark text on the light page somewhere there.
        assertThat(darkPixels(image, 0, 60, 800, 200))
                .as("text in the room's log")
                .isGreaterThan(100);
    }

    private static int darkPixels(BufferedImage image, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < Math.min(y0 + h, image.getHeight()); y++) {
            for (int x = x0; x < Math.min(x0 + w, image.getWidth()); x++) {
                int rgb = image.getRGB(x, y);
                int lum = ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
                if (lum < 200) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String log(Path dir) throws IOException {
        Path log = dir.resolve("chromium.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
