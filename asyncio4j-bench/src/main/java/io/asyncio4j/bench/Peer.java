package io.asyncio4j.bench;

import java.util.List;
import java.util.function.Function;

/**
 * One contender of the benchmarks: asyncio4j itself, or a peer it is compared with (CPython
 * asyncio, uvloop, Node.js, plain JDK virtual threads ...).
 *
 * @param name the short key used in the JSON and on the command line, such as {@code uvloop}
 * @param label what tables call it, such as {@code uvloop}
 * @param version the runtime's version as it reported it, or null when unknown
 * @param skipReason why this peer cannot run here (not installed ...), or null when it can
 * @param command the command that runs a workload's program, or null when this peer has no program
 *     for that workload
 * @param jvm whether its programs run on a JVM, which takes flags: only those peers run the
 *     default-flags cases ({@link Workload#tunedKey})
 */
record Peer(
        String name,
        String label,
        String version,
        String skipReason,
        Function<Workload, List<String>> command,
        boolean jvm) {
    static final String ASYNCIO4J = "asyncio4j";

    boolean available() {
        return skipReason == null;
    }

    boolean isAsyncio4j() {
        return name.equals(ASYNCIO4J);
    }
}
