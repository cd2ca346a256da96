package io.asyncio4j;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * asyncio's module-level functions: {@code Asyncio.run}, {@code createTask}, {@code gather}, {@code
 * sleep}, {@code timeout}, {@code taskGroup} and the rest, named as in asyncio.
 *
 * {@snippet :
 * public static void main(String[] args) throws Exception {
 *     Asyncio.run(() -> {
 *         var a = Asyncio.createTask(() -> countdown("A", 3));
 *         var b = Asyncio.createTask(() -> countdown("B", 2));
 *         Asyncio.gather(a, b);
 *         return null;
 *     });
 * }
 * }
 *
 * <p>Everything except {@link #run} must be called from a task of a running loop. Methods that
 * suspend say in a <b>Cancellation</b> paragraph what happens when the calling task is cancelled
 * while suspended there.
 */
public final class Asyncio {
    private Asyncio() {}

    // ---- running ----

    /**
     * Opens a loop, runs {@code main} as its first task, closes the loop, and returns main's result
     * (or throws its exception unwrapped); asyncio's {@code asyncio.run}. Closing cancels the tasks
     * still running and waits for them. On the main thread, the first Ctrl-C (SIGINT) cancels the
     * main task so its cleanup runs, then this method throws its {@link CancelledError}; if nothing
     * catches it, the JVM exits with status 130 and no stack trace, as a Python program or a plain
     * Java program ended by Ctrl-C does. A second Ctrl-C stops the JVM at once.
     *
     * @throws IllegalStateException if called from inside a running loop
     */
    public static <T> T run(Coroutine<T> main) throws Exception {
        return run(LoopOptions.defaults(), main);
    }

    /** Like {@link #run(Coroutine)}, with a loop built from {@code options}. */
    public static <T> T run(LoopOptions options, Coroutine<T> main) throws Exception {
        Objects.requireNonNull(main, "main");
        if (Loop.currentOrNull() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running loop; await the"
                    + " coroutine, or create a task with Asyncio.createTask, instead");
        }
        Loop loop = Loop.open(options);
        Interrupts interrupts = Interrupts.install(loop);
        try (loop;
                interrupts) {
            return loop.run(new MainTask<>(main, interrupts));
        } catch (CancelledError e) {
            interrupts.exitQuietlyIfUncaught(e);
            throw e;
        } catch (Exception | Error e) {
            // The exception's own trace ends where the main task's virtual thread began; the
            // frames that called Asyncio.run (main, the test) are only here, so attach them.
            e.addSuppressed(new CalledFrom(Thread.currentThread()));
            throw e;
        }
    }

    /**
     * The main task of {@link #run}: tells Ctrl-C's handler which task to cancel, then runs main. A
     * class, not a lambda, which would be a class generated at run time on the path of every run.
     */
    private static final class MainTask<T> implements Coroutine<T> {
        private final Coroutine<T> main;
        private final Interrupts interrupts;

        MainTask(Coroutine<T> main, Interrupts interrupts) {
            this.main = main;
            this.interrupts = interrupts;
        }

        @Override
        public T call() throws Exception {
            interrupts.mainStarted(Task.current());
            return main.call();
        }
    }

    /**
     * Where {@link #run} was called: a suppressed exception on what main threw, so a stack trace
     * shows both the task's frames and the caller's, as CPython's traceback does.
     */
    private static final class CalledFrom extends Exception {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        CalledFrom(Thread thread) {
            super("Asyncio.run was called here, on thread '" + thread.getName() + "'");
        }
    }

    /** Like {@link #run(Coroutine)} for a body without a result. */
    public static void run(AsyncRunnable main) throws Exception {
        run(main.asCoroutine());
    }

    // ---- tasks ----

    /** Schedules {@code coro} as a task of the running loop; asyncio's {@code create_task}. */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return currentLoop().createTask(coro);
    }

    /** Schedules {@code coro} as a task named {@code name}. */
    public static <T> Task<T> createTask(String name, Coroutine<T> coro) {
        return currentLoop().createTask(name, coro);
    }

    /** Schedules {@code body} (no result) as a task. */
    public static Task<Void> createTask(AsyncRunnable body) {
        return currentLoop().createTaskOf(null, body);
    }

    /** Schedules {@code body} (no result) as a task named {@code name}. */
    public static Task<Void> createTask(String name, AsyncRunnable body) {
        return currentLoop().createTaskOf(name, body);
    }

    /** The task running this code, or null outside a task. */
    public static Task<?> currentTask() {
        return Task.current();
    }

    /** The tasks of the running loop that have not ended. */
    public static List<Task<?>> allTasks() {
        return currentLoop().allTasks();
    }

    /**
     * The running loop.
     *
     * @throws IllegalStateException outside a loop
     */
    public static Loop currentLoop() {
        Loop loop = Loop.currentOrNull();
        if (loop == null) {
            throw new IllegalStateException("no running loop on thread '"
                    + Thread.currentThread().getName() + "': call this from a task (inside Asyncio.run or loop.run)");
        }
        return loop;
    }

    // ---- suspending ----

    /**
     * Suspends the calling task for {@code delay} of loop time; asyncio's {@code sleep}. A zero or
     * negative delay is {@link #yieldNow()}.
     *
     * <p><b>Cancellation.</b> The sleep ends early with {@link CancelledError}; nothing is lost.
     */
    public static void sleep(Duration delay) {
        Task<?> me = Task.currentOrThrow("Asyncio.sleep");
        if (delay.isNegative() || delay.isZero()) {
            yieldNow();
            return;
        }
        sleepUntil(me, me.loop.deadlineAfter(delay));
    }

    /** Suspends the calling task until loop time {@code deadline}. */
    static void sleepUntil(long deadline) {
        sleepUntil(Task.currentOrThrow("Asyncio.sleep"), deadline);
    }

    private static void sleepUntil(Task<?> me, long deadline) {
        me.checkCancelled();
        WakeTimer timer = new WakeTimer(me);
        // The loop adds the timer once this task has parked: the heap insertion then runs in the
        // loop's frame, not in this one, whose stack is frozen with every sleeping task.
        me.loop.cycle.deferTimerUntilParked(timer, deadline);
        me.suspend();
        if (!timer.fired && !sleptOn(me, timer)) {
            throw me.cancelledError(); // here, not in sleptOn: see Task's overview
        }
    }

    /** Parks until {@code timer} fires (true) or a cancellation stops the sleep (false). */
    private static boolean sleptOn(Task<?> me, WakeTimer timer) {
        me.loop.cycle.addDeferredTimer(); // the park returned without yielding: the timer may still wait
        while (!timer.fired) {
            if (me.cancelPending()) {
                me.loop.cycle.cancelTimer(timer);
                return false;
            }
            me.suspend();
        }
        return true;
    }

    /**
     * Lets the other ready tasks run, then continues; asyncio's {@code sleep(0)}. Ready tasks take
     * turns in FIFO order.
     *
     * <p><b>Cancellation.</b> Throws {@link CancelledError} if a cancellation is pending before or
     * after the turn.
     */
    public static void yieldNow() {
        Task<?> me = Task.currentOrThrow("Asyncio.yieldNow");
        me.checkCancelled();
        me.beginYield();
        Thread.yield();
        me.endYield();
        me.checkCancelled();
    }

    /**
     * Parks the calling task until {@code stage} completes and returns its value, or throws its
     * exception unwrapped. A thread that is no task blocks; a loop callback, which would freeze
     * the loop by blocking, gets {@link IllegalStateException} unless {@code stage} is complete.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link CancelledError} and cancels the stage's
     * {@code CompletableFuture} (as asyncio cancels a wrapped future).
     */
    public static <T> T await(CompletionStage<T> stage) throws Exception {
        Objects.requireNonNull(stage, "stage");
        Task<?> me = Task.current();
        if (me == null) {
            Loop current = Loop.currentOrNull();
            if (current != null && !stage.toCompletableFuture().isDone()) {
                throw new IllegalStateException("a loop callback cannot wait for " + stage + ": it would freeze loop '"
                        + current.name() + "'. Wait from a task (loop.createTask) instead");
            }
            try {
                return stage.toCompletableFuture().get();
            } catch (ExecutionException e) {
                throw Awaitable.sneaky(unwrap(e));
            }
        }
        Loop loop = me.loop;
        Future<T> future = new Future<>(loop);
        stage.whenComplete((value, error) -> {
            Runnable deliver = () -> {
                if (future.isDone()) {
                    return;
                }
                if (error == null) {
                    future.setResult(value);
                } else {
                    Throwable cause = unwrap(error);
                    if (cause instanceof CancellationException) {
                        future.cancel("the CompletionStage was cancelled");
                    } else {
                        future.settle(cause);
                    }
                }
            };
            if (loop.isLoopThread()) {
                deliver.run();
            } else {
                try {
                    loop.callSoonThreadsafe(deliver);
                } catch (LoopClosedException e) {
                    // the waiting task is gone with its loop
                }
            }
        });
        try {
            return future.await();
        } catch (CancelledError e) {
            if (future.isCancelled()) {
                stage.toCompletableFuture().cancel(false);
            }
            throw e;
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Runs {@code fn} on the loop's default executor (platform threads) and parks until it returns;
     * asyncio's {@code to_thread}. For CPU-heavy work, file I/O and native calls, which would hold
     * the loop's thread. {@code fn} sees the calling task's {@link ContextVar} values (a copy, as
     * asyncio's {@code to_thread} copies the context). If {@code fn} throws {@link CancelledError},
     * the caller gets {@link CancelledError}.
     *
     * <p><b>Cancellation.</b> The task stops waiting with {@link CancelledError}; the thread is not
     * interrupted and runs {@code fn} to its end, and its result is discarded.
     */
    public static <T> T toThread(Callable<T> fn) throws Exception {
        Task<?> me = Task.currentOrThrow("Asyncio.toThread");
        Objects.requireNonNull(fn, "fn");
        Object[] context = me.context;
        return runInExecutor(me.loop.defaultExecutor(), () -> {
            Object[] previous = ContextVar.enter(context);
            try {
                return fn.call();
            } finally {
                ContextVar.exit(previous);
            }
        });
    }

    /**
     * Runs {@code fn} on {@code executor} and parks until it returns; asyncio's {@code
     * run_in_executor}. Unlike {@link #toThread}, {@code fn} runs with the executor thread's own
     * {@link ContextVar} values, as asyncio's {@code run_in_executor} does. Cancellation as {@link
     * #toThread}.
     */
    public static <T> T runInExecutor(Executor executor, Callable<T> fn) throws Exception {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(fn, "fn");
        Task<?> me = Task.currentOrThrow("Asyncio.runInExecutor");
        me.checkCancelled();
        Loop loop = me.loop;
        Future<T> future = new Future<>(loop);
        executor.execute(() -> {
            Runnable deliver;
            try {
                T value = fn.call();
                deliver = () -> {
                    if (!future.isDone()) {
                        future.setResult(value);
                    }
                };
            } catch (Throwable t) {
                deliver = () -> {
                    if (!future.isDone()) {
                        future.settle(t);
                    }
                };
            }
            try {
                loop.callSoonThreadsafe(deliver);
            } catch (LoopClosedException e) {
                // nobody is left to receive the result
            }
        });
        return future.await();
    }

    // ---- combinators ----

    /**
     * Waits for all {@code awaitables} and returns their results in argument order; asyncio's
     * {@code gather}. The first failure is thrown as soon as it happens; the others keep running.
     *
     * <p><b>Cancellation.</b> Cancelling the calling task cancels every awaitable still running;
     * the call waits for them to end, then throws {@link CancelledError}.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <T> List<T> gather(Awaitable<? extends T>... awaitables) throws Exception {
        return gather(listOf(awaitables));
    }

    /** Like {@link #gather(Awaitable[])} for coroutines, each started as a task first. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <T> List<T> gather(Coroutine<? extends T>... coroutines) throws Exception {
        return gather(startAll(coroutines));
    }

    /** Like {@link #gather(Awaitable[])} for bodies without a result, each started as a task first. */
    public static List<Void> gather(AsyncRunnable... bodies) throws Exception {
        return gather(Asyncio.<Void>startAll(bodies));
    }

    /** Like {@link #gather(Awaitable[])} for a collection. */
    public static <T> List<T> gather(Collection<? extends Awaitable<? extends T>> awaitables) throws Exception {
        Task<?> me = Task.currentOrThrow("Asyncio.gather");
        Gathering g = Gathering.start(me, awaitables, false);
        Awaitable<?> failed = g.failed;
        if (failed != null) {
            failed.report();
        }
        List<T> results = new ArrayList<>(g.items.length);
        for (Awaitable<?> a : g.items) {
            @SuppressWarnings("unchecked")
            T value = (T) a.rawOutcome();
            results.add(value);
        }
        return results;
    }

    /**
     * Waits for all {@code awaitables} and returns how each ended, in argument order; asyncio's
     * {@code gather(..., return_exceptions=True)}. Failures and cancellations of the awaitables are
     * values here, not exceptions.
     *
     * <p><b>Cancellation.</b> As {@link #gather(Awaitable[])}.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <T> List<Outcome<T>> gatherSettled(Awaitable<? extends T>... awaitables) {
        return gatherSettled(listOf(awaitables));
    }

    /** Like {@link #gatherSettled(Awaitable[])} for coroutines, each started as a task first. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <T> List<Outcome<T>> gatherSettled(Coroutine<? extends T>... coroutines) {
        return gatherSettled(startAll(coroutines));
    }

    /** Like {@link #gatherSettled(Awaitable[])} for bodies without a result. */
    public static List<Outcome<Void>> gatherSettled(AsyncRunnable... bodies) {
        return gatherSettled(Asyncio.<Void>startAll(bodies));
    }

    /** Like {@link #gatherSettled(Awaitable[])} for a collection. */
    public static <T> List<Outcome<T>> gatherSettled(Collection<? extends Awaitable<? extends T>> awaitables) {
        Task<?> me = Task.currentOrThrow("Asyncio.gatherSettled");
        Gathering g = Gathering.start(me, awaitables, true);
        List<Outcome<T>> outcomes = new ArrayList<>(g.items.length);
        for (Awaitable<?> a : g.items) {
            outcomes.add(outcomeOf(a));
        }
        return outcomes;
    }

    @SuppressWarnings("unchecked")
    static <T> Outcome<T> outcomeOf(Awaitable<?> a) {
        Object o = a.rawOutcome();
        return switch (a.state()) {
            case Awaitable.RESULT -> new Outcome.Success<>((T) o);
            case Awaitable.FAILED -> new Outcome.Failure<>((Throwable) o);
            default -> new Outcome.Cancelled<>((CancelledError) o);
        };
    }

    /** One task per body (each a {@link Coroutine} or an {@link AsyncRunnable}), in order. */
    private static <T> List<Task<T>> startAll(Object[] bodies) {
        Loop loop = currentLoop();
        List<Task<T>> tasks = new ArrayList<>(bodies.length);
        for (Object body : bodies) {
            tasks.add(loop.createTaskOf(null, body));
        }
        return tasks;
    }

    @SafeVarargs
    private static <E> List<E> listOf(E... items) {
        List<E> list = new ArrayList<>(items.length);
        for (E item : items) {
            list.add(item);
        }
        return list;
    }

    /**
     * Waits until {@code awaitables} are done as {@code returnWhen} says, or until {@code timeout}
     * (null: no timeout); asyncio's {@code wait}. Never cancels anything and never throws the
     * awaitables' exceptions: look at the returned sets.
     *
     * <p><b>Cancellation.</b> The wait ends with {@link CancelledError}; the awaitables keep
     * running.
     */
    public static <A extends Awaitable<?>> Waited<A> wait(
            Collection<A> awaitables, ReturnWhen returnWhen, Duration timeout) {
        Objects.requireNonNull(returnWhen, "returnWhen");
        Task<?> me = Task.currentOrThrow("Asyncio.wait");
        if (awaitables.isEmpty()) {
            throw new IllegalArgumentException("Asyncio.wait needs at least one awaitable");
        }
        List<A> items = List.copyOf(new LinkedHashSet<>(awaitables));
        WaitState state = new WaitState(me, returnWhen);
        for (A a : items) {
            checkSameLoop(me, a);
            if (a.isDone()) {
                state.accept(a);
            } else {
                a.addWaiter(state);
            }
        }
        WakeTimer timer = null;
        if (!state.satisfied(items.size()) && timeout != null) {
            timer = new WakeTimer(me);
            me.loop.cycle.addTimer(timer, me.loop.deadlineAfter(timeout));
        }
        try {
            while (!state.satisfied(items.size()) && (timer == null || !timer.fired)) {
                me.checkCancelled();
                me.suspend();
            }
        } finally {
            state.finished = true;
            if (timer != null && !timer.fired) {
                me.loop.cycle.cancelTimer(timer);
            }
            for (A a : items) {
                if (!a.isDone()) {
                    a.removeWaiter(state);
                }
            }
        }
        Set<A> done = new LinkedHashSet<>();
        Set<A> pending = new LinkedHashSet<>();
        for (A a : items) {
            (a.isDone() ? done : pending).add(a);
        }
        return new Waited<>(done, pending);
    }

    /** Like {@link #wait(Collection, ReturnWhen, Duration)} without a timeout. */
    public static <A extends Awaitable<?>> Waited<A> wait(Collection<A> awaitables, ReturnWhen returnWhen) {
        return wait(awaitables, returnWhen, null);
    }

    /**
     * Counts completions and wakes the waiting task. It is a done callback, run by callSoon in the
     * cycle after an awaitable completes (as asyncio's {@code _on_completion}), so the waiter resumes
     * one cycle later still, and an awaitable that completes in between is reported done, as in
     * asyncio.
     */
    private static final class WaitState implements java.util.function.Consumer<Awaitable<?>> {
        final Task<?> waiter;
        final ReturnWhen when;
        int doneCount;
        boolean failure;
        boolean finished;

        WaitState(Task<?> waiter, ReturnWhen when) {
            this.waiter = waiter;
            this.when = when;
        }

        @Override
        public void accept(Awaitable<?> a) {
            if (finished) {
                return;
            }
            doneCount++;
            if (a.state() == Awaitable.FAILED) {
                failure = true;
            }
            waiter.wake();
        }

        boolean satisfied(int total) {
            return switch (when) {
                case FIRST_COMPLETED -> doneCount > 0;
                case FIRST_EXCEPTION -> failure || doneCount == total;
                case ALL_COMPLETED -> doneCount == total;
            };
        }
    }

    /**
     * The awaitables in the order they complete; asyncio's {@code as_completed}. Each element is
     * done when the iterator returns it; await it for its result. When {@code timeout} (null: none)
     * expires, the next element is a future failed with {@link TimeoutException} and the iteration
     * ends.
     *
     * {@snippet :
     * for (Awaitable<String> next : Asyncio.asCompleted(tasks, Duration.ofSeconds(5))) {
     *     System.out.println(next.await()); // in completion order
     * }
     * }
     *
     * <p><b>Cancellation.</b> {@code next()} ends with {@link CancelledError}; the awaitables keep
     * running.
     */
    public static <T> Iterable<Awaitable<T>> asCompleted(
            Collection<? extends Awaitable<T>> awaitables, Duration timeout) {
        Task<?> me = Task.currentOrThrow("Asyncio.asCompleted");
        List<Awaitable<T>> items = List.copyOf(new LinkedHashSet<>(awaitables));
        ArrayDeque<Awaitable<T>> completed = new ArrayDeque<>();
        long deadline = timeout == null ? Long.MAX_VALUE : me.loop.deadlineAfter(timeout);
        // Wakes the task only while it waits in next(): an iteration abandoned halfway leaves the
        // collector registered, and it must not wake the task later at unrelated suspension points.
        boolean[] inNext = new boolean[1];
        Awaitable.Waiter collector = new Awaitable.Waiter() {
            @Override
            @SuppressWarnings("unchecked")
            public void done(Awaitable<?> a) {
                completed.add((Awaitable<T>) a);
                if (inNext[0]) {
                    me.wake();
                }
            }
        };
        for (Awaitable<T> a : items) {
            checkSameLoop(me, a);
            if (a.isDone()) {
                completed.add(a);
            } else {
                a.addWaiter(collector);
            }
        }
        return () -> new Iterator<>() {
            int remaining = items.size();
            boolean timedOut;

            @Override
            public boolean hasNext() {
                return remaining > 0 && !timedOut;
            }

            @Override
            public Awaitable<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (completed.isEmpty()) {
                    awaitNext();
                }
                if (completed.isEmpty()) {
                    timedOut = true;
                    for (Awaitable<T> a : items) {
                        a.removeWaiter(collector);
                    }
                    Future<T> expired = new Future<>(me.loop);
                    expired.setException(new TimeoutException("asCompleted: " + remaining + " of " + items.size()
                            + " awaitables not done within " + timeout));
                    return expired;
                }
                remaining--;
                return completed.poll();
            }

            private void awaitNext() {
                WakeTimer timer = null;
                if (deadline != Long.MAX_VALUE) {
                    timer = new WakeTimer(me);
                    me.loop.cycle.addTimer(timer, deadline);
                }
                inNext[0] = true;
                try {
                    while (completed.isEmpty() && (timer == null || !timer.fired)) {
                        me.checkCancelled();
                        me.suspend();
                    }
                } finally {
                    inNext[0] = false;
                    if (timer != null && !timer.fired) {
                        me.loop.cycle.cancelTimer(timer);
                    }
                }
            }
        };
    }

    /** Like {@link #asCompleted(Collection, Duration)} without a timeout. */
    public static <T> Iterable<Awaitable<T>> asCompleted(Collection<? extends Awaitable<T>> awaitables) {
        return asCompleted(awaitables, null);
    }

    // ---- timeouts, shielding, groups ----

    /**
     * Awaits {@code awaitable} for at most {@code timeout}; asyncio's {@code wait_for}. On expiry it
     * is cancelled and awaited, then {@link TimeoutException} is thrown.
     *
     * <p><b>Cancellation.</b> Cancelling the calling task cancels {@code awaitable} too (as awaiting
     * does).
     */
    public static <T> T waitFor(Awaitable<T> awaitable, Duration timeout) throws Exception {
        Objects.requireNonNull(awaitable, "awaitable");
        Task<?> me = Task.currentOrThrow("Asyncio.waitFor");
        return timeoutAt(
                me,
                timeout == null ? Long.MAX_VALUE : me.loop.deadlineAfter(timeout),
                t -> awaitable.await(),
                false,
                "waitFor",
                awaitable,
                timeout);
    }

    /**
     * Runs {@code body} with a deadline {@code timeout} from now; asyncio's {@code async with
     * timeout(d)}. When the deadline passes, the body is cancelled; once it has ended, {@link
     * TimeoutException} is thrown. Only the timeout that expired turns into {@link
     * TimeoutException}: a cancellation from outside (of the task, an enclosing timeout or group)
     * stays a {@link CancelledError}.
     *
     * {@snippet :
     * String page = Asyncio.timeout(Duration.ofSeconds(2), () -> fetch(url));
     * }
     */
    public static <T> T timeout(Duration timeout, Coroutine<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        return timeout(timeout, t -> body.call());
    }

    /** Like {@link #timeout(Duration, Coroutine)}, with access to the {@link Timeout} to move it. */
    public static <T> T timeout(Duration timeout, Timeout.Body<T> body) throws Exception {
        Task<?> me = Task.currentOrThrow("Asyncio.timeout");
        return timeoutAt(
                me,
                timeout == null ? Long.MAX_VALUE : me.loop.deadlineAfter(timeout),
                body,
                false,
                "timeout",
                timeout,
                null);
    }

    /**
     * Like {@link #timeout(Duration, Coroutine)} for a body without a result: {@code async with
     * timeout(d):} around statements.
     *
     * {@snippet :
     * Asyncio.timeout(Duration.ofSeconds(2), () -> {
     *     writer.write(request);
     *     writer.drain();
     * });
     * }
     */
    public static void timeout(Duration timeout, AsyncRunnable body) throws Exception {
        Objects.requireNonNull(body, "body");
        timeout(timeout, t -> {
            body.run();
            return null;
        });
    }

    /**
     * Like {@link #timeout(Duration, Coroutine)} with an absolute deadline in loop time ({@code
     * loop.time()} nanoseconds); asyncio's {@code timeout_at}.
     */
    public static <T> T timeoutAt(long deadline, Coroutine<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        Task<?> me = Task.currentOrThrow("Asyncio.timeoutAt");
        return timeoutAt(me, deadline, t -> body.call(), false, "timeoutAt", deadline, null);
    }

    /** Like {@link #timeoutAt(long, Coroutine)} for a body without a result. */
    public static void timeoutAt(long deadline, AsyncRunnable body) throws Exception {
        Objects.requireNonNull(body, "body");
        timeoutAt(deadline, body.asCoroutine());
    }

    /**
     * Like {@link #timeout(Duration, Coroutine)}, but returns null instead of throwing {@link
     * TimeoutException}; Kotlin's {@code withTimeoutOrNull}.
     */
    public static <T> T timeoutOrNull(Duration timeout, Coroutine<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        Task<?> me = Task.currentOrThrow("Asyncio.timeoutOrNull");
        return timeoutAt(me, me.loop.deadlineAfter(timeout), t -> body.call(), true, "timeoutOrNull", timeout, null);
    }

    /**
     * Like {@link #timeoutOrNull(Duration, Coroutine)} for a body without a result: returns {@code
     * true} if the body finished, {@code false} if the timeout expired (and the body was cancelled),
     * as asyncio's {@code cm.expired()} tells after {@code async with timeout(d) as cm}.
     */
    public static boolean timeoutOrNull(Duration timeout, AsyncRunnable body) throws Exception {
        Objects.requireNonNull(body, "body");
        return timeoutOrNull(timeout, () -> {
                    body.run();
                    return Boolean.TRUE;
                })
                != null;
    }

    /**
     * Runs {@code body} under a {@link Timeout} ending at {@code deadline}; when that timeout (and
     * nothing else) cancelled it, throws a {@link TimeoutException} saying {@code
     * kind(argument[, secondArgument]) expired}, or returns null when {@code orNull}. The message
     * parts are passed as they are, so a call that does not time out builds no text and captures
     * nothing.
     */
    private static <T> T timeoutAt(
            Task<?> me,
            long deadline,
            Timeout.Body<T> body,
            boolean orNull,
            String kind,
            Object argument,
            Object secondArgument)
            throws Exception {
        Objects.requireNonNull(body, "body");
        Timeout t = new Timeout(me, deadline);
        t.scope.enter();
        T result;
        try {
            t.arm();
            result = body.call(t);
        } catch (Throwable e) {
            boolean cancellation = me.isCancellation(e); // before exit() forgets our interrupt
            t.disarm();
            t.scope.exit();
            if (cancellation && t.scope.cancelled && !me.cancelPending()) {
                if (orNull) {
                    return null;
                }
                TimeoutException timeoutError = new TimeoutException(
                        kind + "(" + argument + (secondArgument == null ? "" : ", " + secondArgument) + ") expired");
                timeoutError.initCause(e);
                throw timeoutError;
            }
            throw e;
        }
        t.disarm();
        t.scope.exit();
        return result;
    }

    /**
     * Awaits {@code awaitable} without passing the caller's cancellation on to it; asyncio's {@code
     * shield}.
     *
     * <p><b>Cancellation.</b> The caller gets {@link CancelledError} at once; {@code awaitable}
     * keeps running, and its outcome can still be awaited elsewhere.
     */
    public static <T> T shield(Awaitable<T> awaitable) throws Exception {
        Objects.requireNonNull(awaitable, "awaitable");
        if (!awaitable.isDone()) {
            awaitable.waitDone(false);
        }
        return awaitable.report();
    }

    /**
     * Runs {@code body} where cancellation cannot reach it: suspension points inside do not throw
     * {@link CancelledError}, even if the task is cancelled meanwhile (Kotlin's {@code
     * NonCancellable}, Trio's shielded scope). For cleanup that must finish. A cancellation
     * requested meanwhile is thrown at the first suspension point after the block.
     */
    public static <T> T uncancellable(Coroutine<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        Task<?> me = Task.currentOrThrow("Asyncio.uncancellable");
        CancelScope shield = new CancelScope(me, true).enter();
        try {
            return body.call();
        } finally {
            shield.exit();
        }
    }

    /**
     * Like {@link #uncancellable(Coroutine)}, but bounded: if {@code body} is not done within {@code
     * timeout}, it is cancelled and {@link TimeoutException} thrown.
     */
    public static <T> T uncancellable(Duration timeout, Coroutine<T> body) throws Exception {
        return uncancellable(() -> timeout(timeout, body));
    }

    /** Like {@link #uncancellable(Coroutine)} for a body without a result. */
    public static void uncancellable(AsyncRunnable body) throws Exception {
        Objects.requireNonNull(body, "body");
        uncancellable(body.asCoroutine());
    }

    /** Like {@link #uncancellable(Duration, Coroutine)} for a body without a result. */
    public static void uncancellable(Duration timeout, AsyncRunnable body) throws Exception {
        Objects.requireNonNull(body, "body");
        uncancellable(timeout, body.asCoroutine());
    }

    /**
     * Runs {@code body} with a {@link TaskGroup} and returns when every task of the group has ended;
     * asyncio's {@code async with TaskGroup() as tg}.
     *
     * <p>When a task fails (or the body throws), the other tasks and the body are cancelled and
     * awaited, then {@link TaskGroupException} lists every failure.
     *
     * <p><b>Cancellation.</b> Cancelling the calling task cancels the body and every task in the
     * group; once all have ended, {@link CancelledError} is thrown.
     */
    public static void taskGroup(TaskGroup.TaskGroupBody body) throws Exception {
        Objects.requireNonNull(body, "body");
        new TaskGroup(Task.currentOrThrow("Asyncio.taskGroup")).run(body);
    }

    static void checkSameLoop(Task<?> me, Awaitable<?> a) {
        if (a.loop != me.loop) {
            throw new IllegalArgumentException(
                    a + " belongs to loop '" + a.loop.name() + "', not to the caller's loop '" + me.loop.name()
                            + "'; use loop.submit(...) and Asyncio.await(...) across loops");
        }
    }
}
