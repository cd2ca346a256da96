package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Behaviour that depends on how the JVM was started, checked in freshly started JVMs. */
class ForkedJvmTest {
    private record Result(int exitCode, String output) {}

    private static Result runJava(List<String> jvmArgs, Class<?> main) throws IOException, InterruptedException {
        return runJava(jvmArgs, main, null);
    }

    /** Runs {@code main}; when its output shows {@code trigger}, sends SIGINT to it. */
    private static Result runJava(List<String> jvmArgs, Class<?> main, String sigintOn)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (sigintOn != null && sigintIgnored()) {
            // A JVM started in the background by a shell, or under nohup, ignores SIGINT and its
            // children inherit that: the child would never see the Ctrl-C.
            assumeTrue(
                    canResetSigint(),
                    "SIGINT is ignored by this JVM (started in the background or under nohup) and env"
                            + " --default-signal is missing to reset it for the child: run the tests in the"
                            + " foreground");
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        java.nio.file.Path out = java.nio.file.Files.createTempFile("forked", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (sigintOn == null) {
            builder.redirectOutput(out.toFile()); // a file never fills up and blocks the child
        }
        Process p = builder.start();
        // The reads below end when the child does; a child that hangs is ended after the limit.
        AtomicBoolean overran = new AtomicBoolean();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    overran.set(true);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        StringBuilder seen = new StringBuilder();
        if (sigintOn != null) {
            java.io.BufferedReader reader = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.contains(sigintOn)) {
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                            .start()
                            .waitFor();
                    break;
                }
            }
            reader.transferTo(new java.io.Writer() {
                @Override
                public void write(char[] buf, int off, int len) {
                    seen.append(buf, off, len);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            });
        }
        try {
            p.waitFor();
            if (overran.get()) {
                throw new AssertionError(main.getSimpleName() + " did not finish within 120 s (deadlock?): " + seen
                        + java.nio.file.Files.readString(out));
            }
            return new Result(p.exitValue(), seen + java.nio.file.Files.readString(out));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }

    /** Whether this process ignores SIGINT, from the SigIgn mask of /proc/self/status (Linux). */
    private static boolean sigintIgnored() throws IOException {
        java.nio.file.Path status = java.nio.file.Path.of("/proc/self/status");
        if (!java.nio.file.Files.isReadable(status)) {
            return false;
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    /** Whether {@code env --default-signal=INT} (GNU coreutils 8.31+) is there to reset SIGINT. */
    private static boolean canResetSigint() throws InterruptedException {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens a loop in a JVM started without --add-opens. */
    public static final class OpenWithoutFlag {
        public static void main(String[] args) {
            try (Loop loop = Loop.open()) {
                System.out.println("opened " + loop);
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }

    @Test
    void aMissingAddOpensFlagIsReportedWithTheExactFlagAndWhereToPutIt() throws Exception {
        Result r = runJava(List.of(), OpenWithoutFlag.class);
        assertThat(r.exitCode()).as(r.output()).isEqualTo(3);
        assertThat(r.output())
                .contains("--add-opens java.base/java.lang=ALL-UNNAMED")
                .contains("Surefire")
                .contains("Add-Opens: java.base/java.lang");
    }

    /**
     * The JVM's very first socket operations happen inside loop tasks; then, after that loop has
     * closed, a second loop and a plain virtual thread use sockets too. Had the JDK's pollers been
     * started inside the first loop, they would be virtual threads of that loop and die with it.
     */
    public static final class FirstSocketInsideATask {
        public static void main(String[] args) throws Exception {
            System.out.println("first loop read " + Asyncio.run(FirstSocketInsideATask::echo));
            System.out.println("second loop read " + Asyncio.run(FirstSocketInsideATask::echo));
            Thread vt = Thread.ofVirtual().start(() -> {
                try {
                    System.out.println("plain virtual thread read " + echo());
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            vt.join();
        }

        private static String echo() throws Exception {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread reader = Thread.currentThread();
            String[] text = new String[1];
            Thread acceptor = Thread.ofVirtual().unstarted(() -> {
                try (Socket s = server.accept();
                        InputStream in = s.getInputStream()) {
                    text[0] = new String(in.readNBytes(5), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    text[0] = e.toString();
                }
            });
            acceptor.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    OutputStream out = s.getOutputStream()) {
                out.write("hello".getBytes(StandardCharsets.US_ASCII));
            }
            acceptor.join();
            server.close();
            return text[0] + (reader == Thread.currentThread() ? "" : "?");
        }
    }

    @Test
    void theFirstBlockingSocketCallOfTheJvmInsideATaskDoesNotDeadlockTheLoop() throws Exception {
        Result r = runJava(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), FirstSocketInsideATask.class);
        assertThat(r.output())
                .contains("first loop read hello")
                .contains("second loop read hello")
                .contains("plain virtual thread read hello");
        assertThat(r.exitCode()).isZero();
    }

    /**
     * A program that never uses a JDK socket: once Asyncio.run has returned, it lists the JDK's
     * poller threads still alive. A started poller waits in a native call, and the JVM's exit waits
     * up to 300 ms for threads in native code.
     */
    public static final class NoJdkSocket {
        public static void main(String[] args) throws Exception {
            Asyncio.run(() -> {
                Asyncio.sleep(java.time.Duration.ofMillis(1));
                return null;
            });
            List<String> pollers = Thread.getAllStackTraces().keySet().stream()
                    .map(Thread::getName)
                    .filter(n -> n.contains("Poller"))
                    .sorted()
                    .toList();
            System.out.println("poller threads: " + pollers);
        }
    }

    @Test
    void aProgramThatUsesNoJdkSocketStartsNoPollerThreads() throws Exception {
        Result r = runJava(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), NoJdkSocket.class);
        assertThat(r.output()).contains("poller threads: []");
        assertThat(r.exitCode()).isZero();
    }

    /**
     * A hello world, with the loop's MBean registration put off for good (it comes a second after
     * open, which a loaded machine could reach). Written without lambdas and string concatenation,
     * so that what it loads is the library's.
     */
    public static final class QuietStart {
        public static void main(String[] args) throws Exception {
            LoopManagement.registrationDelayMillis = 3_600_000; // an hour: never, for this program
            Asyncio.run(new AsyncRunnable() {
                @Override
                public void run() {
                    Asyncio.sleep(java.time.Duration.ofMillis(1));
                    System.out.println("hello");
                }
            });
        }
    }

    /**
     * What a short program must not pay for on the path of Asyncio.run, each worth milliseconds to
     * tens of them in a fresh JVM: a class generated for a lambda (the signal handler is made like
     * one, on purpose), StringConcatFactory (the core is compiled with StringBuilder
     * concatenation), java.lang.reflect.Proxy, the platform MBean server, the logging back end, JFR,
     * and a selector (a loop opens one at its first channel).
     */
    @Test
    void helloWorldLoadsNoGeneratedLambdaNoJmxNoLoggingAndNoJfr() throws Exception {
        java.nio.file.Path log = java.nio.file.Files.createTempFile("classes", ".log");
        try {
            Result r = runJava(
                    List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xlog:class+load:file=" + log),
                    QuietStart.class);
            assertThat(r.output()).contains("hello");
            assertThat(r.exitCode()).isZero();
            List<String> loaded = java.nio.file.Files.readAllLines(log).stream()
                    .map(line -> line.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", ""))
                    .map(line -> line.split(" ")[0])
                    .toList();
            assertThat(loaded).contains("io.asyncio4j.Loop");
            assertThat(loaded)
                    .filteredOn(c -> c.startsWith("io.asyncio4j.") && c.contains("$$Lambda"))
                    .allMatch(c -> c.startsWith("io.asyncio4j.internal.loop.Signals$$Lambda"));
            assertThat(loaded)
                    .noneMatch(c -> c.startsWith("javax.management.")
                            || c.startsWith("java.util.logging.")
                            || c.startsWith("jdk.jfr.internal.")
                            || c.equals("java.lang.reflect.Proxy")
                            || c.equals("java.lang.invoke.StringConcatFactory")
                            || c.equals("java.nio.channels.Selector"));
        } finally {
            java.nio.file.Files.deleteIfExists(log);
        }
    }

    /** Waits forever in a task with cleanup; prints a marker once it is waiting. */
    public static final class WaitsForCtrlC {
        public static void main(String[] args) throws Exception {
            try {
                Asyncio.run(() -> {
                    try {
                        System.out.println("waiting for Ctrl-C");
                        System.out.flush();
                        Asyncio.sleep(java.time.Duration.ofHours(1));
                    } finally {
                        Asyncio.uncancellable(() -> {
                            Asyncio.sleep(java.time.Duration.ofMillis(10));
                            System.out.println("cleanup ran");
                            return null;
                        });
                    }
                    return null;
                });
            } catch (CancelledError e) {
                System.out.println("Asyncio.run threw CancelledError: " + e.getMessage());
                System.exit(130);
            }
        }
    }

    @Test
    void ctrlCCancelsTheMainTaskSoItsCleanupRuns() throws Exception {
        Result r = runJava(
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), WaitsForCtrlC.class, "waiting for Ctrl-C");
        assertThat(r.output())
                .contains("cleanup ran")
                .contains("Asyncio.run threw CancelledError: interrupted by SIGINT (Ctrl-C)");
        assertThat(r.exitCode()).isEqualTo(130);
    }

    /**
     * The asyncio drain-on-Ctrl-C pattern written for level-triggered cancellation: on Ctrl-C the
     * main task drains the queue inside {@code uncancellable}, then lets the CancelledError go,
     * uncaught, out of main.
     */
    public static final class DrainsOnCtrlC {
        public static void main(String[] args) throws Exception {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
            Asyncio.run(() -> {
                io.asyncio4j.queue.Queue<Integer> jobs = new io.asyncio4j.queue.Queue<>();
                List<Integer> done = new ArrayList<>();
                Task<Void> worker = Asyncio.createTask("worker", () -> {
                    while (true) {
                        Integer job = jobs.get();
                        Asyncio.sleep(java.time.Duration.ofMillis(1));
                        done.add(job);
                        jobs.taskDone();
                    }
                });
                try {
                    for (int i = 0; i < 3; i++) {
                        jobs.putNowait(i);
                    }
                    jobs.join();
                    System.out.println("waiting for Ctrl-C");
                    System.out.flush();
                    for (int i = 3; i < 6; i++) {
                        jobs.putNowait(i);
                    }
                    Asyncio.sleep(java.time.Duration.ofHours(1));
                } finally {
                    Asyncio.uncancellable(() -> {
                        jobs.join();
                        worker.cancel();
                        Asyncio.gatherSettled(worker);
                        System.out.println("drained " + done);
                    });
                }
            });
        }
    }

    @Test
    void anUncaughtCtrlCEndsTheJvmWithStatus130AndNoStackTrace() throws Exception {
        Result r = runJava(
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), DrainsOnCtrlC.class, "waiting for Ctrl-C");
        assertThat(r.output())
                .contains("drained [0, 1, 2, 3, 4, 5]")
                .contains("shutdown hook ran")
                .doesNotContain("CancelledError")
                .doesNotContain("Exception in thread");
        assertThat(r.exitCode()).isEqualTo(130);
    }

    /** Prints a marker as the first thing its main task does. */
    public static final class MarksUserCode {
        public static void main(String[] args) throws Exception {
            Asyncio.run(() -> {
                System.out.println("user code starts");
                return null;
            });
        }
    }

    /**
     * The loop's warm-up task must take a virtual thread through its whole life (spawn, park,
     * resume, end) before user code runs. If the first virtual thread ends only after user code
     * parked a million tasks, the JDK loads its end-of-thread classes then, and every frozen frame
     * hits the resulting deoptimisation trap on resume (W1 took 11-17 s instead of 2).
     */
    @Test
    void theWarmUpTaskEndsBeforeUserCodeRuns() throws Exception {
        Result r = runJava(
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xlog:class+load=info"),
                MarksUserCode.class);
        List<String> lines = r.output().lines().toList();
        int marker = lines.indexOf("user code starts");
        int threadEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("jdk.internal.event.VirtualThreadEndEvent ")) {
                threadEnd = i;
                break;
            }
        }
        assertThat(marker).as(r.output()).isPositive();
        assertThat(threadEnd)
                .as("VirtualThreadEndEvent loaded before user code")
                .isBetween(0, marker);
    }
}
