package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    @TempDir
    Path dir;

    private static List<String> sh(String script) {
        return List.of("sh", "-c", script);
    }

    /**
     * Asserts that the processes whose ids a script wrote to {@code pids} (one per line) have ended:
     * that the runner killed them, rather than how long it took. A killed child may stay a zombie
     * until its new parent reaps it, so this waits for that, bounded generously.
     */
    private static void assertEnded(Path pids) throws Exception {
        List<Long> ids = Files.readAllLines(pids).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(Long::parseLong)
                .toList();
        assertThat(ids).isNotEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (long id : ids) {
            // Waits for the exit itself (the JDK's process reaper), bounded by the deadline
            var process = ProcessHandle.of(id);
            if (process.isPresent()) {
                try {
                    process.get()
                            .onExit()
                            .get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException stillRunning) {
                    // reported by the assertion below
                }
            }
            assertThat(ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false))
                    .as("process " + id + " still runs")
                    .isFalse();
        }
    }

    @Test
    void capturesOutputAndExitCode() throws Exception {
        ProcessRunner runner = new ProcessRunner(dir, false, false);

        ProcessRunner.Outcome ok =
                runner.run(sh("echo hello; echo RESULT W1 wall_s=1.5"), dir, -1, Duration.ofSeconds(10));
        ProcessRunner.Outcome failed = runner.run(sh("echo oops >&2; exit 3"), dir, -1, Duration.ofSeconds(10));

        assertThat(ok.ok()).isTrue();
        assertThat(ok.stdout()).containsExactly("hello", "RESULT W1 wall_s=1.5");
        assertThat(ok.failure()).isNull();
        assertThat(failed.ok()).isFalse();
        assertThat(failed.failure()).isEqualTo("exit code 3: oops");
    }

    @Test
    void killsAProcessTreeThatOverrunsItsLimit() throws Exception {
        ProcessRunner runner = new ProcessRunner(dir, false, false);

        Path pids = dir.resolve("pids");
        ProcessRunner.Outcome o = runner.run(
                sh("echo $$ > " + pids + "; sleep 600 & echo $! >> " + pids + "; sleep 600 & echo $! >> " + pids
                        + "; wait"),
                dir,
                -1,
                Duration.ofMillis(500));

        assertThat(o.timedOut()).isTrue();
        assertThat(o.failure()).startsWith("timed out after");
        assertEnded(pids);
    }

    @Test
    void wrapsInTimeAndTasksetWhenAsked() {
        ProcessRunner runner = new ProcessRunner(dir, true, true);

        assertThat(runner.wrap(List.of("prog", "1"), 1, Path.of("/tmp/t")))
                .containsExactly("/usr/bin/time", "-v", "-o", "/tmp/t", "taskset", "-c", "1", "prog", "1");
        assertThat(runner.wrap(List.of("prog"), -1, Path.of("/tmp/t")))
                .containsExactly("/usr/bin/time", "-v", "-o", "/tmp/t", "prog");
        assertThat(new ProcessRunner(dir, false, false).wrap(List.of("prog"), 0, Path.of("/tmp/t")))
                .containsExactly("prog");
    }

    @Test
    void measuresPeakRssWithGnuTime() throws Exception {
        assumeTrue(ProcessRunner.gnuTimeAvailable(), "/usr/bin/time is not installed");
        ProcessRunner runner = new ProcessRunner(dir, true, false);

        ProcessRunner.Outcome o = runner.run(sh("echo RESULT W1 x=1"), dir, -1, Duration.ofSeconds(10));

        assertThat(o.ok()).isTrue();
        assertThat(o.stdout()).containsExactly("RESULT W1 x=1");
        assertThat(o.time().peakRssKb()).isPositive();
    }

    @Test
    void runsALoadAgainstTheServersPortOnceItIsReadyThenStopsTheServerByClosingItsInput() throws Exception {
        ProcessRunner runner = new ProcessRunner(dir, false, false);
        Path marker = dir.resolve("server-was-up");
        Path stopped = dir.resolve("server-saw-end-of-input");

        ProcessRunner.Outcome o = runner.runWithLoad(
                sh("sleep 0.2; touch " + marker + "; echo READY port=4242; cat >/dev/null; touch " + stopped),
                -1,
                List.of("sh", "-c", "test -f " + marker + " && echo RESULT W9 port=$0", ProcessRunner.PORT),
                -1,
                dir,
                Duration.ofSeconds(20));

        assertThat(o.ok()).isTrue();
        assertThat(ResultLine.last(o.stdout()))
                .hasValueSatisfying(r -> assertThat(r.values()).containsEntry("port", 4242.0));
        assertThat(stopped).exists();
        assertThat(o.windowCpuSeconds()).isNaN(); // the load printed no MEASURE line
    }

    @Test
    void samplesTheServerTreesCpuTimeBetweenMeasureAndResult() throws Exception {
        assumeTrue(ProcStat.available(), "no /proc here");
        ProcessRunner runner = new ProcessRunner(dir, false, false);

        // The server's CPU is burnt by a child of it, as a server's is by a child of /usr/bin/time.
        ProcessRunner.Outcome o = runner.runWithLoad(
                sh("echo READY port=1; (while :; do :; done) & cat >/dev/null; kill $!"),
                -1,
                sh("sleep 0.3; echo MEASURE; sleep 1; echo RESULT W9 msgs=10"),
                -1,
                dir,
                Duration.ofSeconds(20));

        assertThat(o.ok()).isTrue();
        // The server's own shell only waits: all CPU in the window is its busy child's, so a
        // reading that missed the children (or the window) would be zero. How much the child got
        // depends on the machine's load, so no more than that is asserted.
        assertThat(o.windowCpuSeconds()).isGreaterThan(0.0);
    }

    @Test
    void aServerThatDiesBeforeReadyFailsTheRun() throws Exception {
        ProcessRunner runner = new ProcessRunner(dir, false, false);

        ProcessRunner.Outcome o = runner.runWithLoad(
                sh("echo cannot bind >&2; exit 1"), -1, sh("echo RESULT W9 x=1"), -1, dir, Duration.ofSeconds(10));

        assertThat(o.ok()).isFalse();
        assertThat(o.failure()).contains("the server ended before printing READY");
    }

    @Test
    void aServerThatNeverGetsReadyIsKilledAtTheLimit() throws Exception {
        ProcessRunner runner = new ProcessRunner(dir, false, false);

        Path pids = dir.resolve("pids");
        ProcessRunner.Outcome o = runner.runWithLoad(
                sh("echo $$ > " + pids + "; exec sleep 600"),
                -1,
                sh("echo RESULT W9 x=1"),
                -1,
                dir,
                Duration.ofMillis(500));

        assertThat(o.ok()).isFalse();
        assertThat(o.timedOut()).isTrue();
        assertEnded(pids);
    }

    @Test
    void aFailingLoadStopsTheServerAndFailsTheRun() throws Exception {
        ProcessRunner runner = new ProcessRunner(dir, false, false);

        ProcessRunner.Outcome o = runner.runWithLoad(
                sh("echo READY port=1; cat >/dev/null"),
                -1,
                sh("echo 'w4_loadgen: connect: refused' >&2; exit 1"),
                -1,
                dir,
                Duration.ofSeconds(20));

        assertThat(o.ok()).isFalse();
        assertThat(o.failure()).isEqualTo("exit code 1: w4_loadgen: connect: refused");
    }

    @Test
    void aServerThatIgnoresTheEndOfItsInputIsKilledAndFailsTheRun() throws Exception {
        ProcessRunner runner = new ProcessRunner(dir, false, false, Duration.ofMillis(300));

        Path pids = dir.resolve("pids");
        ProcessRunner.Outcome o = runner.runWithLoad(
                sh("echo $$ > " + pids + "; echo READY port=1; exec sleep 600"),
                -1,
                sh("echo RESULT W9 x=1"),
                -1,
                dir,
                Duration.ofSeconds(60));

        assertThat(o.ok()).isFalse();
        assertThat(o.failure())
                .isEqualTo("exit code 1: the server did not end within 300 ms of its standard input closing (killed)");
        assertEnded(pids);
    }

    @Test
    void theLoadGetsThePortOfTheReadyLine() {
        assertThat(ProcessRunner.withPort(List.of("gen", "127.0.0.1", ProcessRunner.PORT), "READY port=40123"))
                .containsExactly("gen", "127.0.0.1", "40123");
        assertThat(ProcessRunner.withPort(List.of("gen"), "READY")).containsExactly("gen");
        assertThatThrownBy(() -> ProcessRunner.withPort(List.of("gen", ProcessRunner.PORT), "READY"))
                .hasMessageContaining("no port=<n>");
    }
}
