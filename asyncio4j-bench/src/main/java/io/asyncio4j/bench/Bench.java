package io.asyncio4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./aio bench}: runs the BENCH.md workloads for asyncio4j and its peers in one session and
 * reports medians and ratios.
 *
 * <p>For each workload case, for each run, every peer runs once in turn (interleaved, so a noisy
 * spell of the shared machine hits all of them alike), each in a fresh process under {@code
 * /usr/bin/time -v} with a time limit. Every run is appended at once as a JSON line to {@code
 * bench/results/<date>-<host>.jsonl}. At the end the harness prints the table of medians and
 * ratios, warns about asyncio4j figures more than 10 % worse than the committed {@code
 * bench/results/latest.json}, and (unless {@code --quick}) rewrites {@code latest.json}, {@code
 * latest.md} and {@code docs/bench.svg}. It says what it skipped and why.
 *
 * <p>{@code ./aio bench jmh [regex]} runs the JMH micro-benchmarks instead ({@link JmhBenchmarks}).
 */
public final class Bench {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> list = List.of(args);
        if (!list.isEmpty() && list.getFirst().equals("jmh")) {
            System.exit(JmhBenchmarks.run(repositoryRoot(), list.subList(1, list.size())));
        }
        if (list.contains("-h") || list.contains("--help") || list.contains("help")) {
            OUT.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(list);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new Bench().session(repositoryRoot(), options, "./aio bench " + String.join(" ", args)));
    }

    /** The repository root: {@code -Dasyncio4j.root}, else the nearest folder up holding {@code aio}. */
    static Path repositoryRoot() {
        String given = System.getProperty("asyncio4j.root");
        if (given != null) {
            return Path.of(given).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("aio")) && Files.exists(d.resolve("asyncio4j-bench"))) {
                return d;
            }
        }
        return dir;
    }

    private int session(Path root, BenchOptions options, String commandLine) throws IOException, InterruptedException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String session = started.toString();
        Machine machine = Machine.detect();
        Path scratch = root.resolve("asyncio4j-bench/target/bench-runs");
        deleteTree(scratch);
        Files.createDirectories(scratch);

        boolean gnuTime = ProcessRunner.gnuTimeAvailable();
        boolean taskset = ProcessRunner.tasksetAvailable();
        ProcessRunner runner = new ProcessRunner(scratch, gnuTime, taskset);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Peer> all = Peers.discover(
                root, java, System.getProperty("java.class.path"), Peers.Probe.of(scratch.resolve("probe"), root));

        List<String> skipped = new ArrayList<>();
        List<Peer> peers = new ArrayList<>();
        for (Peer p : all) {
            if (!options.wants(p)) {
                continue;
            }
            if (p.available()) {
                peers.add(p);
            } else {
                skipped.add("peer " + p.label() + ": " + p.skipReason());
            }
        }
        for (String name : options.peers()) {
            if (all.stream().noneMatch(p -> p.name().equals(name))) {
                skipped.add("peer '" + name + "': unknown (known: "
                        + String.join(
                                ", ",
                                all.stream()
                                        .filter(p -> !p.isAsyncio4j())
                                        .map(Peer::name)
                                        .toList())
                        + ")");
            }
        }
        if (!gnuTime) {
            skipped.add("peak RSS: /usr/bin/time is missing (apt-get install time; bench/setup.sh does it)");
        }
        if (options.pin() && !taskset) {
            skipped.add("pinning: taskset is missing (util-linux)");
        }

        List<Workload> cases = new ArrayList<>();
        for (String id : options.workloads()) {
            String notYet = Workloads.NOT_YET.get(id);
            if (notYet != null) {
                skipped.add(notYet);
                continue;
            }
            for (Workload w : Workloads.cases(id, options.quick())) {
                // --pin is for single programs: a server's pinning is part of its case.
                cases.add(options.pin() && !w.hasLoad() && w.pinCpu() < 0 ? w.pinnedTo(1) : w);
            }
        }
        if (cases.stream().anyMatch(Workload::hasLoad)) {
            String cannot = loadWorkloadsCannotRun(root, scratch, cases.stream().anyMatch(w -> w.id().equals("W4")));
            if (cannot != null) {
                cases.stream()
                        .filter(Workload::hasLoad)
                        .map(w -> w.key() + ": " + cannot)
                        .forEach(skipped::add);
                cases.removeIf(Workload::hasLoad);
            }
        }
        if (cases.stream().anyMatch(w -> w.id().equals("W5")) && !ProcessRunner.onPath("wrk")) {
            cases.stream()
                    .filter(w -> w.id().equals("W5"))
                    .map(w ->
                            w.key() + ": wrk is not installed (apt-get install wrk; bench/setup.sh does it when root)")
                    .forEach(skipped::add);
            cases.removeIf(w -> w.id().equals("W5"));
        }

        OUT.println("asyncio4j bench, " + session + (options.quick() ? " (quick)" : ""));
        OUT.println("  machine: " + machine.describe());
        OUT.println("  JDK:     " + machine.jdk());
        for (Peer p : all) {
            if (options.wants(p)) {
                OUT.println(String.format(
                        Locale.ROOT,
                        "  %-20s %s",
                        p.label(),
                        p.available() ? p.version() : "SKIPPED: " + p.skipReason()));
            }
        }
        OUT.println("  runs:    " + options.runs() + " per case and peer, interleaved; medians reported");

        List<String> failures = new ArrayList<>();
        Path results = root.resolve("bench/results");
        Files.createDirectories(results);
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(started.atOffset(ZoneOffset.UTC));
        Path jsonl = results.resolve(date + "-" + machine.fileSafeHost() + ".jsonl");
        append(
                jsonl,
                sessionLine(new Session(session, machine, peers, cases, commandLine, options, skipped, failures)));

        List<RunRecord> records = new ArrayList<>();
        Map<String, List<String>> withoutProgram = new LinkedHashMap<>();
        for (Workload w : cases) {
            OUT.println();
            OUT.println(w.key() + " (" + w.name() + ")");
            NginxServer nginx = null;
            if (Workloads.againstNginx(w)) {
                String cannot = NginxServer.cannotRun();
                if (cannot == null) {
                    try {
                        nginx = NginxServer.start(scratch.resolve("nginx-" + w.id()), 1, taskset);
                        OUT.println("  nginx on " + nginx.url() + (taskset ? ", pinned to CPU 1" : ""));
                    } catch (IOException e) {
                        cannot = e.getMessage();
                    }
                }
                if (cannot != null) {
                    OUT.println("  skipped: " + cannot);
                    skipped.add(w.key() + ": " + cannot);
                    continue;
                }
            }
            try {
                runCase(w, peers, options, runner, root, session, nginx, records, jsonl, failures, withoutProgram);
            } finally {
                if (nginx != null) {
                    nginx.close();
                }
            }
        }

        withoutProgram.forEach((peer, keys) -> skipped.add("peer " + peer + " has no program in asyncio4j-bench/peers"
                + " for " + String.join(", ", keys) + " (" + Report.NOT_APPLICABLE + " in the table)"));

        Medians medians = Medians.of(records);
        Report report = new Report(cases, peers, medians);
        OUT.println();
        OUT.println("Medians; in parentheses how many times better asyncio4j is (peer / asyncio4j for times and"
                + " sizes, asyncio4j / peer for rates; above 1x asyncio4j wins):");
        OUT.println();
        OUT.print(report.text());

        OUT.println();
        List<String> warnings = regressions(root, scratch, cases, medians);
        warnings.forEach(OUT::println);

        OUT.println();
        OUT.println("All runs: " + root.relativize(jsonl));
        if (options.quick()) {
            OUT.println("Quick run: bench/results/latest.*, docs/bench.svg and the README left as they are.");
        } else if (options.partial()) {
            OUT.println("Some workloads or peers only: bench/results/latest.*, docs/bench.svg and the README left"
                    + " as they are (a full ./aio bench writes them).");
        } else if (medians.isEmpty()) {
            OUT.println("No run succeeded: bench/results/latest.* and docs/bench.svg left as they are.");
        } else {
            writeLatest(
                    root,
                    new Session(session, machine, peers, cases, commandLine, options, skipped, failures),
                    medians);
            OUT.println("Written: bench/results/latest.md, bench/results/latest.json, docs/bench.svg and the"
                    + " README's Performance section");
        }
        if (!failures.isEmpty()) {
            OUT.println();
            OUT.println("Failed runs (output in asyncio4j-bench/target/bench-runs):");
            failures.forEach(f -> OUT.println("  " + f));
        }
        OUT.println();
        OUT.println(skipped.isEmpty() ? "Skipped: nothing." : "Skipped:");
        skipped.forEach(s -> OUT.println("  " + s));
        return failures.isEmpty() ? 0 : 1;
    }

    /** Runs every peer on case {@code w}, {@code options.runs()} times, interleaved; {@code nginx} is W6's server or null. */
    private static void runCase(
            Workload w,
            List<Peer> peers,
            BenchOptions options,
            ProcessRunner runner,
            Path root,
            String session,
            NginxServer nginx,
            List<RunRecord> records,
            Path jsonl,
            List<String> failures,
            Map<String, List<String>> withoutProgram)
            throws IOException, InterruptedException {
        int runs = Workloads.runs(w, options.runs());
        for (int run = 1; run <= runs; run++) {
            for (Peer p : peers) {
                if (!w.runsFor(p)) {
                    continue;
                }
                List<String> command = p.command().apply(w);
                if (command == null) {
                    if (run == 1) {
                        withoutProgram
                                .computeIfAbsent(p.label(), k -> new ArrayList<>())
                                .add(w.key());
                    }
                    continue;
                }
                if (nginx != null) {
                    command = command.stream()
                            .map(a -> a.equals(NginxServer.URL) ? nginx.url() : a)
                            .toList();
                }
                NginxServer.Status before = nginx == null ? null : nginx.status();
                ProcessRunner.Outcome outcome = w.hasLoad()
                        ? runner.runWithLoad(
                                command, w.pinCpu(), inRoot(root, w.load()), w.loadCpu(), root, w.timeout())
                        : runner.run(command, root, w.pinCpu(), w.timeout());
                Map<String, Double> measured = new LinkedHashMap<>();
                if (nginx != null) {
                    measured.put(Workloads.REUSE, nginx.status().reuseSince(before));
                }
                if (w.wholeProcess() && p.jvm() && outcome.ok()) {
                    double classes = classesLoaded(runner, command, root, w);
                    if (!Double.isNaN(classes)) {
                        measured.put(Workloads.CLASSES, classes);
                    }
                }
                RunRecord record = RunRecord.of(session, w, p, run, outcome, measured);
                records.add(record);
                append(jsonl, record.toJson());
                OUT.println(progress(w, p, run, runs, record));
                if (!record.ok()) {
                    failures.add(w.key() + " " + p.label() + " run " + run + ": " + record.error());
                }
            }
        }
    }

    /**
     * How many classes the JVM program {@code command} loads, counted in a run of its own with
     * {@code -Xlog:class+load} written to a file (the timed run keeps the JVM's default flags, and
     * the program's output is left alone); NaN when that run fails.
     */
    private static double classesLoaded(ProcessRunner runner, List<String> command, Path root, Workload w)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(root.resolve("asyncio4j-bench/target"), "classes", ".log");
        try {
            List<String> counted = new ArrayList<>(command);
            counted.add(1, "-Xlog:class+load=info:file=" + log);
            if (!runner.run(counted, root, w.pinCpu(), w.timeout()).ok()) {
                return Double.NaN;
            }
            try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
                return lines.filter(l -> l.contains(" source: ")).count();
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Why the workloads with a load generator cannot run here, or null when they can: the
     * generator is built (gcc) and {@code /proc} can be read for the server's CPU time.
     */
    private static String loadWorkloadsCannotRun(Path root, Path scratch, boolean needsGenerator)
            throws IOException, InterruptedException {
        if (!ProcStat.available()) {
            return "the server's CPU time is read from /proc/<pid>/stat, which this system lacks (Linux only)";
        }
        return needsGenerator
                ? LoadGenerator.ensureBuilt(root, new ProcessRunner(scratch.resolve("gcc"), false, false))
                : null;
    }

    /** {@code command} with its program, a path relative to the repository root, made absolute. */
    static List<String> inRoot(Path root, List<String> command) {
        List<String> absolute = new ArrayList<>(command);
        absolute.set(0, root.resolve(command.getFirst()).toString());
        return absolute;
    }

    private static String progress(Workload w, Peer p, int run, int runs, RunRecord r) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-20s run %d/%d  ", p.label(), run, runs));
        if (!r.ok()) {
            line.append("FAILED: ").append(r.error());
        } else {
            for (Figure f : w.figures()) {
                Double v = r.figures().get(f.name());
                if (v == null && f.name().equals(Workloads.CLASSES) && !p.jvm()) {
                    continue;
                }
                line.append(f.name())
                        .append('=')
                        .append(v == null ? "?" : Report.number(v))
                        .append("  ");
            }
            line.append(String.format(Locale.ROOT, "(%.1f s)", r.elapsedSeconds()));
        }
        return line.toString();
    }

    private static String sessionLine(Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "session");
        m.put("session", s.id());
        m.put("host", s.machine().host());
        m.put("cpu", s.machine().cpu());
        m.put("cores", s.machine().cores());
        m.put("memory_gib", s.machine().memoryGb());
        m.put("os", s.machine().os());
        m.put("jdk", s.machine().jdk());
        Map<String, Object> versions = new LinkedHashMap<>();
        for (Peer p : s.peers()) {
            versions.put(p.name(), p.version());
        }
        m.put("peers", versions);
        m.put("command", s.commandLine());
        m.put("quick", s.options().quick());
        m.put("runs", s.options().runs());
        m.put("pinned", s.options().pin());
        return Json.write(m);
    }

    /** The regression warnings against the committed latest.json, or a line saying there is none. */
    private static List<String> regressions(Path root, Path scratch, List<Workload> cases, Medians medians)
            throws IOException, InterruptedException {
        ProcessRunner git = new ProcessRunner(scratch.resolve("git"), false, false);
        ProcessRunner.Outcome shown =
                git.run(List.of("git", "show", "HEAD:bench/results/latest.json"), root, -1, Duration.ofSeconds(20));
        if (!shown.ok()) {
            return List.of("No committed bench/results/latest.json to compare against: no regression check.");
        }
        Baseline baseline;
        try {
            baseline = Baseline.parse(String.join("\n", shown.stdout()));
        } catch (IllegalArgumentException e) {
            return List.of("The committed bench/results/latest.json cannot be read (" + e.getMessage()
                    + "): no regression check.");
        }
        List<String> warnings = baseline.regressions(cases, medians);
        if (warnings.isEmpty()) {
            return List.of("No asyncio4j figure regressed more than 10 % against the committed results of "
                    + baseline.session() + ".");
        }
        return warnings;
    }

    private static void writeLatest(Path root, Session s, Medians medians) throws IOException {
        Map<String, Object> latest = new LinkedHashMap<>();
        latest.put("session", s.id());
        latest.put("host", s.machine().host());
        latest.put("command", s.commandLine());
        latest.put("runs", s.options().runs());
        latest.put("medians", medians.asMap());
        Files.writeString(root.resolve("bench/results/latest.json"), Json.write(latest) + "\n", StandardCharsets.UTF_8);
        String page = LatestPage.markdown(s, medians);
        Files.writeString(root.resolve("bench/results/latest.md"), page, StandardCharsets.UTF_8);
        Path readme = root.resolve("README.md");
        Files.writeString(
                readme,
                LatestPage.intoReadme(Files.readString(readme, StandardCharsets.UTF_8), page),
                StandardCharsets.UTF_8);

        Machine machine = s.machine();
        String svg = BarChart.svg(
                "asyncio4j vs its peers: how many times better (medians of "
                        + s.options().runs() + " runs)",
                s.id().substring(0, 10) + ", " + machine.cores() + " cores (" + machine.cpu() + "), " + machine.jdk()
                        + "; " + s.commandLine(),
                s.peers().stream()
                        .filter(p -> !p.isAsyncio4j())
                        .map(Peer::label)
                        .toList(),
                BarChart.groups(s.cases(), s.peers(), medians));
        Path docs = root.resolve("docs");
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("bench.svg"), svg, StandardCharsets.UTF_8);
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(
                file,
                line + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
