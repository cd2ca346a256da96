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
    /** What one process did. */
    record Outcome(
            List<String> command,
            int exitCode,
            boolean timedOut,
            List<String> stdout,
            List<String> stderr,
            GnuTime time,
            double elapsedSeconds) {
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

    private final Path scratch;
    private final boolean gnuTime;
    private final boolean taskset;
    private int sequence;

    /**
     * @param scratch where output files go
     * @param gnuTime whether to wrap programs in {@code /usr/bin/time -v}
     * @param taskset whether {@code taskset} may be used for pinning
     */
    ProcessRunner(Path scratch, boolean gnuTime, boolean taskset) {
        this.scratch = scratch;
        this.gnuTime = gnuTime;
        this.taskset = taskset;
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
        Started p = start(command, dir, cpu);
        boolean finished = p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            killTree(p.process);
        }
        return p.finish(!finished);
    }

    /**
     * Runs {@code server} (pinned to CPU 1) until it prints a line starting with {@code READY}, then
     * {@code load} (pinned to CPU 0) to its end, then stops the server. The outcome is the load's,
     * with the server's {@code time} report (its CPU time is the server's cost).
     */
    Outcome runWithLoad(List<String> server, List<String> load, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Started s = start(server, dir, 1);
        try {
            while (!s.readLines(s.out).stream().anyMatch(l -> l.startsWith("READY"))) {
                if (!s.process.isAlive()) {
                    Outcome dead = s.finish(false);
                    return withFailure(dead, "the server ended before printing READY");
                }
                if (System.nanoTime() > deadline) {
                    killTree(s.process);
                    return s.finish(true);
                }
                Thread.sleep(20);
            }
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Outcome loadOutcome = run(load, dir, 0, left);
            stop(s.process);
            Outcome serverOutcome = s.finish(false);
            return new Outcome(
                    loadOutcome.command(),
                    loadOutcome.exitCode(),
                    loadOutcome.timedOut(),
                    loadOutcome.stdout(),
                    loadOutcome.stderr(),
                    serverOutcome.time(),
                    loadOutcome.elapsedSeconds());
        } finally {
            if (s.process.isAlive()) {
                killTree(s.process);
            }
        }
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
                o.elapsedSeconds());
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

    private Started start(List<String> command, Path dir, int cpu) throws IOException {
        Files.createDirectories(scratch);
        int n = ++sequence;
        Path out = scratch.resolve("run-" + n + ".out");
        Path err = scratch.resolve("run-" + n + ".err");
        Path time = scratch.resolve("run-" + n + ".time");
        Files.deleteIfExists(time);
        List<String> full = wrap(command, cpu, time);
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        long start = System.nanoTime();
        return new Started(pb.start(), full, out, err, time, start);
    }

    /** Asks the process tree to stop (SIGTERM to the children first, so time still reports), then kills it. */
    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            killTree(process);
        }
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
