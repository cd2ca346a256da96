package io.asyncio4j.bench;

import java.util.List;

/**
 * What a harness session ran, where and how: everything the results files state beside the
 * medians.
 *
 * @param id when the session started (ISO-8601, UTC, seconds); every JSON line of it carries this
 * @param machine the machine and JDK
 * @param peers the peers that ran, asyncio4j first
 * @param cases the workload cases that ran
 * @param commandLine the command as typed, such as {@code ./aio bench w1 --runs 5}
 * @param options the parsed options
 * @param skipped what was not run, each with its reason
 * @param failures the runs that failed, each with its reason
 */
record Session(
        String id,
        Machine machine,
        List<Peer> peers,
        List<Workload> cases,
        String commandLine,
        BenchOptions options,
        List<String> skipped,
        List<String> failures) {
    Session {
        peers = List.copyOf(peers);
        cases = List.copyOf(cases);
        skipped = List.copyOf(skipped);
        failures = List.copyOf(failures);
    }
}
