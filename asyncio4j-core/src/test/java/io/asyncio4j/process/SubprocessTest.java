package io.asyncio4j.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Event;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Subprocesses with real children (sh, cat, python3): pipes, exit codes, signals, cancellation. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SubprocessTest {

    private static <T> T run(io.asyncio4j.Coroutine<T> body) throws Exception {
        List<Loop.ErrorContext> errors = new ArrayList<>();
        T result;
        try (Loop loop = Loop.open(LoopOptions.defaults().exceptionHandler(errors::add))) {
            result = loop.run(() -> Asyncio.timeout(Duration.ofSeconds(30), body));
        }
        assertThat(errors).as("errors reported to the loop").isEmpty();
        return result;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void communicateSendsInputAndCollectsBothOutputsAndTheExitCode() throws Exception {
        Subprocess.Output out = run(() -> {
            Subprocess p = Subprocess.shell("tr a-z A-Z; echo oops >&2; exit 3");
            return p.communicate("hello\n".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(out.exitCode()).isEqualTo(3);
        assertThat(text(out.stdout())).isEqualTo("HELLO\n");
        assertThat(text(out.stderr())).isEqualTo("oops\n");
    }

    @Test
    void linesArriveWhileTheChildRunsAndTheLoopStaysFree() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed: skipped");
        List<String> log = run(() -> {
            List<String> events = new ArrayList<>();
            // The child prints a line for each "go" it reads, so each line comes while it runs.
            Subprocess p = Subprocess.exec(
                    "python3",
                    "-u",
                    "-c",
                    "import sys\nfor i in range(3):\n    sys.stdin.readline()\n    print('line', i)\n");
            List<Event> seen = List.of(new Event(), new Event(), new Event());
            // While the main task waits for each line, another task's timers tick and it sends the
            // go: the lines come only if the loop stays free.
            Task<Void> feeder = Asyncio.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    for (int tick = 0; tick < 5; tick++) {
                        Asyncio.sleep(Duration.ofMillis(5));
                    }
                    events.add("go " + i);
                    p.stdin().write("go\n".getBytes(StandardCharsets.UTF_8));
                    p.stdin().drain();
                    seen.get(i).await();
                }
                p.stdin().writeEof();
            });
            byte[] line;
            for (int i = 0; (line = p.stdout().readLine()).length > 0; i++) {
                events.add(text(line).strip());
                seen.get(i).set();
            }
            events.add("exit " + p.waitFor());
            feeder.await();
            return events;
        });
        assertThat(log).containsExactly("go 0", "line 0", "go 1", "line 1", "go 2", "line 2", "exit 0");
    }

    @Test
    void catEchoesWhatStdinSendsLineByLine() throws Exception {
        List<String> log = run(() -> {
            List<String> events = new ArrayList<>();
            Subprocess cat = Subprocess.exec("cat");
            for (String word : List.of("alpha", "beta")) {
                cat.stdin().write((word + "\n").getBytes(StandardCharsets.UTF_8));
                cat.stdin().drain();
                events.add(text(cat.stdout().readLine()).strip());
            }
            cat.stdin().writeEof();
            events.add("eof: " + cat.stdout().read().length);
            events.add("exit " + cat.waitFor());
            return events;
        });
        assertThat(log).containsExactly("alpha", "beta", "eof: 0", "exit 0");
    }

    @Test
    void aChildThatDoesNotReadMakesDrainWaitWithBoundedMemory() throws Exception {
        List<String> log = run(() -> {
            List<String> events = new ArrayList<>();
            Subprocess sleeper = Subprocess.exec("sleep", "3600"); // killed below
            byte[] chunk = new byte[32 * 1024];
            long[] maxBuffered = {0};
            try {
                Asyncio.timeout(Duration.ofMillis(300), () -> {
                    while (true) {
                        sleeper.stdin().write(chunk);
                        maxBuffered[0] =
                                Math.max(maxBuffered[0], sleeper.stdin().bufferedBytes());
                        sleeper.stdin().drain();
                    }
                });
            } catch (TimeoutException e) {
                events.add("drain blocked");
            }
            events.add("bounded: " + (maxBuffered[0] <= 64 * 1024 + chunk.length));
            sleeper.kill();
            events.add("killed: exit " + sleeper.waitFor());
            return events;
        });
        assertThat(log).containsExactly("drain blocked", "bounded: true", "killed: exit 137");
    }

    @Test
    void terminateKillAndReturnCode() throws Exception {
        List<String> log = run(() -> {
            List<String> events = new ArrayList<>();
            Subprocess p = Subprocess.exec("sleep", "30");
            events.add("running: " + (p.returnCode() == null));
            p.terminate();
            events.add("terminated: " + p.waitFor() + " / " + p.returnCode());
            Subprocess q = Subprocess.exec("sleep", "30");
            q.kill();
            events.add("killed: " + q.waitFor());
            return events;
        });
        assertThat(log).containsExactly("running: true", "terminated: 143 / 143", "killed: 137");
    }

    @Test
    void aCancelledWaitLeavesTheProcessRunning() throws Exception {
        List<String> log = run(() -> {
            List<String> events = new ArrayList<>();
            Subprocess p = Subprocess.exec("sleep", "30");
            Task<Integer> waiter = Asyncio.createTask(p::waitFor);
            Asyncio.sleep(Duration.ofMillis(20));
            waiter.cancel();
            try {
                waiter.await();
            } catch (CancelledError e) {
                events.add("wait cancelled");
            }
            events.add("still running: " + (p.returnCode() == null));
            p.kill();
            events.add("exit " + p.waitFor());
            return events;
        });
        assertThat(log).containsExactly("wait cancelled", "still running: true", "exit 137");
    }

    @Test
    void redirectsOtherThanPipeLeaveTheStreamNull() throws Exception {
        run(() -> {
            Subprocess p = Subprocess.start(new ProcessBuilder("sh", "-c", "echo out; echo err >&2")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(false));
            assertThat(p.stdout()).isNull();
            assertThat(text(p.stderr().read())).isEqualTo("err\n");
            assertThat(p.waitFor()).isZero();
            Subprocess merged = Subprocess.start(
                    new ProcessBuilder("sh", "-c", "echo out; echo err >&2").redirectErrorStream(true));
            assertThat(merged.stderr()).isNull();
            assertThat(text(merged.communicate().stdout())).isEqualTo("out\nerr\n");
            return null;
        });
    }

    @Test
    void aMissingProgramFailsToStart() throws Exception {
        run(() -> {
            assertThatThrownBy(() -> Subprocess.exec("/nonexistent/program"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("/nonexistent/program");
            return null;
        });
    }

    @Test
    void largeOutputIsReadCompletely() throws Exception {
        byte[] out = run(() -> {
            // 4 MiB through a pipe whose reader is bounded to 2 * 64 KiB in flight.
            Subprocess p = Subprocess.shell("head -c 4194304 /dev/zero");
            return p.communicate().stdout();
        });
        assertThat(out).hasSize(4 * 1024 * 1024);
    }

    /** The live pump threads of subprocesses (named aio-pipe-PID-STREAM). */
    private static Set<Thread> pipeThreads() {
        Set<Thread> found = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("aio-pipe-") && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    /** Polls (bounded) until the pump thread {@code name} waits for room in its full queue. */
    private static void awaitPumpWaiting(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (Thread t : pipeThreads()) {
                if (t.getName().equals(name) && t.getState() == Thread.State.WAITING) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " never waited for room: " + pipeThreads());
            }
            Asyncio.sleep(Duration.ofMillis(1));
        }
    }

    /** Joins every pump thread not in {@code baseline} (20 s for all); returns those still alive. */
    private static List<String> joinPumps(Set<Thread> baseline) throws InterruptedException {
        List<String> alive = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (Thread t : pipeThreads()) {
            if (!baseline.contains(t)) {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (t.isAlive()) {
                    alive.add(t.getName() + " " + t.getState());
                }
            }
        }
        return alive;
    }

    @Test
    void noPumpThreadOutlivesItsChild() throws Exception {
        Set<Thread> baseline = pipeThreads();
        List<String> log = run(() -> {
            List<String> events = new ArrayList<>();
            int echoed = 0;
            // 450 children that exit on their own: stdin piped but never written, stdout read.
            for (int batch = 0; batch < 18; batch++) {
                List<Task<String>> children = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    children.add(Asyncio.createTask(() -> {
                        Subprocess p = Subprocess.exec("echo", "hi");
                        String out = text(p.stdout().read());
                        p.waitFor();
                        return out;
                    }));
                }
                for (String out : Asyncio.gather(children)) {
                    echoed += out.equals("hi\n") ? 1 : 0;
                }
            }
            events.add("echoed " + echoed);
            // 50 children killed while their stdout is full and unread (its pump waits for room,
            // the child for the pump), stdin idle.
            int killed = 0;
            for (int i = 0; i < 50; i++) {
                Subprocess p = Subprocess.start(new ProcessBuilder("head", "-c", "1000000", "/dev/zero"), 1024);
                awaitPumpWaiting("aio-pipe-" + p.pid() + "-stdout");
                p.kill();
                killed += p.waitFor() == 137 ? 1 : 0;
            }
            events.add("killed " + killed);
            return events;
        });
        assertThat(log).containsExactly("echoed 450", "killed 50");
        assertThat(joinPumps(baseline)).as("pump threads still alive").isEmpty();
        assertThat(pipeThreads()).isEqualTo(baseline);
    }

    @Test
    void whatAnExitedChildLeftUnreadIsStillReadWhole() throws Exception {
        Set<Thread> baseline = pipeThreads();
        String result = run(() -> {
            // More than the reader's 2 * 1024 bytes in flight, less than it plus the pipe hold.
            Subprocess p = Subprocess.start(new ProcessBuilder("head", "-c", "40000", "/dev/zero"), 1024);
            int code = p.waitFor();
            // The stdout pump ended at the exit with its queue full; the reads start a new one.
            List<String> alive = Asyncio.toThread(() -> joinPumps(baseline));
            return code + " " + alive + " " + p.stdout().read().length;
        });
        assertThat(result).isEqualTo("0 [] 40000");
    }

    @Test
    void sendSignalReachesACpythonChildsHandlers() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed: skipped");
        List<String> log = run(() -> {
            List<String> events = new ArrayList<>();
            Subprocess p = Subprocess.exec(
                    "python3",
                    "-u",
                    "-c",
                    "import signal, sys, time\n"
                            // A test run under nohup hands its children SIGHUP ignored.
                            + "signal.signal(signal.SIGHUP, signal.SIG_DFL)\n"
                            + "signal.signal(signal.SIGUSR1, lambda s, f: print('got', signal.Signals(s).name))\n"
                            + "print('READY')\n"
                            + "while True: time.sleep(1)\n");
            events.add(text(p.stdout().readLine()).strip());
            p.sendSignal("USR1");
            events.add(text(p.stdout().readLine()).strip());
            p.sendSignal("SIGUSR1");
            events.add(text(p.stdout().readLine()).strip());
            assertThatThrownBy(() -> p.sendSignal("USR1; rm -rf /")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.sendSignal("NOSUCHSIGNAL"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("SIGNOSUCHSIGNAL");
            p.sendSignal("hup"); // the default action ends it
            events.add("exit " + p.waitFor());
            p.sendSignal("USR1"); // after the exit: nothing happens
            return events;
        });
        assertThat(log).containsExactly("READY", "got SIGUSR1", "got SIGUSR1", "exit 129");
    }

    @Test
    void aChildInANewSessionLeadsItsSessionAndGroup() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed: skipped");
        assumeTrue(onPath("setsid"), "setsid is not installed: startNewSession is unavailable here");
        String script = "import os; print(os.getpid(), os.getsid(0), os.getpgrp())";
        List<String> log = run(() -> {
            Subprocess alone = Subprocess.start(Subprocess.inNewSession(new ProcessBuilder("python3", "-c", script)));
            String[] ids = text(alone.communicate().stdout()).strip().split(" ");
            Subprocess usual = Subprocess.exec("python3", "-c", script);
            String[] usualIds = text(usual.communicate().stdout()).strip().split(" ");
            return List.of(
                    "same pid " + ids[0].equals(Long.toString(alone.pid())),
                    "session leader " + ids[1].equals(ids[0]),
                    "group leader " + ids[2].equals(ids[0]),
                    "usual child leads its session " + usualIds[1].equals(usualIds[0]));
        });
        assertThat(log)
                .containsExactly(
                        "same pid true",
                        "session leader true",
                        "group leader true",
                        "usual child leads its session false");
    }
}
