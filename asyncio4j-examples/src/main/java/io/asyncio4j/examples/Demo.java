package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Outcome;
import io.asyncio4j.Task;
import io.asyncio4j.examples.demo.Screen;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./aio demo}: asyncio4j in about 40 seconds, live in the terminal. Six scenes, each with
 * progress bars drawn by a task of the same loop, and a summary:
 *
 * <ol>
 *   <li>six simulated downloads, one after another and then all at once;
 *   <li>a CPU-heavy job in {@code toThread} while a ticker keeps ticking, and the same job run on
 *       the loop, where it freezes everything;
 *   <li>a blocking {@code Thread.sleep} in a task, which does not freeze the loop (the classic
 *       CPython mistake);
 *   <li>a timeout, and a cancellation whose cleanup runs to its end;
 *   <li>a failing task among four, reported by {@code gatherSettled};
 *   <li>100,000 tasks sleeping at once, with the time and heap they took.
 * </ol>
 *
 * <p>Plain text without a terminal or with {@code CI=true} (or {@code --plain}); {@code --quick}
 * runs everything ten times faster with fewer tasks.
 */
public final class Demo {
    /** How long things take: the real demo, or a quick one (tests, {@code --quick}). */
    record Settings(double scale, int manyTasks) {
        static final Settings FULL = new Settings(1.0, 100_000);
        static final Settings QUICK = new Settings(0.1, 5_000);
    }

    /** A line of the summary. */
    record Row(String what, String result) {}

    /** A simulated file and how long its transfer takes. */
    record FileSpec(String name, double megabytes, double seconds) {}

    static final List<FileSpec> FILES = List.of(
            new FileSpec("photos.zip", 4.2, 1.6),
            new FileSpec("report.pdf", 1.1, 0.8),
            new FileSpec("dataset.csv", 6.0, 2.4),
            new FileSpec("song.mp3", 3.5, 1.2),
            new FileSpec("video.mp4", 5.1, 2.0),
            new FileSpec("backup.tar", 4.8, 1.8));

    /** A transfer in progress; read by the screen, written by its task (one thread: the loop's). */
    static final class Transfer {
        final FileSpec file;
        double fraction;
        String status = "";

        Transfer(FileSpec file) {
            this.file = file;
        }
    }

    /** Ticks every {@code period} and records how late each tick was: the loop's responsiveness. */
    static final class Ticker {
        final Duration period;
        int ticks;
        long maxDelayNanos;

        Ticker(Duration period) {
            this.period = period;
        }

        void run() {
            Loop loop = Asyncio.currentLoop();
            while (true) {
                long due = loop.time() + period.toNanos();
                Asyncio.sleep(period);
                maxDelayNanos = Math.max(maxDelayNanos, loop.time() - due);
                ticks++;
            }
        }

        long maxDelayMillis() {
            return maxDelayNanos / 1_000_000;
        }
    }

    private final Screen screen;
    private final Settings settings;
    private final List<Row> summary = new ArrayList<>();

    Demo(Screen screen, Settings settings) {
        this.screen = screen;
        this.settings = settings;
    }

