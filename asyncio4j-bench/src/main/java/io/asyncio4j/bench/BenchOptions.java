package io.asyncio4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@code ./aio bench [w0 w1 w2 ...] [--runs N] [--quick] [--pin] [--peers
 * a,b]}.
 *
 * @param workloads the workload ids asked for ({@code w1} ...), in BENCH.md order; all when none given
 * @param runs runs per workload case and peer
 * @param quick smaller sizes and fewer runs, for a smoke check; writes no latest.* files
 * @param pin pin every single-process workload to CPU 1 (BENCH.md pins only server/generator pairs)
 * @param peers the peers to run (asyncio4j always runs), or empty for all
 */
record BenchOptions(List<String> workloads, int runs, boolean quick, boolean pin, Set<String> peers) {
    static final int DEFAULT_RUNS = 3;
    static final int QUICK_RUNS = 2;

    static final String USAGE = """
            usage: ./aio bench [w0 w1 w2 w3 w4 w5 w6 w7] [--runs N] [--quick] [--pin] [--peers a,b,...]
                   ./aio bench jmh [regex] [--quick]

              w0 ... w7      the BENCH.md workloads to run (default: all); W0 is start-up (a hello
                             world, the whole process, default JVM flags); W1 to W3 run with the
                             tuned JVM flags and again with none (the "default flags" rows: what
                             `java -cp app.jar Main` gets), each run in a fresh JVM
              --runs N       runs per workload and peer; the table shows medians (default 3; --quick: 2;
                             W0 at least 5)
              --quick        smaller sizes, fewer runs: a smoke check in under 5 minutes; writes no
                             bench/results/latest.* and no docs/bench.svg
                             (nor does a run of some workloads or some peers only: the README's table
                             shows one full session)
              --pin          pin single-process workloads to CPU 1 too (taskset -c 1); W4 pins its
                             server and load generator by itself
              --peers LIST   only these peers besides asyncio4j: jdk, netty, vertx, asyncio, uvloop, node,
                             floor
              jmh [regex]    the JMH micro-benchmarks of the hot paths (regex selects classes)
            """;

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a message that says what is wrong
     */
    static BenchOptions parse(List<String> args) {
        Set<String> workloads = new LinkedHashSet<>();
        Integer runs = null;
        boolean quick = false;
        boolean pin = false;
        Set<String> peers = new LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--quick" -> quick = true;
                case "--pin" -> pin = true;
                case "--runs" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--runs needs a number");
                    }
                    runs = positive("--runs", args.get(++i));
                }
                case "--peers" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--peers needs a list such as jdk,node");
                    }
                    for (String p : args.get(++i).split(",")) {
                        if (!p.isBlank()) {
                            peers.add(p.strip());
                        }
                    }
                }
                default -> {
                    if (a.startsWith("--runs=")) {
                        runs = positive("--runs", a.substring("--runs=".length()));
                    } else if (a.startsWith("--peers=")) {
                        for (String p : a.substring("--peers=".length()).split(",")) {
                            if (!p.isBlank()) {
                                peers.add(p.strip());
                            }
                        }
                    } else if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    } else {
                        String id = a.toLowerCase(Locale.ROOT);
                        if (!Workloads.IDS.contains(id)) {
                            throw new IllegalArgumentException(
                                    "unknown workload '" + a + "'; BENCH.md defines " + Workloads.IDS);
                        }
                        workloads.add(id);
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String id : Workloads.IDS) {
            if (workloads.isEmpty() || workloads.contains(id)) {
                ordered.add(id);
            }
        }
        return new BenchOptions(ordered, runs != null ? runs : quick ? QUICK_RUNS : DEFAULT_RUNS, quick, pin, peers);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive number, not '" + value + "'");
    }

    /**
     * Whether this session leaves out workloads or peers: it then writes no {@code latest.*}, chart
     * or README table, which would lose the rows and columns it did not run.
     */
    boolean partial() {
        return !workloads.containsAll(Workloads.IDS) || !peers.isEmpty();
    }

    /** Whether {@code peer} is selected. */
    boolean wants(Peer peer) {
        return peer.isAsyncio4j() || peers.isEmpty() || peers.contains(peer.name());
    }
}
