package io.asyncio4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the programs of a benchmark: each in a process of its own, bounded in time (killed with its
 * children when over), wrapped in {@code /usr/bin/time -v} when that exists, and pinned with
 * {@code taskset -c} when asked. Output goes to files in a scratch folder, never to pipes that
 * could fill up.
 */
final class ProcessRunner {
    /**
     * What one process did.
     *
     * @param windowCpuSeconds the CPU seconds a server used in the load generator's measured window
     *     ({@link #runWithLoad}), or NaN
     * @param rssGrowthKb how much a server's resident memory grew from its READY line to the load
     *     generator's RESULT line (what its connections hold), in KB, or -1
     */
    record Outcome(
            List<String> command,
            int exitCode,
            boolean timedOut,
            List<String> stdout,
            List<String> stderr,
            GnuTime time,
            double elapsedSeconds,
            double windowCpuSeconds,
            long rssGrowthKb) {
        /** An outcome without a measured window or memory growth. */
        Outcome(
                List<String> command,
                int exitCode,
                boolean timedOut,
                List<String> stdout,
                List<String> stderr,
                GnuTime time,
                double elapsedSeconds,
                double windowCpuSeconds) {
            this(command, exitCode, timedOut, stdout, stderr, time, elapsedSeconds, windowCpuSeconds, -1);
        }

        /** An outcome without a measured window. */
        Outcome(
                List<String> command,
                int exitCode,
                boolean timedOut,
                List<String> stdout,
                List<String> stderr,
                GnuTime time,
                double elapsedSeconds) {
            this(command, exitCode, timedOut, stdout, stderr, time, elapsedSeconds, Double.NaN, -1);
        }

        boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** Why the run failed, in one line, or null if it did not. */
        String failure() {
            if (timedOut) {
                return String.format(java.util.Locale.ROOT, "timed out after %.0f s (killed)", elapsedSeconds);
            }
            if (exitCode != 0) {
                String last = stderr.isEmpty() ? "" : ": " + stderr.getLast().strip();
                return "exit code " + exitCode + last;
            }
            return null;
        }
    }

    /**
     * What a load command says where the server's port goes ({@link #runWithLoad}): the harness
     * learns the port only from the server's READY line.
     */
    static final String PORT = "{port}";

    /** How long a server may take to end once its standard input closes, unless told otherwise. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path scratch;
    private final boolean gnuTime;
    private final boolean taskset;
    private final Duration stopGrace;
    private int sequence;

    /**
     * @param scratch where output files go
     * @param gnuTime whether to wrap programs in {@code /usr/bin/time -v}
     * @param taskset whether {@code taskset} may be used for pinning
     */
    ProcessRunner(Path scratch, boolean gnuTime, boolean taskset) {
        this(scratch, gnuTime, taskset, STOP_GRACE);
    }

    /** As above, with {@code stopGrace} instead of {@link #STOP_GRACE}. */
    ProcessRunner(Path scratch, boolean gnuTime, boolean taskset, Duration stopGrace) {
        this.scratch = scratch;
        this.gnuTime = gnuTime;
        this.taskset = taskset;
        this.stopGrace = stopGrace;
    }

