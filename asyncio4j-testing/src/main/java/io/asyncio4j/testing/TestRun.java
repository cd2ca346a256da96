package io.asyncio4j.testing;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.Outcome;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.TimerHandle;
import io.asyncio4j.lowlevel.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's loop: opened with a recording exception handler (and a virtual clock unless told
 * otherwise), driven once by {@link #run}, then closed and checked. Shared by {@link TestLoop} and
 * {@link AsyncioExtension}.
 *
 * <p>{@link #run} fails, in this order of precedence, when: the wall-time safety net ran out; the
 * loop-time timeout fired; main failed (its own exception); main returned while other tasks of the
 * loop were running; the exception handler received anything; the loop did not close after
 * cancelling what was left. The lesser failures are added to the first as suppressed exceptions, so
 * none is lost.
 */
final class TestRun implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** How long closing the loop may take before the test gives up on it (the thread is left). */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    /**
     * How to build and watch the loop.
     *
     * @param base the options the test's own settings are applied to
     * @param realClock keep {@code base}'s clock instead of a new {@link VirtualClock}
     * @param autojumpThreshold the virtual clock's threshold
     * @param timeout loop time after which main is cancelled and the test fails; null for none
     * @param wallTimeout real time after which the test fails; null for none
     * @param debug force debug mode on (otherwise {@code base}'s setting)
     * @param name the loop's name, before a unique number
     * @param mainTaskName the name of the task that runs the test
     * @param origin what set these, for messages (e.g. {@code "@AsyncioTest"})
     */
    record Settings(
            LoopOptions base,
            boolean realClock,
            Duration autojumpThreshold,
            Duration timeout,
            Duration wallTimeout,
            boolean debug,
            String name,
            String mainTaskName,
            String origin) {

        static Settings defaults(String origin) {
            return new Settings(
                    LoopOptions.defaults(),
                    false,
                    Duration.ZERO,
                    null,
                    Duration.ofSeconds(60),
                    false,
                    "aio-test",
                    "main",
                    origin);
        }

        Settings withBase(LoopOptions base) {
            return new Settings(
                    base, realClock, autojumpThreshold, timeout, wallTimeout, debug, name, mainTaskName, origin);
        }
    }

    /** What main's task leaves for the thread that checks it; published by the future's completion. */
    private static final class MainReport {
        String timeoutDump;
        List<String> leaked = List.of();
        String leakDump;
    }

    private final Settings settings;
    private final Loop loop;
    private final VirtualClock clock;
    /** Everything the loop's exception handler received; guarded by itself. */
    private final List<Loop.ErrorContext> errors = new ArrayList<>();

    private boolean ran;
    /** The thread closing the loop, once closing started; guarded by this. */
    private Thread closer;

    TestRun(Settings settings) {
        this.settings = settings;
        LoopOptions options = settings.base();
        if (settings.realClock()) {
            clock = null;
        } else {
            clock = new VirtualClock(settings.autojumpThreshold());
            options = options.clock(clock);
        }
        if (settings.debug()) {
            options = options.debug(true);
        }
        options = options.name(settings.name() + "-" + IDS.incrementAndGet()).exceptionHandler(error -> {
            synchronized (errors) {
                errors.add(error);
            }
        });
        loop = Loop.open(options);
    }

    Loop loop() {
        return loop;
    }

    /** The virtual clock, or null on a real clock. */
    VirtualClock clock() {
        return clock;
    }

    /**
     * Runs {@code main} as the loop's main task, closes the loop and checks what the test left
     * behind. Once only.
     *
     * @return main's result
     * @throws AssertionError for a timeout, a leaked task or a reported error (see the class doc)
     * @throws Exception main's own exception, unwrapped
     */
    <T> T run(Coroutine<T> main) throws Exception {
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("a TestRun runs once");
            }
            ran = true;
        }
        MainReport report = new MainReport();
        CompletableFuture<Outcome<T>> done = loop.submit(() -> runMain(main, report));
        Outcome<T> outcome;
        try {
            Duration wall = settings.wallTimeout();
            outcome = wall == null ? done.get() : done.get(wall.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw wallTimeout(done);
        } catch (InterruptedException e) {
            done.cancel(true);
            closeWithin(CLOSE_GRACE);
            throw e;
        } catch (ExecutionException | CancellationException e) {
            // runMain catches everything; this is the loop refusing the task (it closed under us)
            closeWithin(CLOSE_GRACE);
            throw new AssertionError("the test's main task could not run on " + loop, e);
        }
        boolean closed = closeWithin(CLOSE_GRACE);
        return verdict(outcome, report, closed);
    }

    /** The body of the main task: never throws, so its outcome is a value for {@link #verdict}. */
    private <T> Outcome<T> runMain(Coroutine<T> main, MainReport report) {
        Task<?> me = Asyncio.currentTask();
        me.setName(settings.mainTaskName());
        TimerHandle timer = null;
        Duration timeout = settings.timeout();
        if (timeout != null) {
            timer = loop.callLater(timeout, () -> {
                report.timeoutDump = loop.dumpTasks();
                me.cancel("the test timed out after " + describe(timeout) + " of " + timeKind());
            });
        }
        Outcome<T> outcome;
        try {
            outcome = new Outcome.Success<>(main.call());
        } catch (CancelledError e) {
            outcome = new Outcome.Cancelled<>(e);
            if (report.timeoutDump != null && me.cancelling() > 0) {
                // Our own timeout's request: withdrawn, so that the main task ends with the outcome
                // value (a standing request would end it cancelled, and hide the report).
                me.uncancel();
            }
        } catch (Throwable t) {
            outcome = new Outcome.Failure<>(t);
        }
        if (timer != null) {
            timer.cancel();
        }
        List<String> others = new ArrayList<>();
        for (Task<?> task : loop.allTasks()) {
            if (task != me) {
                others.add(task.toString());
            }
        }
        if (!others.isEmpty()) {
            report.leaked = others;
            report.leakDump = loop.dumpTasks();
        }
        return outcome;
    }

    private <T> T verdict(Outcome<T> outcome, MainReport report, boolean closed) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        Throwable own = switch (outcome) {
            case Outcome.Success<T> s -> null;
            case Outcome.Failure<T> f -> f.exception();
            case Outcome.Cancelled<T> c -> c.error();
        };
        if (report.timeoutDump != null) {
            AssertionError timedOut = new AssertionError("the test timed out: it ran "
                    + describe(settings.timeout())
                    + " of "
                    + timeKind()
                    + " (the timeout of "
                    + settings.origin()
                    + "), and its main task was cancelled. Tasks when the timeout fired:\n"
                    + report.timeoutDump);
            if (own != null) {
                timedOut.initCause(own);
            }
            failures.add(timedOut);
        } else if (own != null) {
            failures.add(own);
        }
        if (!report.leaked.isEmpty()) {
            failures.add(new AssertionError("the test returned while "
                    + report.leaked.size()
                    + " other task(s) of its loop were still running: "
                    + report.leaked
                    + "; a test must await or cancel every task it starts. Tasks when it returned:\n"
                    + report.leakDump));
        }
        List<Loop.ErrorContext> reported;
        synchronized (errors) {
            reported = List.copyOf(errors);
        }
        if (!reported.isEmpty()) {
            failures.add(reportedErrors(reported));
        }
        if (!closed) {
            failures.add(new AssertionError(loop + " did not close within " + describe(CLOSE_GRACE)
                    + " after the test: a task ignores cancellation. Its thread is left running. Tasks now:\n"
                    + loop.dumpTasks()));
        }
        if (failures.isEmpty()) {
            return ((Outcome.Success<T>) outcome).value();
        }
        Throwable first = failures.get(0);
        for (Throwable other : failures.subList(1, failures.size())) {
            first.addSuppressed(other);
        }
        throw sneaky(first);
    }

    private static AssertionError reportedErrors(List<Loop.ErrorContext> reported) {
        StringBuilder message = new StringBuilder("the loop's exception handler received ")
                .append(reported.size())
                .append(reported.size() == 1 ? " error" : " errors")
                .append(" (a test fails on anything its loop reports: an exception no one retrieved from a task, a"
                        + " failing callback, in debug mode a task that held the loop too long):");
        for (Loop.ErrorContext error : reported) {
            message.append("\n  - ").append(error.message());
            if (error.task() != null && !error.message().contains(error.task().toString())) {
                message.append(" (").append(error.task()).append(')');
            }
            if (error.exception() != null) {
                message.append(": ").append(error.exception());
            }
        }
        AssertionError failure = new AssertionError(message.toString());
        for (Loop.ErrorContext error : reported) {
            if (error.exception() != null) {
                failure.addSuppressed(error.exception());
            }
        }
        return failure;
    }

    private AssertionError wallTimeout(CompletableFuture<?> done) {
        String dump = loop.dumpTasks();
        done.cancel(true);
        boolean closed = closeWithin(CLOSE_GRACE);
        return new AssertionError("the test did not finish within "
                + describe(settings.wallTimeout())
                + " of real time (the wall-time safety net of "
                + settings.origin()
                + "). Either a task holds the loop's thread (a busy loop, blocking file I/O, a native"
                + " call), or the test waits for something that never happens"
                + (clock != null ? " (with a virtual clock, a loop-time timeout fails such a test at once)" : "")
                + ". "
                + (closed
                        ? "Its tasks were cancelled."
                        : "The loop did not close after cancelling its tasks; its thread is left running.")
                + " Tasks when the safety net fired:\n"
                + dump);
    }

    private String timeKind() {
        return clock != null ? "virtual time" : "loop time";
    }

    /** Closes the loop from a helper thread; false if it has not closed within {@code limit}. */
    private boolean closeWithin(Duration limit) {
        Thread t;
        synchronized (this) {
            if (closer == null) {
                closer = Thread.ofPlatform()
                        .name(loop.name() + "-closer")
                        .daemon()
                        .start(loop::close);
            }
            t = closer;
        }
        try {
            return t.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes the loop if {@link #run} never did (the test never started, or failed to resolve). */
    @Override
    public void close() {
        closeWithin(CLOSE_GRACE);
    }

    static String describe(Duration d) {
        if (d.toNanos() % 1_000_000_000L == 0) {
            return d.toSeconds() + " s";
        }
        if (d.toNanos() % 1_000_000L == 0) {
            return d.toMillis() + " ms";
        }
        return d.toNanos() + " ns";
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
