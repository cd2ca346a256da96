package io.asyncio4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./aio bench jmh [regex] [--quick]}: the JMH benchmarks of asyncio4j's hot paths (package
 * {@code io.asyncio4j.bench.jmh}), with short default iterations so a full pass ends in minutes.
 * Results go to the terminal and, as JSON, to {@code bench/results/<date>-<host>-jmh.json}.
 */
final class JmhBenchmarks {
    private JmhBenchmarks() {}

    /** The JVM flags of the forked benchmark JVMs. */
    static final List<String> JVM_FLAGS =
            List.of(Peers.ADD_OPENS, "-XX:+UseParallelGC", "-Djdk.trackAllThreads=false", "-Xms1g", "-Xmn512m");

    static int run(Path root, List<String> args) throws RunnerException, java.io.IOException {
        boolean quick = args.contains("--quick");
        List<String> patterns = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-")) {
                if (!a.equals("--quick")) {
                    System.err.println("bench jmh: unknown option '" + a + "'");
                    System.err.print(BenchOptions.USAGE);
                    return 2;
                }
            } else {
                patterns.add(a);
            }
        }
        Path results = root.resolve("bench/results");
        Files.createDirectories(results);
        Path json = results.resolve(
                LocalDate.now(ZoneOffset.UTC) + "-" + Machine.detect().fileSafeHost() + "-jmh.json");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(1)
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(1))
                .timeout(TimeValue.minutes(2))
                .jvmArgsAppend(JVM_FLAGS.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (patterns.isEmpty()) {
            options.include("io\\.asyncio4j\\.bench\\.jmh\\..*");
        } else {
            for (String p : patterns) {
                options.include(p);
            }
        }
        new Runner(options.build()).run();
        System.out.println("JMH results: " + root.relativize(json));
        return 0;
    }
}