    /** Whether {@code /usr/bin/time} exists here. */
    static boolean gnuTimeAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/time"));
    }

    /** Whether {@code taskset} can be run. */
    static boolean tasksetAvailable() {
        return onPath("taskset");
    }

    /** Whether an executable named {@code name} is on the PATH. */
    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command} in {@code dir}, pinned to {@code cpu} (-1: not pinned), at most {@code timeout}. */
    Outcome run(List<String> command, Path dir, int cpu, Duration timeout) throws IOException, InterruptedException {
        Started p = start(command, dir, cpu, false);
        boolean finished = p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            killTree(p.process);
        }
        return p.finish(!finished);
    }

    /**
     * Runs a server and a load generator against it (BENCH.md W4 to W6), at most {@code timeout} in
     * all:
     *
     * <ol>
     *   <li>starts {@code server} pinned to {@code serverCpu}, its standard input a pipe the harness
     *       holds, and waits for its line {@code READY port=<n>};
     *   <li>runs {@code load} pinned to {@code loadCpu}, with {@link #PORT} replaced by the port, and
     *       samples the server's CPU time ({@link ProcStat}) when the generator prints {@code
     *       MEASURE} (the measured window starts) and when it prints its {@code RESULT} line;
     *   <li>closes the server's standard input, which asks it to stop, and waits {@link
     *       #STOP_GRACE} (or the grace given) for it to end before killing it.
     * </ol>
     *
     * <p>The outcome is the generator's (its output holds the RESULT line) with the server's command
     * and {@code time} report, and the server's CPU seconds in the measured window. It fails when
     * the server ends before READY, the generator fails, or the server does not stop; either
     * process is killed when the run fails or runs out of time.
     */
    Outcome runWithLoad(List<String> server, int serverCpu, List<String> load, int loadCpu, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Started s = start(server, dir, serverCpu, true);
        Started g = null;
        try {
            String ready;
            while (true) {
                ready = completeLines(s.out).stream()
                        .filter(l -> l.startsWith("READY"))
                        .findFirst()
                        .orElse(null);
                if (ready != null) {
                    break;
                }
                if (!s.process.isAlive()) {
                    return withFailure(s.finish(false), "the server ended before printing READY");
                }
                if (System.nanoTime() > deadline) {
                    killTree(s.process);
                    return withFailure(s.finish(true), "the server printed no READY line");
                }
                Thread.sleep(20);
            }
            long rssAtReady = ProcStat.rssKb(s.process.toHandle());
            List<String> loadCommand;
            try {
                loadCommand = withPort(load, ready);
            } catch (IllegalArgumentException e) {
                killTree(s.process);
                return withFailure(s.finish(false), e.getMessage());
            }

            g = start(loadCommand, dir, loadCpu, false);
            double atMeasure = Double.NaN;
            double atResult = Double.NaN;
            long rssAtResult = -1;
            int seen = 0;
            boolean timedOut = false;
            while (true) {
                boolean ended = !g.process.isAlive();
                List<String> lines = completeLines(g.out);
                for (String line : lines.subList(seen, lines.size())) {
                    if (line.strip().equals("MEASURE")) {
                        atMeasure = ProcStat.cpuSeconds(s.process.toHandle());
                    } else if (line.startsWith(ResultLine.PREFIX)) {
                        atResult = ProcStat.cpuSeconds(s.process.toHandle());
                        rssAtResult = ProcStat.rssKb(s.process.toHandle());
                    }
                }
                seen = lines.size();
                if (ended) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    killTree(g.process);
                    timedOut = true;
                    break;
                }
                Thread.sleep(5);
            }
            Outcome loadOutcome = g.finish(timedOut);
            String stopFailure = stopServer(s);
            Outcome serverOutcome = s.finish(false);
            Outcome combined = new Outcome(
                    serverOutcome.command(),
                    loadOutcome.exitCode(),
                    loadOutcome.timedOut(),
                    loadOutcome.stdout(),
                    loadOutcome.stderr(),
                    serverOutcome.time(),
                    loadOutcome.elapsedSeconds(),
                    atResult - atMeasure,
                    rssAtReady >= 0 && rssAtResult >= 0 ? rssAtResult - rssAtReady : -1);
            return loadOutcome.ok() && stopFailure != null ? withFailure(combined, stopFailure) : combined;
        } finally {
            if (g != null && g.process.isAlive()) {
                killTree(g.process);
            }
            if (s.process.isAlive()) {
                killTree(s.process);
            }
        }
    }

    /**
     * {@code load} with every {@link #PORT} replaced by the port of {@code ready}, a line {@code
     * READY port=<n>}.
     *
     * @throws IllegalArgumentException if {@code load} needs the port and {@code ready} has none
     */
    static List<String> withPort(List<String> load, String ready) {
        if (!load.contains(PORT)) {
            return load;
        }
        String port = null;
        for (String word : ready.strip().split("\\s+")) {
            if (word.startsWith("port=") && word.substring(5).matches("[0-9]{1,5}")) {
                port = word.substring(5);
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("the server's READY line has no port=<n>: '" + ready + "'");
        }
        String p = port;
        return load.stream().map(a -> a.equals(PORT) ? p : a).toList();
    }

    /** Closes the server's standard input and waits for it to end; why it failed to, or null. */
    private String stopServer(Started s) throws InterruptedException {
        try {
            s.process.getOutputStream().close();
        } catch (IOException e) {
            // the server has already closed its end: it is ending
        }
        if (s.process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        killTree(s.process);
        return "the server did not end within " + stopGrace.toMillis() + " ms of its standard input closing (killed)";
    }

    /** The complete lines of an output file so far: a line still being written is left for later. */
    private static List<String> completeLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    private static Outcome withFailure(Outcome o, String why) {
        List<String> err = new ArrayList<>(o.stderr());
        err.add(why);
        return new Outcome(
                o.command(),
                o.exitCode() == 0 ? 1 : o.exitCode(),
                o.timedOut(),
                o.stdout(),
                err,
                o.time(),
                o.elapsedSeconds(),
                o.windowCpuSeconds(),
                o.rssGrowthKb());
    }

    /** The full command line as run: time and taskset wrappers included. */
    List<String> wrap(List<String> command, int cpu, Path timeFile) {
        List<String> full = new ArrayList<>();
        if (gnuTime) {
            full.addAll(List.of("/usr/bin/time", "-v", "-o", timeFile.toString()));
        }
        if (cpu >= 0 && taskset) {
            full.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        full.addAll(command);
        return full;
    }

    /**
     * Starts {@code command}; its standard input is a pipe when {@code stdinPipe} (closing it asks a
     * server to stop), else {@code /dev/null}.
     */
    private Started start(List<String> command, Path dir, int cpu, boolean stdinPipe) throws IOException {
        Files.createDirectories(scratch);
        int n = ++sequence;
        Path out = scratch.resolve("run-" + n + ".out");
        Path err = scratch.resolve("run-" + n + ".err");
        Path time = scratch.resolve("run-" + n + ".time");
        Files.deleteIfExists(time);
        List<String> full = wrap(command, cpu, time);
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(dir.toFile())
                .redirectInput(
                        stdinPipe
                                ? ProcessBuilder.Redirect.PIPE
                                : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        long start = System.nanoTime();
        return new Started(pb.start(), full, out, err, time, start);
    }

    private static void killTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private record Started(Process process, List<String> command, Path out, Path err, Path time, long startNanos) {
        List<String> readLines(Path file) throws IOException {
            return Files.exists(file)
                    ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                            .lines()
                            .toList()
                    : List.of();
        }

        Outcome finish(boolean timedOut) throws IOException, InterruptedException {
            process.waitFor(10, TimeUnit.SECONDS);
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            int exit = process.isAlive() ? -1 : process.exitValue();
            GnuTime report = Files.exists(time) ? GnuTime.parse(readLines(time)) : GnuTime.NONE;
            return new Outcome(command, exit, timedOut, readLines(out), readLines(err), report, elapsed);
        }
    }
}
