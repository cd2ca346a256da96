package io.asyncio4j.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of one workload case by one peer: what goes into a line of {@code
 * bench/results/<date>-<host>.jsonl}.
 *
 * @param session when the harness session started (ISO-8601, UTC); groups the runs of one session
 * @param workload the case's key, such as {@code W1 n=1000000}
 * @param peer the peer's name
 * @param run 1 for the first run of this case and peer in the session
 * @param figures the values of the RESULT line plus {@code rss_mb} and {@code cpu_s} from {@code
 *     time}, and for a server under load its CPU time in the measured window ({@code server_cpu_s},
 *     and {@code server_cpu_us_per_msg} when the RESULT line counts {@code msgs}); empty when the
 *     run failed
 * @param error why the run failed, or null
 * @param elapsedSeconds the wall time of the whole process
 * @param command the command as run
 */
record RunRecord(
        String session,
        String workload,
        String peer,
        int run,
        Map<String, Double> figures,
        String error,
        double elapsedSeconds,
        List<String> command) {
    RunRecord {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        command = List.copyOf(command);
    }

    /** What a start-up program ({@link Workload#wholeProcess}) prints. */
    static final String HELLO = "hello";

    /** The server's CPU seconds in the load generator's measured window. */
    static final String SERVER_CPU_S = "server_cpu_s";

    /**
     * How much the server's resident memory grew while the load generator connected and ran, per
     * connection it kept (its RESULT line's {@code connections}), in KB.
     */
    static final String SERVER_RSS_KB_PER_CONNECTION = "server_rss_kb_per_conn";

    /** {@link #SERVER_CPU_S} per message the generator counted in that window, in µs. */
    static final String SERVER_CPU_US_PER_MSG = "server_cpu_us_per_msg";

    boolean ok() {
        return error == null;
    }

    /**
     * Builds the record of a finished process: its RESULT line (which must carry the workload's id
     * and every figure the workload reports) plus peak RSS and CPU time.
     */
    static RunRecord of(String session, Workload w, Peer peer, int run, ProcessRunner.Outcome outcome) {
        return of(session, w, peer, run, outcome, Map.of());
    }

    /**
     * As {@link #of(String, Workload, Peer, int, ProcessRunner.Outcome)}, with figures the harness
     * measured itself ({@code measured}, such as W6's keep-alive reuse from the server's counters).
     */
    static RunRecord of(
            String session,
            Workload w,
            Peer peer,
            int run,
            ProcessRunner.Outcome outcome,
            Map<String, Double> measured) {
        String error = outcome.failure();
        Map<String, Double> figures = new LinkedHashMap<>();
        if (error == null) {
            try {
                if (w.wholeProcess()) {
                    // The harness measures the whole process; the program only says hello.
                    if (outcome.stdout().stream().noneMatch(l -> l.strip().equals(HELLO))) {
                        throw new IllegalArgumentException("the program did not print " + HELLO);
                    }
                    figures.put("wall_s", outcome.elapsedSeconds());
                } else {
                    ResultLine line = ResultLine.last(outcome.stdout())
                            .orElseThrow(() -> new IllegalArgumentException("the program printed no RESULT line"));
                    if (!line.id().equals(w.id())) {
                        throw new IllegalArgumentException("RESULT line of " + line.id() + ", expected " + w.id());
                    }
                    figures.putAll(line.values());
                }
                figures.putAll(measured);
                GnuTime time = outcome.time();
                if (time.peakRssKb() >= 0) {
                    figures.put("rss_mb", time.peakRssMb());
                }
                if (!Double.isNaN(time.cpuSeconds())) {
                    figures.put("cpu_s", time.cpuSeconds());
                }
                double window = outcome.windowCpuSeconds();
                if (w.hasLoad() && Double.isNaN(window)) {
                    throw new IllegalArgumentException(
                            "no CPU time of the server in the measured window (no MEASURE line before RESULT?)");
                }
                Double connections = figures.get("connections");
                if (outcome.rssGrowthKb() >= 0 && connections != null && connections > 0) {
                    figures.put(SERVER_RSS_KB_PER_CONNECTION, outcome.rssGrowthKb() / connections);
                }
                if (!Double.isNaN(window)) {
                    figures.put(SERVER_CPU_S, window);
                    Double msgs = figures.get("msgs");
                    if (msgs != null && msgs > 0) {
                        figures.put(SERVER_CPU_US_PER_MSG, window * 1e6 / msgs);
                    }
                }
                Double failed = figures.get("errors");
                if (failed != null && failed > 0) {
                    throw new IllegalArgumentException(String.format(
                            "%.0f of %s requests failed (the load generator counted errors or non-2xx/3xx"
                                    + " answers): a failed request is not a measurement; see the server's output",
                            failed, figures.containsKey("msgs") ? String.format("%.0f", figures.get("msgs")) : "the"));
                }
                for (Figure f : w.figures()) {
                    if (!figures.containsKey(f.name())
                            && !f.name().equals("rss_mb")
                            && !f.name().equals("cpu_s")
                            && !f.name().equals(Workloads.CLASSES)) {
                        throw new IllegalArgumentException("the RESULT line lacks " + f.name());
                    }
                }
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
                figures.clear();
            }
        }
        return new RunRecord(
                session, w.key(), peer.name(), run, figures, error, outcome.elapsedSeconds(), outcome.command());
    }

    /** The JSON line: {@code {"type":"run", ...}}. */
    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "run");
        m.put("session", session);
        m.put("workload", workload);
        m.put("peer", peer);
        m.put("run", run);
        m.put("ok", ok());
        m.put("figures", figures);
        if (error != null) {
            m.put("error", error);
        }
        m.put("elapsed_s", elapsedSeconds);
        m.put("command", command);
        return Json.write(m);
    }
}
