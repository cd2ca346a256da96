package io.asyncio4j.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./aio ps} and {@code ./aio pstree} against real JVMs started for the test. */
class PsTest {
    private static Process target;

    /** What one run of the CLI printed. */
    private record Output(int status, String out, String err) {}

    @BeforeAll
    static void startTarget() throws Exception {
        target = startJvm(PsTarget.class);
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.destroyForcibly();
        }
    }

    /** Starts {@code main} in a JVM of its own and waits until it prints READY. */
    private static Process startJvm(Class<?> main) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--add-opens");
        command.add("java.base/java.lang=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.equals("READY")) {
                        return seen.toString();
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException(main.getSimpleName() + " ended before READY: " + seen);
        });
        try {
            ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    private static Output ps(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Ps.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new Output(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    @Test
    void psPrintsOneLineOfFiguresPerLoop() {
        Output r = ps("ps", Long.toString(target.pid()));
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList().subList(0, 4);
        assertThat(lines.get(0)).isEqualTo("PID " + target.pid() + ": 2 asyncio4j loops");
        assertThat(lines.get(1)).matches("LOOP +TASKS +READY +CREATED +FINISHED +LAG\\(us\\) +WAKEUPS");
        // sorted by name; every task parked, so nothing is ready
        assertThat(lines.get(2)).matches("ps-second +1 +0 +\\d+ +\\d+ +\\d+ +\\d+");
        assertThat(lines.get(3)).matches("ps-target +5 +0 +\\d+ +\\d+ +\\d+ +\\d+");
        // the columns line up under their titles
        int tasksEnd = lines.get(1).indexOf("TASKS") + "TASKS".length();
        assertThat(lines.get(3).charAt(tasksEnd - 1)).isEqualTo('5');
    }

    @Test
    void psThenPrintsEveryTaskWithItsAwaiterAndWhereItWaits() {
        Output r = ps("ps", Long.toString(target.pid()));
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(4)).isEmpty();
        assertThat(lines.get(5)).matches("LOOP +ID +TASK +STATE +AWAITED BY +STACK");
        // One row per task, by loop, oldest first; the stacks show the target's own frames only.
        List<String> rows = lines.subList(6, lines.size()).stream()
                .map(l -> l.replaceAll("\\(PsTarget\\.java:\\d+\\)", "(L)")
                        .replaceAll("lambda\\$\\w+\\$\\d+", "lambda")
                        .replaceAll(" {2,}", "|"))
                .toList();
        assertThat(rows)
                .containsExactly(
                        "ps-second|1|idle-worker|waiting|Asyncio.sleep <- PsTarget.lambda(L)",
                        "ps-target|1|main|waiting|Asyncio.gather <- PsTarget.lambda(L)",
                        "ps-target|2|server|waiting|main #1|Asyncio.gather <- PsTarget.server(L) <- PsTarget.lambda(L)",
                        "ps-target|3|ticker|waiting|main #1|Asyncio.sleep <- PsTarget.lambda(L)",
                        "ps-target|4|conn-1|waiting|server #2|Asyncio.sleep <- PsTarget.connection(L) <- PsTarget.lambda(L)",
                        "ps-target|5|conn-2|waiting|server #2|Asyncio.sleep <- PsTarget.connection(L) <- PsTarget.lambda(L)");
    }

    @Test
    void pstreeShowsTheLibrarysOwnFramesOnlyWhenAsked() {
        Output users = ps("pstree", Long.toString(target.pid()));
        Output all = ps("pstree", "--all-frames", Long.toString(target.pid()));
        assertThat(all.status()).isZero();
        assertThat(users.out())
                .contains("in Asyncio.sleep")
                .doesNotContain("at io.asyncio4j.Asyncio.")
                .doesNotContain("at io.asyncio4j.Task.")
                .doesNotContain("VirtualThread.run");
        assertThat(all.out())
                .contains("in Asyncio.sleep")
                .contains("at io.asyncio4j.Asyncio.sleep(")
                .contains("at io.asyncio4j.Task.runBody(")
                .contains("at io.asyncio4j.tools.PsTarget.connection(PsTarget.java:");
    }

    @Test
    void pstreePrintsEachLoopsTasksUnderTheTaskThatCreatedThem() {
        Output r = ps("pstree", Long.toString(target.pid()));
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        // The lag is a timing figure, sampled now and then: its value is the machine's business.
        List<String> tree = r.out()
                .lines()
                .filter(l -> l.startsWith("Loop ") || l.contains("── "))
                .map(l -> l.replaceFirst(", lag \\d+ µs$", ", lag N µs"))
                .toList();
        assertThat(tree)
                .containsExactly(
                        "Loop ps-second: 1 task, 0 ready entries, lag N µs",
                        "└── idle-worker [waiting]",
                        "Loop ps-target: 5 tasks, 0 ready entries, lag N µs",
                        "└── main [waiting]",
                        "    ├── server [waiting]",
                        "    │   ├── conn-1 [waiting]",
                        "    │   └── conn-2 [waiting]",
                        "    └── ticker [waiting]");
        assertThat(r.out())
                .startsWith("PID " + target.pid() + ": 2 asyncio4j loops\n\nLoop ps-second")
                .contains("at io.asyncio4j.tools.PsTarget.connection(PsTarget.java:")
                .contains("at io.asyncio4j.tools.PsTarget.server(PsTarget.java:");
    }

    @Test
    void aJvmWithoutLoopsIsReportedAsSuch() throws Exception {
        Process plain = startJvm(NoLoopTarget.class);
        try {
            Output r = ps("ps", Long.toString(plain.pid()));
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .isEqualTo("aio ps: PID " + plain.pid() + " is a JVM but runs no asyncio4j loop (no MBean"
                            + " io.asyncio4j:type=Loop,name=*; each loop registers one a second after it opens)\n");
        } finally {
            plain.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIsNotAJvmIsReportedAndLeftAlone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            Output r = ps("pstree", Long.toString(sleep.pid()));
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err())
                    .startsWith("aio pstree: PID " + sleep.pid())
                    .contains("is not a Java virtual machine that can be attached to");
            assertThat(sleep.isAlive()).as("not sent SIGQUIT").isTrue();
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aPidWithoutAProcessIsReported() {
        Output r = ps("ps", "999999999");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("aio ps: no process with PID 999999999\n");
    }

    @Test
    void aBadCommandLineGetsTheUsage() {
        assertThat(ps().status()).isEqualTo(2);
        assertThat(ps("ps").err()).startsWith("usage: java -jar asyncio4j-tools.jar ps PID");
        assertThat(ps("top", "1").status()).isEqualTo(2);
        assertThat(ps("ps", "--all-frames", "1").status())
                .as("--all-frames is pstree's")
                .isEqualTo(2);
        Output notANumber = ps("ps", "twelve");
        assertThat(notANumber.status()).isEqualTo(2);
        assertThat(notANumber.err()).isEqualTo("aio ps: 'twelve' is not a process id\n");
    }
}
