package io.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * W4's C programs: the load generator, an epoll client ({@code peers/c/w4_loadgen.c}), C so that it
 * is never the bottleneck whichever server it drives; and the floor server ({@code
 * peers/c/w4_echo_floor.c}), the least work an echo server can do per message on this kernel. The
 * harness builds them with {@code gcc -O2} into {@code asyncio4j-bench/target/} when they are
 * missing or older than their sources.
 */
final class LoadGenerator {
    private LoadGenerator() {}

    /** The generator's source, relative to the repository root. */
    static final String SOURCE = "asyncio4j-bench/peers/c/w4_loadgen.c";

    /** The floor server's source and binary, relative to the repository root. */
    static final String FLOOR_SOURCE = "asyncio4j-bench/peers/c/w4_echo_floor.c";

    static final String FLOOR_BINARY = "asyncio4j-bench/target/w4_echo_floor";

    private static final Duration GCC_LIMIT = Duration.ofSeconds(120);

    /**
     * Builds the generator and the floor server unless up-to-date binaries exist.
     *
     * @param root the repository root
     * @param runner runs gcc
     * @return null when both are ready, else why the workloads that need them cannot run
     */
    static String ensureBuilt(Path root, ProcessRunner runner) throws IOException, InterruptedException {
        String failure = ensureBuilt(root, runner, SOURCE, Workloads.W4_LOADGEN);
        return failure != null ? failure : ensureBuilt(root, runner, FLOOR_SOURCE, FLOOR_BINARY);
    }

    private static String ensureBuilt(Path root, ProcessRunner runner, String sourceName, String binaryName)
            throws IOException, InterruptedException {
        Path source = root.resolve(sourceName);
        Path binary = root.resolve(binaryName);
        if (!Files.exists(source)) {
            return "its C program's source " + sourceName + " is missing";
        }
        if (upToDate(source, binary)) {
            return null;
        }
        if (!ProcessRunner.onPath("gcc")) {
            return "gcc is not on the PATH to build its C programs (apt-get install gcc;"
                    + " bench/setup.sh does it when root)";
        }
        Files.createDirectories(binary.getParent());
        ProcessRunner.Outcome gcc =
                runner.run(List.of("gcc", "-O2", "-o", binary.toString(), source.toString()), root, -1, GCC_LIMIT);
        if (!gcc.ok()) {
            return "gcc could not build " + sourceName + ": " + gcc.failure();
        }
        return null;
    }

    /** Whether {@code binary} exists, can run, and is no older than {@code source}. */
    static boolean upToDate(Path source, Path binary) throws IOException {
        return Files.isExecutable(binary)
                && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) >= 0;
    }
}
