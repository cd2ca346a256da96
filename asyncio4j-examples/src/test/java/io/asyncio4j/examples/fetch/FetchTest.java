package io.asyncio4j.examples.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aio fetch} against the JDK's own HTTP server on loopback: files arrive whole, failures are
 * named with their reasons, and the output is plain lines (no terminal) or live bars (a terminal).
 */
class FetchTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService threads;
    private final byte[] big = new byte[300_000];
    private final String text = "a line of text\n".repeat(100);

    @BeforeEach
    void startServer() throws IOException {
        new Random(11).nextBytes(big);
        threads = Executors.newFixedThreadPool(4);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            byte[] body = switch (ex.getRequestURI().getPath()) {
                case "/files/big.bin", "/other/big.bin" -> big;
                case "/files/notes.txt" -> text.getBytes(StandardCharsets.UTF_8);
                default -> null;
            };
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        threads.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private record Run(int code, String out, String err) {
        List<String> lines() {
            return List.of(out.split("\n"));
        }
    }

    private static Run fetch(Terminal terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Fetch.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A bound socket that does not listen: connects to its port are refused, and while it is open
     * no other program can take the port (a port merely closed could be reused meanwhile).
     */
    private static SocketChannel refusingPort() throws IOException {
        SocketChannel holder = SocketChannel.open();
        holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return holder;
    }

    @Test
    void downloadsEveryFileAndNamesEachFailureWithItsReason() throws Exception {
        Run run;
        String refused;
        try (SocketChannel holder = refusingPort()) {
            refused = "http://127.0.0.1:" + ((InetSocketAddress) holder.getLocalAddress()).getPort() + "/gone.bin";
            run = fetch(
                    null,
                    url("/files/big.bin"),
                    url("/files/notes.txt"),
                    url("/other/big.bin"),
                    url("/files/missing.txt"),
                    refused,
                    "-c",
                    "2",
                    "-o",
                    dir.resolve("out").toString());
        }

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        Path out = dir.resolve("out");
        assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(big);
        assertThat(Files.readAllBytes(out.resolve("big.bin.1"))).isEqualTo(big); // same name: numbered
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo(text);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("big.bin", "big.bin.1", "notes.txt"); // no .part left
        }
        // plain lines, one per event, in whatever order the downloads ran
        assertThat(run.lines())
                .filteredOn(l -> !l.startsWith(" "))
                .hasSize(3 + 5 + 1)
                .contains("started big.bin (" + url("/files/big.bin") + "), 300.0 kB")
                .contains("failed  missing.txt: 404 Not Found")
                .anySatisfy(l -> assertThat(l).startsWith("done    big.bin.1, 300.0 kB in "))
                .anySatisfy(l -> assertThat(l).startsWith("done    notes.txt, 1.5 kB in "))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("failed  gone.bin: cannot connect to http://127.0.0.1:")
                        .contains("for GET " + refused));
        String summary = run.lines().get(run.lines().size() - 3);
        assertThat(summary).startsWith("3 files, 601.5 kB (601500 bytes) in ").endsWith("; 2 failed:");
        assertThat(run.lines().subList(run.lines().size() - 2, run.lines().size()))
                .satisfiesExactly(
                        l -> assertThat(l).isEqualTo("  " + url("/files/missing.txt") + ": 404 Not Found"),
                        l -> assertThat(l).startsWith("  " + refused + ": cannot connect to"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void allFilesArrivingExitsZeroAndSaysSo() {
        Run run = fetch(null, url("/files/notes.txt"), "-o", dir.toString());

        assertThat(run.code()).isZero();
        assertThat(run.lines().getLast())
                .startsWith("1 file, 1.5 kB (1500 bytes) in ")
                .endsWith("; no failures");
    }

    @Test
    void onATerminalTheBarsAreRedrawnInPlace() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = TerminalBuilder.builder()
                .system(false)
                .streams(new ByteArrayInputStream(new byte[0]), screen)
                .type("xterm")
                .size(Size.of(100, 24))
                .build()) {
            Run run = fetch(terminal, url("/files/big.bin"), url("/files/missing.txt"), "-o", dir.toString());

            assertThat(run.code()).isEqualTo(1);
            String drawn = screen.toString(StandardCharsets.UTF_8);
            // The first frame in full; later ones only where they differ, after moving the cursor
            // back up (ESC [ n A): redrawn in place, no per-event lines. Which bytes a later frame
            // sends depends on the frame before it, so the end state is read off a VT100 screen
            // that plays the bytes back.
            assertThat(drawn)
                    .contains("big.bin      [------------------------]  queued")
                    .contains("total 0/2    [------------------------]   0%  0 B")
                    .contains("\u001b[2A")
                    .doesNotContain("started ");
            ScreenTerminal vt100 = new ScreenTerminal(100, 24);
            vt100.write(drawn);
            List<String> shown = vt100.toString()
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
            assertThat(shown).hasSize(3);
            assertThat(shown.get(0)).startsWith("big.bin      [########################] 100%  300.0 kB  done in ");
            assertThat(shown.get(1)).isEqualTo("missing.txt  failed: 404 Not Found");
            assertThat(shown.get(2)).startsWith("total 2/2    [########################] 100%  300.0 kB");
            assertThat(run.out()).startsWith("1 file, 300.0 kB (300000 bytes) in ");
        }
    }

    @Test
    void badArgumentsExitTwoWithTheReason() {
        Run zero = fetch(null, url("/files/notes.txt"), "-c", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--concurrency must be at least 1, not 0");

        Run ftp = fetch(null, "ftp://127.0.0.1/x");
        assertThat(ftp.code()).isEqualTo(2);
        assertThat(ftp.err()).contains("not an http or https URL: 'ftp://127.0.0.1/x'");

        Run none = fetch(null);
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter: 'URL'");
    }

    @Test
    void barsAndSizesReadAsDownloadToolsPrintThem() {
        assertThat(Bars.bar(50, 100)).isEqualTo("[############------------]");
        assertThat(Bars.bar(5, -1)).isEqualTo("[------------------------]");
        assertThat(Bars.size(999)).isEqualTo("999 B");
        assertThat(Bars.size(1500)).isEqualTo("1.5 kB");
        assertThat(Bars.size(2_500_000)).isEqualTo("2.5 MB");
        Download d = new Download(URI.create("http://h/f.bin"), "f.bin", dir.resolve("f.bin"));
        d.state = Download.State.RUNNING;
        d.total = 4000;
        d.bytes = 1000;
        d.startedAt = 0;
        assertThat(Bars.line(d, 1_000_000_000L, 8))
                .isEqualTo("f.bin    [######------------------]  25%  1.0 kB / 4.0 kB  1.0 kB/s");
        assertThat(Fetch.fileName(URI.create("http://h/a/b.tar.gz?x=1"))).isEqualTo("b.tar.gz");
        assertThat(Fetch.fileName(URI.create("http://h/"))).isEqualTo("index.html");
        assertThat(Arrays.asList(Bars.pad("a-very-long-name.bin", 8), Bars.pad("ab", 4)))
                .containsExactly("a-very-~", "ab  ");
    }
}
