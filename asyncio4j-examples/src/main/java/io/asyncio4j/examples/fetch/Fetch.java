package io.asyncio4j.examples.fetch;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientTimeout;
import io.asyncio4j.http.client.SessionOptions;
import io.asyncio4j.sync.Semaphore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./aio fetch URL... [-c CONCURRENCY] [-o DIR] [--timeout S]}: downloads the URLs
 * concurrently through one {@link ClientSession}, with a live bar per file and a total bar on a
 * terminal (plain lines otherwise), then a summary: files, bytes, throughput, and each failure with
 * its reason. Exits 0 when every file arrived, 1 when some failed, 2 on bad arguments.
 */
@Command(
        name = "aio fetch",
        mixinStandardHelpOptions = true,
        version = "aio fetch (asyncio4j)",
        description = "Downloads URLs concurrently through one asyncio4j ClientSession, with progress bars.",
        sortOptions = false)
public final class Fetch implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "URL", description = "http or https URLs to download")
    private List<String> urls;

    @Option(
            names = {"-c", "--concurrency"},
            paramLabel = "N",
            defaultValue = "4",
            description = "downloads at a time (default: ${DEFAULT-VALUE})")
    private int concurrency;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            defaultValue = ".",
            description = "where the files go, created if missing (default: the current directory)")
    private Path dir;

    @Option(
            names = "--timeout",
            paramLabel = "S",
            defaultValue = "300",
            description =
                    "seconds allowed for each file, from its request to its last byte (default: ${DEFAULT-VALUE})")
    private double timeoutSeconds;

    @Option(names = "--plain", description = "plain lines even on a terminal")
    private boolean plain;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final Terminal terminal;

    private Fetch(PrintStream out, Terminal terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Runs {@code aio fetch} with {@code args}, writing to {@code out} and {@code err}; draws live
     * bars on {@code terminal} when it is a real one (null: plain lines). Returns the exit code.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Terminal terminal) {
        CommandLine cli = new CommandLine(new Fetch(out, terminal));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    /** {@code ./aio fetch ...}. */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int code;
        try (Terminal terminal =
                TerminalBuilder.builder().system(true).dumb(true).build()) {
            boolean live = !Terminal.TYPE_DUMB.equals(terminal.getType())
                    && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
            code = run(args, out, System.err, live ? terminal : null);
        }
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--concurrency must be at least 1, not " + concurrency);
        }
        if (!(timeoutSeconds > 0)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        List<Download> downloads = plan();
        Files.createDirectories(dir);
        return Asyncio.run(() -> fetchAll(downloads));
    }

    /** Checks every URL and gives each a file name in the output folder, unique among them. */
    private List<Download> plan() {
        List<Download> downloads = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (String u : urls) {
            URI url;
            try {
                url = new URI(u);
            } catch (URISyntaxException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "not a URL: '" + u + "' (" + e.getReason() + ")");
            }
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
                    || url.getHost() == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "not an http or https URL: '" + u + "'");
            }
            String name = fileName(url);
            String unique = name;
            for (int n = 1; !taken.add(unique); n++) {
                unique = name + "." + n;
            }
            downloads.add(new Download(url, unique, dir.resolve(unique)));
        }
        return downloads;
    }

    /** The last segment of the URL's path, or {@code index.html} for a folder. */
    static String fileName(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.equals(".") || last.equals("..")) {
            return "index.html";
        }
        return last;
    }

    private int fetchAll(List<Download> downloads) throws Exception {
        long startedAt = Asyncio.currentLoop().time();
        ProgressView view = terminal != null && !plain
                ? new ProgressView.Live(terminal, downloads, startedAt)
                : new ProgressView.Lines(out);
        ClientTimeout timeout = ClientTimeout.defaults().total(Duration.ofMillis((long) (timeoutSeconds * 1000)));
        Semaphore slots = new Semaphore(concurrency);
        try (ClientSession session =
                new ClientSession(SessionOptions.defaults().limit(concurrency).timeout(timeout))) {
            // The first frame, every file still queued, is drawn before any download starts.
            view.tick(Asyncio.currentLoop().time());
            Task<Void> ticker = Asyncio.createTask(() -> {
                while (true) {
                    Asyncio.sleep(Duration.ofMillis(100));
                    view.tick(Asyncio.currentLoop().time());
                }
            });
            List<Task<Void>> tasks = new ArrayList<>();
            for (Download d : downloads) {
                tasks.add(Asyncio.createTask(() -> slots.withPermit(() -> {
                    download(session, d, view);
                    return null;
                })));
            }
            try {
                Asyncio.gather(tasks);
            } finally {
                ticker.cancel();
            }
        }
        long now = Asyncio.currentLoop().time();
        view.finish(now);
        for (String line : Bars.summary(downloads, now - startedAt)) {
            out.println(line);
        }
        return downloads.stream().anyMatch(d -> d.state == Download.State.FAILED) ? 1 : 0;
    }

    /**
     * One file: streamed to {@code NAME.part}, renamed when complete; on any failure the part is
     * removed and the reason recorded (the other downloads go on).
     */
    private static void download(ClientSession session, Download d, ProgressView view) throws IOException {
        Path part = d.target.resolveSibling(d.target.getFileName() + ".part");
        d.startedAt = Asyncio.currentLoop().time();
        try (ClientResponse r = session.get(d.url.toString())) {
            if (r.status() >= 400) {
                throw new IOException(r.status() + " " + r.reason());
            }
            String length = r.headers().get("Content-Length");
            if (length != null && r.headers().get("Content-Encoding") == null) {
                d.total = Long.parseLong(length.trim());
            }
            d.state = Download.State.RUNNING;
            view.changed(d);
            try (FileChannel file = FileChannel.open(
                    part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (byte[] chunk : r.content().iterChunked(64 * 1024)) {
                    ByteBuffer b = ByteBuffer.wrap(chunk);
                    while (b.hasRemaining()) {
                        file.write(b);
                    }
                    d.bytes += chunk.length;
                }
            }
            Files.move(part, d.target, StandardCopyOption.REPLACE_EXISTING);
            d.state = Download.State.DONE;
        } catch (IOException | TimeoutException | RuntimeException e) {
            Files.deleteIfExists(part);
            d.state = Download.State.FAILED;
            d.failure = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        d.endedAt = Asyncio.currentLoop().time();
        view.changed(d);
    }
}
