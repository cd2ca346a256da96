package io.asyncio4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * W4's load generator, a C epoll client ({@code peers/c/w4_loadgen.c}): C so that it is never the
 * bottleneck, whichever server it drives. The harness builds it with {@code gcc -O2} into {@link
 * Workloads#W4_LOADGEN} when it is missing or older than its source.
 */
final class LoadGenerator {
    private LoadGenerator() {}

    /** The source, relative to the repository root. */
    static final String SOURCE = "asyncio4j-bench/peers/c/w4_loadgen.c";

    private static final Duration GCC_LIMIT = Duration.ofSeconds(120);

    /**
     * Builds the generator unless an up-to-date binary exists.
     *
     * @param root the repository root
     * @param runner runs gcc
     * @return null when the generator is ready, else why the workloads that need it cannot run
     */
    static String ensureBuilt(Path root, ProcessRunner runner) throws IOException, InterruptedException {
        Path source = root.resolve(SOURCE);
        Path binary = root.resolve(Workloads.W4_LOADGEN);
        if (!Files.exists(source)) {
            return "its load generator's source " + SOURCE + " is missing";
        }
        if (upToDate(source, binary)) {
            return null;
        }
        if (!ProcessRunner.onPath("gcc")) {
            return "gcc is not on the PATH to build its load generator (apt-get install gcc;"
                    + " bench/setup.sh does it when root)";
        }
        Files.createDirectories(binary.getParent());
        ProcessRunner.Outcome gcc =
                runner.run(List.of("gcc", "-O2", "-o", binary.toString(), source.toString()), root, -1, GCC_LIMIT);
        if (!gcc.ok()) {
            return "gcc could not build " + SOURCE + ": " + gcc.failure();
        }
        return null;
    }

    /** Whether {@code binary} exists, can run, and is no older than {@code source}. */
    static boolean upToDate(Path source, Path binary) throws IOException {
        return Files.isExecutable(binary)
                && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) >= 0;
    }
}