    /** {@code ./aio demo [--plain] [--quick]}. */
    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        Screen screen = Screen.forThisProcess(System.getenv(), options.contains("--plain"));
        Settings settings = options.contains("--quick") ? Settings.QUICK : Settings.FULL;
        try {
            Asyncio.run(() -> new Demo(screen, settings).run());
        } catch (CancelledError interrupted) {
            System.exit(130); // Ctrl-C, as a shell expects it
        }
    }

    /** Runs every scene and the summary; the async main. */
    void run() throws Exception {
        Task<Void> renderer = screen.startRenderer(Duration.ofMillis(40));
        try {
            long start = now();
            intro();
            downloads();
            cpuJob();
            blockingSleep();
            timeoutAndCancellation();
            failingTask();
            manyTasks();
            summary(start);
        } catch (CancelledError e) {
            screen.done();
            screen.println();
            screen.println(screen.yellow("Ctrl-C cancelled the main task; printing this line is its cleanup."));
            throw e;
        } finally {
            renderer.cancel();
            screen.close();
        }
    }

    // ---- scenes ----

    void intro() {
        screen.println(screen.bold("asyncio4j") + " - Python's asyncio for Java; tasks are virtual threads on a loop.");
        screen.println(screen.dim(String.format(
                Locale.ROOT,
                "Java %d, %d cores. About %d s. Ctrl-C cancels the main task; its cleanup runs.",
                Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors(),
                Math.max(1, Math.round(35 * settings.scale())))));
        pause(1.0);
    }

    void downloads() throws Exception {
        heading(1, "Six downloads: one after another, then all at once");
        screen.println(screen.dim("Each download is a task waiting for data in small steps, like a socket read."));

        List<Transfer> oneByOne = transfers();
        long start1 = now();
        screen.show(() -> transferLines("one after another", oneByOne, start1));
        for (Transfer t : oneByOne) {
            download(t);
        }
        double sequential = secondsSince(start1);
        screen.done();

        List<Transfer> atOnce = transfers();
        long start2 = now();
        screen.show(() -> transferLines("all at once, with gather", atOnce, start2));
        List<Task<Void>> tasks = new ArrayList<>();
        for (Transfer t : atOnce) {
            tasks.add(Asyncio.createTask(() -> download(t)));
        }
        Asyncio.gather(tasks);
        double concurrent = secondsSince(start2);
        screen.done();

        double speedup = sequential / concurrent;
        screen.println(screen.tick()
                + String.format(
                        Locale.ROOT,
                        " one after another %.1f s, all at once %.1f s: %.1f%s faster",
                        sequential,
                        concurrent,
                        speedup,
                        screen.times()));
        summary.add(new Row(
                "downloads",
                String.format(
                        Locale.ROOT,
                        "%.1f s one by one, %.1f s at once (%.1f%s faster)",
                        sequential,
                        concurrent,
                        speedup,
                        screen.times())));
    }

    void cpuJob() throws Exception {
        heading(2, "A CPU-heavy job in toThread, while a ticker ticks every 100 ms");
        screen.println(screen.dim("CPU work holds the thread that runs it; Asyncio.toThread moves it to a worker"));
        screen.println(screen.dim("thread. The loop stays free for the ticker and the task drawing this screen."));

        Ticker ticker = new Ticker(Duration.ofMillis(100));
        Task<Void> ticking = Asyncio.createTask(ticker::run);
        long start = now();
        double jobSeconds = 2.0 * settings.scale();
        long[] primes = {-1};
        screen.show(() -> List.of(
                tickerLine(ticker),
                jobLine("toThread(countPrimes)", primes[0], start, jobSeconds, "on a worker thread")));
        primes[0] = Asyncio.toThread(() -> countPrimesFor(jobSeconds));
        ticking.cancel();
        screen.done();
        String good = String.format(
                Locale.ROOT,
                "toThread: %,d primes in %s; ticker: %d ticks, at most %d ms late",
                primes[0],
                human(seconds(2.0)),
                ticker.ticks,
                ticker.maxDelayMillis());
        screen.println(screen.tick() + " " + good);

        screen.println(screen.dim("The same job called directly in a task holds the loop's thread. Watch it stop:"));
        Ticker frozen = new Ticker(Duration.ofMillis(100));
        Task<Void> ticking2 = Asyncio.createTask(frozen::run);
        long start2 = now() + seconds(0.5).toNanos(); // the job starts after a short look at the ticker
        double freezeSeconds = 1.0 * settings.scale();
        long[] primes2 = {-1};
        screen.show(() -> List.of(
                tickerLine(frozen),
                jobLine("countPrimes on the loop", primes2[0], start2, freezeSeconds, "on the loop")));
        pause(0.5);
        primes2[0] = countPrimesFor(freezeSeconds); // the mistake: CPU work on the loop's thread
        pause(0.3);
        ticking2.cancel();
        screen.done();
        String bad = String.format(
                Locale.ROOT, "on the loop it froze the ticker (and this screen): %d ms late", frozen.maxDelayMillis());
        screen.println(screen.cross() + " " + bad);
        summary.add(new Row(
                "CPU job",
                String.format(
                        Locale.ROOT,
                        "toThread: ticker at most %d ms late; on the loop: %d ms late",
                        ticker.maxDelayMillis(),
                        frozen.maxDelayMillis())));
    }

    void blockingSleep() throws Exception {
        Duration sleep = seconds(2.0);
        heading(3, "Thread.sleep(" + human(sleep) + ") inside a task");
        screen.println(screen.dim("In CPython, time.sleep() in a coroutine freezes the whole event loop."));
        screen.println(screen.dim("Here a task is a virtual thread: Thread.sleep parks that task only."));

        Ticker ticker = new Ticker(Duration.ofMillis(100));
        Task<Void> ticking = Asyncio.createTask(ticker::run);
        long start = now();
        Task<Void> sleeper = Asyncio.createTask(() -> Thread.sleep(sleep));
        screen.show(() -> List.of(
                tickerLine(ticker),
                String.format(
                        Locale.ROOT,
                        "  %-24s %s %s",
                        "Thread.sleep(" + human(sleep) + ")",
                        sleeper.isDone() ? screen.tick() : screen.yellow(screen.spinner(now())),
                        screen.dim(String.format(Locale.ROOT, "%.1f s", secondsSince(start))))));
        sleeper.await();
        ticking.cancel();
        screen.done();
        String result = String.format(
                Locale.ROOT,
                "the ticker ticked %d times during Thread.sleep(%s), at most %d ms late",
                ticker.ticks,
                human(sleep),
                ticker.maxDelayMillis());
        screen.println(screen.tick() + " " + result);
        summary.add(new Row(
                "Thread.sleep",
                String.format(
                        Locale.ROOT,
                        "%s in a task: %d ticks meanwhile, at most %d ms late",
                        human(sleep),
                        ticker.ticks,
                        ticker.maxDelayMillis())));
    }

    void timeoutAndCancellation() throws Exception {
        heading(4, "A timeout, and a cancellation with cleanup");
        screen.println(screen.dim("Asyncio.timeout(" + human(seconds(1.5)) + ", ...) around a " + human(seconds(5))
                + " download: the body is cancelled,"));
        screen.println(screen.dim("its finally block runs, and the caller gets a TimeoutException."));
        Transfer movie = new Transfer(new FileSpec("movie.mkv", 12.0, 5.0));
        screen.show(() -> List.of(transferLine(movie)));
        long start = now();
        try {
            Asyncio.timeout(seconds(1.5), () -> {
                try {
                    download(movie);
                } finally {
                    movie.status = "partial file deleted";
                }
                return null;
            });
        } catch (TimeoutException e) {
            movie.status = screen.red("timed out") + ", " + movie.status;
        }
        double timedOut = secondsSince(start);
        screen.done();
        String timeoutResult = String.format(
                Locale.ROOT, "TimeoutException after %.1f s; the download's finally block cleaned up", timedOut);
        screen.println(screen.tick() + " " + timeoutResult);

        screen.println(screen.dim(
                "Cancelling an upload after " + human(seconds(1.2)) + ": its cleanup talks to the server, inside"));
        screen.println(screen.dim("Asyncio.uncancellable: level-triggered cancellation would cut it short."));
        Transfer upload = new Transfer(new FileSpec("results.db", 8.0, 4.0));
        Task<Void> uploading = Asyncio.createTask(() -> {
            try {
                download(upload);
            } catch (CancelledError e) {
                upload.status = screen.yellow("cancelled") + ", closing connection...";
                Asyncio.uncancellable(() -> {
                    Asyncio.sleep(seconds(0.5));
                    return null;
                });
                upload.status = screen.yellow("cancelled") + ", connection closed";
                throw e;
            }
        });
        screen.show(() -> List.of(transferLine(upload)));
        Asyncio.sleep(seconds(1.2));
        long cancelledAt = now();
        uploading.cancel();
        try {
            uploading.await();
        } catch (CancelledError expected) {
            // the upload ended cancelled, after its cleanup
        }
        double cleanup = secondsSince(cancelledAt);
        screen.done();
        String cancelResult = String.format(
                Locale.ROOT, "cancelled: cleanup ran to its end (%.1f s), then await() threw CancelledError", cleanup);
        screen.println(screen.tick() + " " + cancelResult);
        summary.add(new Row(
                "timeout", String.format(Locale.ROOT, "TimeoutException after %.1f s, finally block ran", timedOut)));
        summary.add(new Row(
                "cancellation", String.format(Locale.ROOT, "cleanup finished inside uncancellable (%.1f s)", cleanup)));
    }

    void failingTask() throws Exception {
        heading(5, "Four requests, one fails and one is cancelled: gatherSettled reports each");
        screen.println(screen.dim("gather throws the first failure at once; gatherSettled waits for all four"));
        screen.println(screen.dim("and returns an Outcome for each: Success, Failure or Cancelled."));
        Transfer profile = new Transfer(new FileSpec("profile", 0.2, 0.8));
        Transfer orders = new Transfer(new FileSpec("orders", 0.9, 1.6));
        Transfer recommendations = new Transfer(new FileSpec("recommendations", 0.5, 1.2));
        Transfer ads = new Transfer(new FileSpec("ads", 0.3, 1.4));
        List<Transfer> requests = List.of(profile, orders, recommendations, ads);
        List<Task<String>> tasks = List.of(
                Asyncio.createTask("profile", () -> {
                    download(profile);
                    return "Ada Lovelace";
                }),
                Asyncio.createTask("orders", () -> {
                    downloadPart(orders, 0.4);
                    throw new IOException("connection reset");
                }),
                Asyncio.createTask("recommendations", () -> {
                    download(recommendations);
                    return "12 books";
                }),
                Asyncio.createTask("ads", () -> {
                    download(ads);
                    return "3 banners";
                }));
        Asyncio.createTask(
                () -> { // the user closes the ad panel
                    Asyncio.sleep(seconds(0.5));
                    tasks.get(3).cancel();
                });
        screen.show(() -> requests.stream().map(this::transferLine).toList());
        List<Outcome<String>> outcomes = Asyncio.gatherSettled(tasks);
        for (int i = 0; i < outcomes.size(); i++) {
            Transfer t = requests.get(i);
            t.status = switch (outcomes.get(i)) {
                case Outcome.Success<String> s -> screen.tick() + " " + s.value();
                case Outcome.Failure<String> f ->
                    screen.cross() + " " + f.exception().getClass().getSimpleName() + ": "
                            + f.exception().getMessage();
                case Outcome.Cancelled<String> c -> screen.cancelled() + " cancelled";
            };
        }
        screen.done();
        long ok = outcomes.stream().filter(o -> o instanceof Outcome.Success).count();
        long failed =
                outcomes.stream().filter(o -> o instanceof Outcome.Failure).count();
        long cancelled =
                outcomes.stream().filter(o -> o instanceof Outcome.Cancelled).count();
        String result = String.format(Locale.ROOT, "%d succeeded, %d failed, %d cancelled", ok, failed, cancelled);
        screen.println(screen.tick() + " gatherSettled: " + result);
        summary.add(new Row("gatherSettled", result));
    }

    void manyTasks() throws Exception {
        int n = settings.manyTasks();
        heading(6, String.format(Locale.ROOT, "%,d tasks sleeping at once", n));
        screen.println(screen.dim(String.format(
                Locale.ROOT,
                "Each task sleeps %s. As platform threads, that would be %,d OS threads.",
                human(seconds(1)),
                n)));
        long heapBefore = Asyncio.toThread(Demo::usedHeapAfterGc);
        int[] started = {0};
        int[] finished = {0};
        long start = now();
        long[] lastDone = {0}; // when the last task finished
        screen.show(() -> List.of(
                String.format(Locale.ROOT, "  started  %s %,7d", screen.bar((double) started[0] / n, 30), started[0]),
                String.format(
                        Locale.ROOT,
                        "  finished %s %,7d  %s",
                        screen.bar((double) finished[0] / n, 30),
                        finished[0],
                        screen.dim(String.format(
                                Locale.ROOT,
                                "%.2f s",
                                (finished[0] == n ? lastDone[0] - start : now() - start) / 1e9)))));
        Duration oneSecond = seconds(1.0);
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(Asyncio.createTask(() -> {
                started[0]++;
                Asyncio.sleep(oneSecond);
                if (++finished[0] == n) {
                    lastDone[0] = now();
                }
            }));
        }
        double created = secondsSince(start);
        while (started[0] < n) {
            Asyncio.sleep(Duration.ofMillis(10));
        }
        long heapWhileSleeping = Asyncio.toThread(Demo::usedHeapAfterGc);
        Asyncio.gather(tasks);
        double total = (lastDone[0] - start) / 1e9;
        screen.done();
        long bytes = Math.max(0, heapWhileSleeping - heapBefore);
        String result = String.format(
                Locale.ROOT,
                "created in %.0f ms, all done after %.2f s; heap +%.0f MB, %,d bytes a task",
                created * 1000,
                total,
                bytes / 1e6,
                bytes / n);
        screen.println(screen.tick() + " " + result);
        summary.add(new Row(
                String.format(Locale.ROOT, "%,d tasks", n),
                String.format(
                        Locale.ROOT,
                        "created in %.0f ms, done after %.2f s, %,d bytes each",
                        created * 1000,
                        total,
                        bytes / n)));
    }

    void summary(long start) {
        heading(0, "Summary");
        for (Row row : summary) {
            screen.println(String.format(Locale.ROOT, "  %-14s %s", row.what(), row.result()));
        }
        screen.println();
        screen.println(String.format(
                Locale.ROOT,
                "Demo time: %.0f s. Next: ./aio run lists the tutorial programs in Java;",
                secondsSince(start)));
        screen.println("docs/guide.md walks through them next to the Python.");
    }

    // ---- building blocks ----

    /** Simulates a transfer: waits for data in steps of about 50 ms, as a socket read would. */
    void download(Transfer t) {
        downloadPart(t, 1.0);
    }

    /** Like {@link #download} but stops at {@code part} of the file. */
    void downloadPart(Transfer t, double part) {
        int steps = Math.max(1, (int) Math.round(t.file.seconds() / 0.05));
        Duration step = seconds(t.file.seconds() / steps);
        int last = (int) Math.round(steps * part);
        for (int i = 1; i <= last; i++) {
            Asyncio.sleep(step);
            t.fraction = (double) i / steps;
        }
    }

    static List<Transfer> transfers() {
        return FILES.stream().map(Transfer::new).toList();
    }

    List<String> transferLines(String title, List<Transfer> transfers, long start) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "  %s %s",
                screen.bold(title),
                screen.dim(String.format(Locale.ROOT, "%.1f s", secondsSince(start)))));
        for (Transfer t : transfers) {
            lines.add(transferLine(t));
        }
        return lines;
    }

    /** A bar for {@code t}, then its size, or its status once it has one. */
    String transferLine(Transfer t) {
        String detail = t.status.isEmpty()
                ? String.format(Locale.ROOT, "%4.1f/%.1f MB", t.file.megabytes() * t.fraction, t.file.megabytes())
                : t.status;
        return String.format(
                Locale.ROOT,
                "  %-16s %s %3d%%  %s",
                t.file.name(),
                screen.bar(t.fraction, 20),
                Math.round(t.fraction * 100),
                detail);
    }

    String tickerLine(Ticker ticker) {
        return String.format(
                Locale.ROOT,
                "  %-24s %s %3d ticks, at most %4d ms late",
                "ticker (every 100 ms)",
                screen.green(screen.spinner(now())),
                ticker.ticks,
                ticker.maxDelayMillis());
    }

    String jobLine(String what, long result, long start, double seconds, String where) {
        String state = result >= 0
                ? screen.tick() + String.format(Locale.ROOT, " %,d primes", result)
                : screen.yellow(screen.spinner(now())) + " " + where;
        double progress = Math.max(0, Math.min(1, secondsSince(start) / seconds));
        return String.format(Locale.ROOT, "  %-24s %s %s", what, screen.bar(result >= 0 ? 1 : progress, 16), state);
    }

    void heading(int number, String title) {
        pause(1.5); // time to read the previous scene
        screen.println();
        screen.println(screen.bold(screen.cyan(number > 0 ? number + ". " + title : title)));
    }

    /** "1.5 s", "2 s" or "150 ms". */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    void pause(double seconds) {
        Asyncio.sleep(seconds(seconds));
    }

    Duration seconds(double seconds) {
        return Timing.seconds(seconds * settings.scale());
    }

    static long now() {
        return Asyncio.currentLoop().time();
    }

    static double secondsSince(long start) {
        return (now() - start) / 1e9;
    }

    /** Counts primes by trial division until {@code seconds} have passed: CPU work that holds its thread. */
    static long countPrimesFor(double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        for (long n = 2; ; n++) {
            if ((n & 1023) == 0 && System.nanoTime() >= deadline) {
                return count;
            }
            if (isPrime(n)) {
                count++;
            }
        }
    }

    static boolean isPrime(long n) {
        if (n < 4) {
            return n >= 2;
        }
        if (n % 2 == 0) {
            return false;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** Heap in use after a full collection: run it with toThread, off the loop. */
    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
