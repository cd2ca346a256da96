package io.asyncio4j.bench;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One measured case of a BENCH.md workload: which program each peer runs, with which arguments and
 * JVM flags, what it reports, and how long it may take.
 *
 * <p>A workload with a {@code load} command (W4 to W6) runs the peer's program as a server (pinned
 * to {@code pinCpu}), waits until it prints {@code READY port=<n>}, then runs the load generator
 * against that port (pinned to CPU 0 when the server is pinned); the generator prints the RESULT
 * line, and the harness adds the server's CPU time in the generator's measured window ({@link
 * ProcessRunner#runWithLoad}). A workload without one runs the peer's program alone, which prints
 * the RESULT line itself.
 *
 * @param id the BENCH.md id, such as {@code W1}; also the id of the RESULT line
 * @param name the BENCH.md name, such as {@code spawn-sleep}
 * @param key unique across cases, such as {@code W1 n=1000000}: the JSON and the baseline use it
 * @param javaClass the simple name of the program class, in {@code io.asyncio4j.bench.workloads}
 *     (asyncio4j), {@code io.asyncio4j.bench.peers.jdk} (plain JDK) and {@code
 *     io.asyncio4j.bench.peers.netty} (Netty)
 * @param script the base name of the Python and Node.js programs in {@code peers/python} and {@code
 *     peers/node}
 * @param args the positional arguments of the Python and Node.js programs
 * @param javaArgs the arguments of the JVM programs (asyncio4j, plain JDK, Netty); the same as
 *     {@code args} but for a leading mode where the program has several, such as {@code serve}
 * @param jvmFlags the JVM flags for this workload, for asyncio4j and the plain-JDK peer alike
 * @param figures what the table reports; {@code rss_mb} comes from {@code /usr/bin/time}, the others
 *     from the RESULT line
 * @param timeout the limit of one run; the process is killed after it
 * @param load the load generator's command, relative to the repository root, with {@link
 *     ProcessRunner#PORT} where the server's port goes; an empty list when the program runs alone
 * @param pinCpu the CPU the program is pinned to ({@code taskset -c}), or -1 for none
 * @param onlyPeers the names of the peers that run this case, or empty for every peer (a case that
 *     measures a feature of asyncio4j alone, such as a loop group)
 * @param tunedKey for a case run with the JVM's default flags ({@link #defaultFlags}), the key of
 *     the same case with the tuned flags; null for any other case. Only the JVM peers run a
 *     default-flags case: the others take no JVM flags, so their figures are those of the tuned
 *     case, measured in the same session ({@link Report#median})
 */
record Workload(
        String id,
        String name,
        String key,
        String javaClass,
        String script,
        List<String> args,
        List<String> javaArgs,
        List<String> jvmFlags,
        List<Figure> figures,
        Duration timeout,
        List<String> load,
        int pinCpu,
        Set<String> onlyPeers,
        String tunedKey) {
    Workload {
        args = List.copyOf(args);
        javaArgs = List.copyOf(javaArgs);
        onlyPeers = Set.copyOf(onlyPeers);
        jvmFlags = List.copyOf(jvmFlags);
        figures = List.copyOf(figures);
        load = List.copyOf(load);
    }

    /** The id of the start-up workload, which measures a whole process rather than reading a RESULT line. */
    static final String START_UP = "W0";

    /** What a default-flags case adds to its tuned case's key. */
    static final String DEFAULT_FLAGS = " default flags";

    /** The same case pinned to {@code cpu} ({@code --pin}). */
    Workload pinnedTo(int cpu) {
        return new Workload(
                id, name, key, javaClass, script, args, javaArgs, jvmFlags, figures, timeout, load, cpu, onlyPeers,
                tunedKey);
    }

    /**
     * This case with the JVM's default flags (none at all: G1, the default heap), as a user runs
     * {@code java -cp app.jar Main}, and {@code figures} (their goals for that configuration).
     */
    Workload withDefaultFlags(List<Figure> figures) {
        return new Workload(
                id,
                name,
                key + DEFAULT_FLAGS,
                javaClass,
                script,
                args,
                javaArgs,
                List.of(),
                figures,
                timeout,
                load,
                pinCpu,
                onlyPeers,
                key);
    }

    /** Whether this is the default-flags twin of a tuned case. */
    boolean defaultFlags() {
        return tunedKey != null;
    }

    /**
     * Whether the harness measures the whole process itself (W0: wall and CPU time from exec to
     * exit, peak RSS, classes loaded) instead of reading the figures from a RESULT line; the
     * program prints {@code hello}.
     */
    boolean wholeProcess() {
        return id.equals(START_UP);
    }

    /** What the tables call this case, such as {@code W2 messages=1000000 default flags (ping-pong)}. */
    String label() {
        return key + " (" + name + ")";
    }

    boolean hasLoad() {
        return !load.isEmpty();
    }

    /** The CPU the load generator is pinned to: CPU 0 beside a server pinned to another, else none. */
    int loadCpu() {
        return pinCpu > 0 ? 0 : -1;
    }

    /** Whether {@code peer} runs this case: a default-flags case is for the JVM peers only. */
    boolean runsFor(Peer peer) {
        return (onlyPeers.isEmpty() || onlyPeers.contains(peer.name())) && (!defaultFlags() || peer.jvm());
    }
}
