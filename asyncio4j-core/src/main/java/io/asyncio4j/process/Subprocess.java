package io.asyncio4j.process;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.internal.net.PipeSource;
import io.asyncio4j.internal.net.PipeTransport;
import io.asyncio4j.internal.net.StreamAccess;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.net.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * A child process with asynchronous pipes: asyncio's {@code create_subprocess_exec} and its {@code
 * Process}. Its {@link #stdin()} is a {@link StreamWriter}, its {@link #stdout()} and {@link
 * #stderr()} are {@link StreamReader}s, and {@link #waitFor()} parks the task, not the loop.
 *
 * {@snippet :
 * Subprocess ls = Subprocess.exec("ls", "-l");
 * Subprocess.Output out = ls.communicate();
 * System.out.println(out.exitCode() + ": " + new String(out.stdout(), StandardCharsets.UTF_8));
 *
 * Subprocess grep = Subprocess.exec("grep", "error");
 * grep.stdin().write(logBytes);
 * grep.stdin().close();
 * byte[] line;
 * while ((line = grep.stdout().readLine()).length > 0) {
 *     handle(line);
 * }
 * int code = grep.waitFor();
 * }
 *
 * <p>The JDK's pipes block, so each piped stream is pumped by a platform thread of its own, which
 * hands the bytes to the loop ({@code callSoonThreadsafe}); the loop's thread never blocks on a pipe.
 * A reader that is not read holds the child back once {@code 2 * limit} bytes wait (as asyncio
 * pauses reading): read both stdout and stderr, or use {@link #communicate}, or redirect stderr.
 *
 * <p>Methods must be called from tasks of the loop that started the process. Exit codes are the
 * JDK's: a child killed by a signal reports {@code 128 + signal} (asyncio reports {@code -signal}).
 */
public final class Subprocess {
    private static final StreamAccess STREAMS = StreamAccess.get();

    /**
     * What {@link #communicate} collected.
     *
     * @param exitCode the child's exit code
     * @param stdout everything it wrote to stdout (empty when stdout was not piped)
     * @param stderr everything it wrote to stderr (empty when stderr was not piped)
     */
    public record Output(int exitCode, byte[] stdout, byte[] stderr) {}

    private final Loop loop;
    private final Process process;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;

    private Subprocess(Loop loop, Process process, ProcessBuilder builder, int limit) {
        this.loop = loop;
        this.process = process;
        String name = "aio-pipe-" + process.pid() + "-";
        PipeTransport in = null;
        PipeSource out = null;
        PipeSource err = null;
        if (builder.redirectInput() == ProcessBuilder.Redirect.PIPE) {
            in = new PipeTransport(loop, "process " + process.pid());
            in.start(process.getOutputStream(), name + "stdin");
        }
        if (builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
            out = new PipeSource(loop, 2L * limit);
            out.start(process.getInputStream(), name + "stdout");
        }
        if (builder.redirectError() == ProcessBuilder.Redirect.PIPE && !builder.redirectErrorStream()) {
            err = new PipeSource(loop, 2L * limit);
            err.start(process.getErrorStream(), name + "stderr");
        }
        stdin = in == null ? null : STREAMS.newWriter(in);
        stdout = out == null ? null : STREAMS.newReader(out, limit);
        stderr = err == null ? null : STREAMS.newReader(err, limit);
        // The pumps must not outlive the child: at its exit they end once their pipes allow it.
        PipeTransport exitIn = in;
        PipeSource exitOut = out;
        PipeSource exitErr = err;
        process.onExit().thenRun(() -> {
            if (exitIn != null) {
                exitIn.processExited();
            }
            if (exitOut != null) {
                exitOut.processExited();
            }
            if (exitErr != null) {
                exitErr.processExited();
            }
        });
    }

    // ---- starting ----

    /**
     * Starts {@code command} with its stdin, stdout and stderr piped (the JDK's default); asyncio's
     * {@code create_subprocess_exec(*args, stdin=PIPE, stdout=PIPE, stderr=PIPE)}. The start itself
     * (fork and exec) runs on the loop's executor.
     *
     * <p><b>Cancellation.</b> If the task is cancelled while the process starts, the process is
     * killed and {@link CancelledError} thrown.
     *
     * @throws IOException if the program cannot be started (not found, not executable)
     */
    public static Subprocess exec(String... command) throws IOException {
        return start(new ProcessBuilder(command));
    }

    /** Like {@link #exec(String...)} with the command as a list. */
    public static Subprocess exec(List<String> command) throws IOException {
        return start(new ProcessBuilder(command));
    }

    /**
     * Runs {@code command} through the shell ({@code /bin/sh -c}, or {@code cmd.exe /c} on Windows),
     * pipes as {@link #exec(String...)}; asyncio's {@code create_subprocess_shell}. Mind shell
     * injection: quote what comes from outside.
     */
    public static Subprocess shell(String command) throws IOException {
        Objects.requireNonNull(command, "command");
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        return start(
                windows ? new ProcessBuilder("cmd.exe", "/c", command) : new ProcessBuilder("/bin/sh", "-c", command));
    }

    /**
     * Starts the process {@code builder} describes (command, directory, environment, redirects):
     * the streams that it pipes get a {@link StreamWriter} or {@link StreamReader} here; the others
     * (inherited, discarded, files) are null.
     */
    public static Subprocess start(ProcessBuilder builder) throws IOException {
        return start(builder, StreamReader.DEFAULT_LIMIT);
    }

    /** Like {@link #start(ProcessBuilder)} with the readers' buffer limit {@code limit}. */
    public static Subprocess start(ProcessBuilder builder, int limit) throws IOException {
        Objects.requireNonNull(builder, "builder");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Task<?> me = Parking.currentTask("Subprocess.start");
        Loop loop = Asyncio.currentLoop();
        Process process;
        try {
            process = Asyncio.uncancellable(() -> Asyncio.toThread(builder::start));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        if (Parking.cancelPending(me)) {
            process.destroyForcibly();
            throw Parking.cancelledError(me);
        }
        return new Subprocess(loop, process, builder, limit);
    }

    // ---- streams ----

    /** The child's stdin, or null when it is not piped. Close it to send EOF. */
    public StreamWriter stdin() {
        return stdin;
    }

    /** The child's stdout, or null when it is not piped. */
    public StreamReader stdout() {
        return stdout;
    }

    /** The child's stderr, or null when it is not piped (or merged into stdout). */
    public StreamReader stderr() {
        return stderr;
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** The JDK's handle of the process (for its children, its command line, ...). */
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    // ---- waiting ----

    /**
     * Parks until the process exits and returns its exit code; asyncio's {@code wait()}. Like
     * asyncio's, it can deadlock a child that fills a pipe nobody reads: use {@link #communicate}.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link CancelledError}; the process keeps running.
     */
    public int waitFor() {
        Parking.checkThread(loop, "Subprocess.waitFor");
        if (!process.isAlive()) {
            return process.exitValue();
        }
        try {
            return Asyncio.await(process.onExit()).exitValue();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("waiting for process " + pid() + " failed", e);
        }
    }

    /** The exit code, or null while the process runs; asyncio's {@code returncode}. */
    public Integer returnCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /**
     * Sends {@code input} (if any) to stdin and closes it, reads stdout and stderr to their ends at
     * the same time, and waits for the exit; asyncio's {@code communicate}. A child that exits
     * without reading all of {@code input} is not an error (a broken pipe is ignored, as asyncio).
     *
     * <p><b>Cancellation.</b> The feeding and reading stop; what was read is lost and the process
     * keeps running (kill it if it must end).
     *
     * @throws IllegalStateException if {@code input} is given but stdin is not piped
     */
    public Output communicate(byte[] input) throws IOException {
        Parking.checkThread(loop, "Subprocess.communicate");
        if (input != null && input.length > 0 && stdin == null) {
            throw new IllegalStateException("communicate(input) needs a piped stdin");
        }
        try {
            Task<Void> feeder = Asyncio.createTask("stdin of " + pid(), () -> {
                if (stdin == null) {
                    return;
                }
                try {
                    if (input != null && input.length > 0) {
                        stdin.write(input);
                        stdin.drain();
                    }
                    stdin.close();
                    stdin.waitClosed();
                } catch (UncheckedIOException brokenPipe) {
                    // the child exited without reading everything: as asyncio, not an error
                }
            });
            Task<byte[]> out =
                    Asyncio.createTask("stdout of " + pid(), () -> stdout == null ? new byte[0] : stdout.read());
            Task<byte[]> err =
                    Asyncio.createTask("stderr of " + pid(), () -> stderr == null ? new byte[0] : stderr.read());
            List<Object> results = Asyncio.gather(feeder, out, err);
            int code = waitFor();
            return new Output(code, (byte[]) results.get(1), (byte[]) results.get(2));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Like {@link #communicate(byte[])} without input: stdin (if piped) is closed at once. */
    public Output communicate() throws IOException {
        return communicate(null);
    }

    // ---- signals ----

    /** Asks the process to end (SIGTERM on Unix); asyncio's {@code terminate()}. */
    public void terminate() {
        process.destroy();
    }

    /** Ends the process at once (SIGKILL on Unix); asyncio's {@code kill()}. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Sends the signal {@code name} ({@code "USR1"} or {@code "SIGUSR1"}, {@code "HUP"}, {@code
     * "INT"} ...) to the process; asyncio's {@code send_signal}. Nothing happens once the process
     * has exited. The JDK can only send SIGTERM ({@link #terminate()}) and SIGKILL ({@link
     * #kill()}); every other signal is sent by the shell's {@code kill} command (run off the loop),
     * so a process that exits just before it is signalled leaves a window of microseconds in which
     * its pid could be reused, as with any {@code kill} by pid.
     *
     * <p><b>Cancellation.</b> The signal may or may not have been sent.
     *
     * @throws IllegalArgumentException if {@code name} is not a signal name
     * @throws UnsupportedOperationException on Windows, for signals other than TERM and KILL
     * @throws IOException if {@code kill} refused the signal (the message says why)
     */
    public void sendSignal(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        Parking.checkThread(loop, "Subprocess.sendSignal");
        String signal = name.toUpperCase(java.util.Locale.ROOT);
        if (signal.startsWith("SIG")) {
            signal = signal.substring(3);
        }
        if (!signal.matches("[A-Z][A-Z0-9+-]*")) {
            throw new IllegalArgumentException("not a signal name: '" + name + "' (use a name like \"USR1\")");
        }
        if (!process.isAlive()) {
            return;
        }
        switch (signal) {
            case "TERM" -> process.destroy();
            case "KILL" -> process.destroyForcibly();
            default -> {
                if (System.getProperty("os.name", "").startsWith("Windows")) {
                    throw new UnsupportedOperationException(
                            "Windows has no signal " + signal + ": only terminate() and kill()");
                }
                String sig = signal;
                ProcessBuilder kill = new ProcessBuilder(
                                "/bin/sh", "-c", "kill -s \"$1\" \"$2\"", "sh", sig, Long.toString(pid()))
                        .redirectErrorStream(true);
                String failure;
                try {
                    failure = Asyncio.toThread(() -> {
                        Process k = kill.start();
                        String out =
                                new String(k.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        return k.waitFor() == 0 ? null : out.strip();
                    });
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
                if (failure != null) {
                    throw new IOException("sending SIG" + sig + " to process " + pid() + " failed: " + failure);
                }
            }
        }
    }

    /**
     * Makes {@code builder} start its command in a new session (asyncio's {@code
     * start_new_session=True}, {@code setsid()} in the child): the child leads a new session and
     * process group, so a terminal's Ctrl-C or hang-up does not reach it, and its group can be
     * signalled as one. The JDK cannot call {@code setsid()} between fork and exec, so the command is
     * prefixed with the {@code setsid} program (util-linux), which execs it in place: same pid.
     * Returns {@code builder}, changed.
     *
     * @throws UnsupportedOperationException where there is no {@code setsid} program (macOS,
     *     Windows, a minimal container)
     */
    public static ProcessBuilder inNewSession(ProcessBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        String setsid = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            java.nio.file.Path candidate = java.nio.file.Path.of(dir, "setsid");
            if (java.nio.file.Files.isExecutable(candidate)) {
                setsid = candidate.toString();
                break;
            }
        }
        if (setsid == null) {
            throw new UnsupportedOperationException("starting a new session needs the setsid program"
                    + " (util-linux; apt-get install util-linux), which is not on the PATH: the JDK"
                    + " cannot call setsid() in the child itself");
        }
        builder.command().add(0, setsid);
        return builder;
    }

    @Override
    public String toString() {
        Integer code = returnCode();
        return "Subprocess[pid=" + pid() + (code == null ? ", running" : ", exited " + code) + "]";
    }
}
