package io.asyncio4j.http.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Headless Chromium (Debian's {@code chromium}) loading a page and taking its screenshot once the
 * page's scripts have run: a browser nobody here wrote, as a test's client. Missing, it skips the
 * test, naming the package ({@code scripts/install-test-peers.sh} installs it).
 */
final class Chromium {
    private Chromium() {}

    static final String PATH = "/usr/bin/chromium";

    /** The picture, and what Chromium printed. */
    record Shot(BufferedImage image, String log) {}

    static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(Path.of(PATH)),
                "no " + PATH + ": install Debian's chromium (scripts/install-test-peers.sh) for the browser test");
    }

    /**
     * Loads {@code url} in a {@code width}×{@code height} window and returns its screenshot, taken
     * after {@code virtualTime} of the page's own time (which stands still while the page waits for
     * the network, so fetches and event streams finish first). Chromium must end within 90 s.
     */
    static Shot screenshot(String url, int width, int height, Duration virtualTime) throws Exception {
        Path dir = Files.createTempDirectory("chromium");
        Path shot = dir.resolve("page.png");
        Path log = dir.resolve("chromium.log");
        Process browser = new ProcessBuilder(
                        PATH,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--window-size=" + width + "," + height,
                        "--virtual-time-budget=" + virtualTime.toMillis(),
                        "--screenshot=" + shot,
                        url)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = Asyncio.toThread(() -> browser.waitFor(90, TimeUnit.SECONDS));
        if (!ended) {
            browser.destroyForcibly();
            Asyncio.toThread(() -> browser.waitFor(10, TimeUnit.SECONDS));
            throw new AssertionError("chromium did not finish within 90 s: " + read(log));
        }
        if (!Files.exists(shot)) {
            throw new AssertionError("chromium took no screenshot (exit " + browser.exitValue() + "): " + read(log));
        }
        return new Shot(Asyncio.toThread(() -> ImageIO.read(shot.toFile())), read(log));
    }

    /** The colour at {@code (x, y)} as {@code #rrggbb}. */
    static String colourAt(BufferedImage image, int x, int y) {
        return String.format("#%06x", image.getRGB(x, y) & 0xFFFFFF);
    }

    /** How many pixels of the rectangle are dark (text on a light page). */
    static int darkPixels(BufferedImage image, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < Math.min(y0 + h, image.getHeight()); y++) {
            for (int x = x0; x < Math.min(x0 + w, image.getWidth()); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 200) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
