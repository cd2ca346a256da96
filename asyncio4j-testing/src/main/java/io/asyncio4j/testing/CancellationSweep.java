package io.asyncio4j.testing;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Outcome;
import io.asyncio4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Cancels a scenario at every point it can be reached, one run per point, and checks invariants
 * after each: the systematic form of "what if the task is cancelled right here?". For k = 0, 1, 2,
 * ... a fresh scenario starts as a task, the sweep lets k scheduling steps ({@link
 * Asyncio#yieldNow()} turns) or k steps of loop time pass, cancels the task, awaits it, and checks
 * (k = 0 cancels the task before it starts, so its body never runs, as in asyncio):
 *
 * <ul>
 *   <li>the scenario ended cancelled or finished; an exception of its own fails the sweep;
 *   <li>it left no task of its own running (children must be awaited or cancelled, even when the
 *       parent is cancelled);
 *   <li>the caller's invariants: no lock held, no permit leaked, no item lost, every {@code finally}
 *       ran...
 * </ul>
 *
 * <p>The sweep stops at the first k at which the scenario had already finished before the cut (the
 * remaining points would all be that same uncut run), or after {@code maxSteps}. Lost exceptions
 * are caught by the loop's exception handler: in an {@link AsyncioTest @AsyncioTest} or under
 * {@link TestLoop} they fail the test.
 *
 * {@snippet :
 * record Transfer(Lock lock, Queue<String> queue, List<String> cleanups) implements CancellationSweep.Scenario {
 *     @Override
 *     public void run() throws Exception {
 *         lock.withLock(() -> {
 *             try {
 *                 queue.put(queue.get() + " moved");
 *             } finally {
 *                 cleanups.add("released");
 *             }
 *             return null;
 *         });
 *     }
 * }
 *
 * @AsyncioTest
 * void transferIsCancellationSafe() throws Exception {
 *     CancellationSweep.Result result = CancellationSweep.run(
 *             () -> {
 *                 Queue<String> queue = new Queue<>();
 *                 queue.putNowait("item");
 *                 return new Transfer(new Lock(), queue, new ArrayList<>());
 *             },
 *             50,
 *             (transfer, outcome) -> {
 *                 assertFalse(transfer.lock().locked());
 *                 assertEquals(1, transfer.queue().qsize()); // the item is never lost
 *             });
 *     assertTrue(result.completedAt() >= 0); // some step let it run to the end
 * }
 * }
 *
 * <p>Called from a task, the sweep runs on that task's loop; called from a plain thread, it runs on
 * a fresh loop of its own with a virtual clock, as {@link TestLoop#run} does.
 */
public final class CancellationSweep {
    private CancellationSweep() {}

    /** The code under test; a fresh instance for each run (a record holding its state reads well). */
    @FunctionalInterface
    public interface Scenario {
        /** The body that is cancelled: it runs as a task of its own. */
        void run() throws Exception;
    }

    /**
     * What must hold after each run, whatever the point of cancellation. Throw ({@code
     * AssertionError} or any exception) when it does not; the sweep adds the step to the message.
     *
     * @param <S> the scenario type
     */
    @FunctionalInterface
    public interface Invariant<S> {
        /**
         * Checks {@code scenario} after its task ended, on the loop.
         *
         * @param outcome how the task ended: {@link Outcome.Cancelled} when the cut came first,
         *     {@link Outcome.Success} (with a null value) when it finished before the cut or
         *     swallowed the cancellation
         */
        void check(S scenario, Outcome<?> outcome) throws Exception;
    }

    /**
     * What a sweep did.
     *
     * @param runs how many times the scenario ran (one per cancellation point, plus the uncut run)
     * @param completedAt the step at which the scenario had finished before the cancellation came,
     *     or {@code -1} if it was still running at every step up to {@code maxSteps}: then the last
     *     points of the scenario were not reached, and a larger {@code maxSteps} would reach them
     */
    public record Result(int runs, int completedAt) {}

    /**
     * Runs the sweep with cancellation after k = 0, 1, ..., {@code maxSteps} scheduling steps (k
     * turns of {@link Asyncio#yieldNow()} of the sweeping task): each point where the scenario's task
     * suspends is hit, whatever it waits for, as long as what it waits for is ready within k turns.
     * For scenarios that wait on timers, use {@link #runTimed}.
     *
     * @param scenarioFactory builds a fresh scenario for each run; called on the loop
     * @param maxSteps the largest k tried
     * @param invariants checked after each run
     * @throws AssertionError at the first run that broke an invariant, naming its step
     */
    public static <S extends Scenario> Result run(
            Callable<? extends S> scenarioFactory, int maxSteps, Invariant<? super S> invariants) throws Exception {
        return sweep(scenarioFactory, maxSteps, invariants, null);
    }

    /** Like {@link #run(Callable, int, Invariant)} with only the built-in checks. */
    public static <S extends Scenario> Result run(Callable<? extends S> scenarioFactory, int maxSteps)
            throws Exception {
        return sweep(scenarioFactory, maxSteps, (s, o) -> {}, null);
    }

    /**
     * Runs the sweep with cancellation after k steps of loop time, k = 0, 1, ..., {@code maxSteps}:
     * for scenarios made of timers (sleeps, timeouts), on a virtual clock, where {@code step} of
     * virtual time costs nothing. With a step of 1 ms, every millisecond of the scenario is cut.
     *
     * @param step the loop time between two cancellation points
     * @throws IllegalArgumentException if {@code step} is not positive
     */
    public static <S extends Scenario> Result runTimed(
            Callable<? extends S> scenarioFactory, Duration step, int maxSteps, Invariant<? super S> invariants)
            throws Exception {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
        return sweep(scenarioFactory, maxSteps, invariants, step);
    }

    private static <S extends Scenario> Result sweep(
            Callable<? extends S> factory, int maxSteps, Invariant<? super S> invariants, Duration step)
            throws Exception {
        Objects.requireNonNull(factory, "scenarioFactory");
        Objects.requireNonNull(invariants, "invariants");
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must not be negative: " + maxSteps);
        }
        if (Asyncio.currentTask() == null) {
            return TestLoop.run(() -> sweep(factory, maxSteps, invariants, step));
        }
        Loop loop = Asyncio.currentLoop();
        for (int k = 0; k <= maxSteps; k++) {
            if (runOnce(loop, factory, k, invariants, step)) {
                return new Result(k + 1, k);
            }
        }
        return new Result(maxSteps + 1, -1);
    }

    /** One run, cut at step {@code k}; true if the scenario had finished before the cut. */
    private static <S extends Scenario> boolean runOnce(
            Loop loop, Callable<? extends S> factory, int k, Invariant<? super S> invariants, Duration step)
            throws Exception {
        S scenario = factory.call();
        Set<Task<?>> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(loop.allTasks());
        Task<Object> task = Asyncio.createTask("sweep-step-" + k, () -> {
            scenario.run();
            return null;
        });
        for (int i = 0; i < k && !task.isDone(); i++) {
            if (step == null) {
                Asyncio.yieldNow();
            } else {
                Asyncio.sleep(step);
            }
        }
        String where = step == null
                ? "cancelled after " + k + " scheduling step" + (k == 1 ? "" : "s") + " (yieldNow)"
                : "cancelled after " + k + " × " + TestRun.describe(step) + " of loop time";
        boolean finishedFirst = !task.cancel("CancellationSweep: " + where);
        Outcome<?> outcome = settle(task);
        String at = "CancellationSweep, step " + k + " (" + (finishedFirst ? "finished before the cut" : where) + ")";

        List<Task<?>> left = new ArrayList<>();
        for (Task<?> t : loop.allTasks()) {
            if (!before.contains(t)) {
                left.add(t);
            }
        }
        if (!left.isEmpty()) {
            String message = at + ": the scenario's task ended but left " + left.size()
                    + " task(s) of its own running: " + left + ". Tasks:\n" + loop.dumpTasks();
            for (Task<?> t : left) {
                t.cancel("CancellationSweep: left running by the scenario");
            }
            Asyncio.gatherSettled(left);
            throw new AssertionError(message);
        }
        if (outcome instanceof Outcome.Failure<?> failure) {
            throw new AssertionError(
                    at + ": the scenario failed instead of ending cancelled or finishing: " + failure.exception(),
                    failure.exception());
        }
        try {
            invariants.check(scenario, outcome);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(at + ": " + e.getMessage(), e);
        }
        return finishedFirst;
    }

    /** Awaits {@code task} and returns how it ended; rethrows a cancellation of the caller itself. */
    private static Outcome<?> settle(Task<Object> task) {
        try {
            return new Outcome.Success<>(task.await());
        } catch (CancelledError e) {
            Task<?> me = Asyncio.currentTask();
            if (me != null && me.cancelling() > 0) {
                throw e;
            }
            return new Outcome.Cancelled<>(e);
        } catch (Throwable t) {
            return new Outcome.Failure<>(t);
        }
    }
}
