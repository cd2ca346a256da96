package io.asyncio4j;

import io.asyncio4j.internal.sched.VirtualThreads;
import java.util.concurrent.locks.LockSupport;

/**
 * A coroutine running concurrently on a loop: asyncio's {@code Task}. Create one with {@link
 * Asyncio#createTask(Coroutine)}; wait for it with {@link #await()}.
 *
 * <p>Each task is a virtual thread whose scheduler is its loop, so all tasks of a loop take turns
 * on the loop's one thread: code between two suspension points runs without interruption, and a
 * blocking JDK call ({@code Thread.sleep}, a socket read) parks only this task.
 *
 * <p>A virtual thread that the body starts itself ({@code Thread.ofVirtual()}, an executor of
 * virtual threads) is not a task and does not run on the loop: it runs on a shared pool of
 * platform carrier threads, one per core, in parallel with the loop, and outlives the loop like any
 * other thread. From it, reach the loop with {@code loop.callSoonThreadsafe} or {@code
 * loop.submit}.
 *
 * {@snippet :
 * Task<String> task = Asyncio.createTask("greeter", () -> {
 *     Asyncio.sleep(Duration.ofSeconds(1));
 *     return "hello";
 * });
 * String greeting = task.await();
 * }
 *
 * <p>Methods other than {@link #isDone()}, {@link #isCancelled()} and {@link #await()} must be
 * called on the task's loop (from one of its tasks or callbacks); from another thread use {@code
 * loop.callSoonThreadsafe}.
 *
 * @param <T> the result type
 */
public final class Task<T> extends Awaitable<T> {
    /*
     * Implementation overview.
     *
     * The body runs in `thread`, a virtual thread built by the loop (VirtualThreads) whose scheduler
     * is the task's TaskBody. Every time it can continue, the JDK hands its continuation to that
     * scheduler, which puts it in the loop's ready queue; the loop thread runs it. Suspending is
     * `suspend()`: `parking` PARKED, LockSupport.park(). Waking is `wake()`: `parking` WOKEN,
     * LockSupport.unpark(thread), which the JDK turns into a ready-queue entry. All fields below are
     * read and written on the loop thread only (the body runs there too).
     *
     * Phase transitions (field `phase`):
     *
     *   CREATED -> RUNNING   the loop ran the first continuation; the body starts
     *   CREATED -> DONE      cancelled before it started: the body never runs
     *   RUNNING -> DONE      the body returned or threw; the outcome is set (Awaitable.state)
     *
     * Parking transitions (field `parking`, while RUNNING):
     *
     *   ACTIVE  -> PARKED         suspend(): parked at one of our suspension points
     *   PARKED  -> WOKEN          wake(): made ready; it resumes at that suspension point
     *   WOKEN   -> WOKEN_CANCEL   a cancellation arrived before it resumed
     *   WOKEN_CANCEL -> WOKEN     the cancellation was withdrawn (uncancel) before it resumed
     *   WOKEN*  -> ACTIVE         it resumed; after WOKEN_CANCEL with the cancellation standing, it
     *                             interrupts itself, so that a JDK blocking call it makes next is
     *                             cancelled too
     *   PARKED  -> ACTIVE         suspendSlow(): an interrupt or a cancellation ends the wait
     *
     * A task parked at our suspension point is woken by a cancellation; one that is ACTIVE but not
     * running (parked inside a JDK blocking call such as Thread.sleep or a socket, or ready after
     * one) is interrupted. A woken task is never interrupted from outside: the interrupt could not
     * be taken back if the cancellation were withdrawn before it ran.
     *
     * Cancellation is level-triggered: cancelPending() is evaluated at every suspension point from
     * the cancel-scope chain (timeouts, task groups, uncancellable) and `cancelRequests`.
     *
     * The parking pattern everywhere is `suspend(); if (!condition) slowPath();` rather than a
     * `while (!condition) park()` loop: with a million tasks parked before any resumes, C2 compiles
     * the loop form with traps that each resumed frame then hits (a deoptimisation storm).
     * The slow path reports a cancellation and the parking method throws it: the slow path is
     * compiled apart from the frozen frame, and a throw from it goes through the JVM's exception
     * dispatch for each cancelled task, where a throw in the frozen frame jumps to runBody's
     * handler (a closing loop with 1M parked tasks: about a tenth of its CPU time).
     * Guarded by W1, the JMH benchmark ParkBench and the probe CloseParked.
     */
    static {
        io.asyncio4j.internal.TaskAccess.install(TaskAccessImpl.INSTANCE);
    }

    static final byte CREATED = 0;
    static final byte RUNNING = 1;
    static final byte DONE = 2;

    /** The task's virtual thread; dropped once the task has ended, to let it be collected. */
    Thread thread;
    /**
     * What the JDK hands the scheduler to run {@link #thread} (see TaskBody). Kept here rather than
     * in TaskBody: with {@link #awaiting} it fills one 8-byte step of a Task (88 to 96 bytes), where
     * TaskBody would grow from 16 to 24 bytes on its own.
     */
    Runnable continuation;

    /** {@link #continuation} once the task has ended. */
    static final Runnable ENDED = new Runnable() {
        @Override
        public void run() {}
    };
    /**
     * The body: a {@link Coroutine}, or an {@link AsyncRunnable} run as it is (wrapping it in a
     * coroutine would add an object and a frame to every parked task's stack).
     */
    private Object body;

    private String name;
    private final long id;
    byte phase;
    static final byte ACTIVE = 0;
    static final byte PARKED = 1;
    static final byte WOKEN = 2;
    static final byte WOKEN_CANCEL = 3;

    /** Where the task is with respect to our suspension points; see the transitions above. */
    private byte parking;

    /**
     * What the parked task awaits and passes its cancellation on to, or null: an {@link Awaitable}
     * ({@link Awaitable#await}) or a {@link Gathering}. A cancellation reaches it at once, as
     * asyncio's {@code Task.cancel} cancels the future its task waits for.
     */
    Object awaiting;

    /** True while an interrupt this task got from deliverCancel may still be pending on its thread. */
    private boolean interruptSent;

    private int cancelRequests;
    private String cancelMessage;
    /** Innermost cancel scope of the body, or null. */
    CancelScope scope;

    /** The task that created this one (for task dumps); cleared when this task ends. */
    Task<?> parent;
    /** ContextVar values, copy-on-write; shared with the parent until either sets a variable. */
    Object[] context;
    /** Debug mode only, else null: kept out of Task's own fields, which every task pays for. */
    final DebugInfo debugInfo;

    /** Where a task was created and when it entered its current state (System.nanoTime). */
    static final class DebugInfo {
        final Throwable creationSite = new Throwable("task created here");
        long stateSince = System.nanoTime();
    }

    /** Links in the loop's list of live tasks, which keeps every running task reachable. */
    Task<?> prevLive;

    Task<?> nextLive;

    Task(Loop loop, long id, String name, Object body, Task<?> parent, Object[] context) {
        super(loop);
        this.id = id;
        this.name = name;
        this.body = body;
        this.parent = parent;
        this.context = context;
        this.debugInfo = loop.debug ? new DebugInfo() : null;
    }

    /** The task running on the current thread, or null when the caller is not a task. */
    static Task<?> current() {
        Thread t = Thread.currentThread();
        // The thread's uncaught-exception handler is its TaskBody unless the body replaced it: a
        // plain field read, where the scheduler is read through a method handle, which costs about
        // as much as the rest of a hand-off while the JVM still interprets (every park and wake asks
        // this). Only the task's own thread has its TaskBody with that task; the scheduler remains
        // the answer when the handler was replaced.
        if (t.getUncaughtExceptionHandler() instanceof TaskBody own && own.task.thread == t) {
            return own.task;
        }
        // A thread started by a task inherits its scheduler, but is not that task.
        return VirtualThreads.schedulerOf(t) instanceof TaskBody body && body.task.thread == t ? body.task : null;
    }

    /** The task running on the current thread; fails clearly when called from elsewhere. */
    static Task<?> currentOrThrow(String operation) {
        Task<?> task = current();
        if (task == null) {
            throw new IllegalStateException(operation + " must be called from a task of a running loop (inside"
                    + " Asyncio.run, loop.run or a task they create); it was called from thread '"
                    + Thread.currentThread().getName() + "'");
        }
        return task;
    }

    // ---- public API ----

    /** The task's name; {@code Task-N} unless one was given. */
    public String getName() {
        String n = name;
        if (n == null) {
            n = "Task-" + id;
            name = n;
        }
        return n;
    }

    /** Renames the task. */
    public void setName(String name) {
        loop.checkThread("Task.setName");
        this.name = name;
    }

    /**
     * Requests cancellation: the body's current or next suspension point throws {@link
     * CancelledError}, and so does every later one while the request stands (until {@link
     * #uncancel()}). A task cancelled before it started never runs its body; a task parked in a JDK
     * blocking call is interrupted.
     *
     * @return false if the task is already done, true otherwise (also on a repeated request)
     */
    @Override
    public boolean cancel(String message) {
        loop.checkThread("Task.cancel");
        if (isDone()) {
            return false;
        }
        cancelRequests++;
        cancelMessage = message;
        deliverCancel();
        return true;
    }

    /** The number of pending cancellation requests (asyncio's {@code cancelling()}). */
    public int cancelling() {
        loop.checkThread("Task.cancelling");
        return cancelRequests;
    }

    /**
     * Withdraws one cancellation request. When none is left, suspension points stop throwing {@link
     * CancelledError}.
     *
     * @return the number of requests still pending
     */
    public int uncancel() {
        loop.checkThread("Task.uncancel");
        if (cancelRequests > 0) {
            cancelRequests--;
            if (cancelRequests == 0 && !cancelPending()) {
                if (current() == this) {
                    Thread.interrupted();
                    interruptSent = false;
                } else if (parking == WOKEN_CANCEL) {
                    parking = WOKEN;
                }
            }
        }
        return cancelRequests;
    }

    /** A description for logs and task dumps: name, and state. */
    @Override
    public String toString() {
        String st = switch (state()) {
            case RESULT -> "done";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            default -> phase == CREATED ? "pending" : (parking == PARKED ? "waiting" : "running");
        };
        return "Task[" + getName() + ", " + st + "]";
    }

    // ---- running the body (on the task's own thread) ----

    void runBody() {
        if (cancelRequests > 0) {
            finish(CANCELLED, newCancelledError(cancelMessage));
            return;
        }
        phase = RUNNING;
        Object b = body;
        Object value = null;
        Throwable failure = null;
        boolean prime = primeHandlerNow();
        try {
            if (prime) {
                throw HANDLER_PRIMER;
            }
            if (b instanceof Coroutine<?> coroutine) {
                value = coroutine.call();
            } else {
                ((AsyncRunnable) b).run();
            }
        } catch (Throwable t) {
            failure = t;
        }
        ended(value, failure);
    }

    /*
     * Why runBody's catch is primed, and why nothing follows it there but one call.
     *
     * runBody's frame is compiled when the task starts and frozen with its stack each time the task
     * parks, so a million parked tasks resume a million copies of code compiled from the profile
     * seen before they parked. C2 compiles a branch with no profile at all both ways, but since
     * JDK 22 it compiles an exception handler never entered while profiled as a trap
     * (ProfileExceptionHandlers): when many tasks park before any task has ended with an exception,
     * every one of them cancelled later (a loop closing with a million parked tasks) hits the trap
     * and is deoptimised on its own, about 20 us each, most of the cost of such a close.
     *
     * So among the first tasks the JVM starts, one in 128 enters the handler with a preallocated
     * signal before its body (no stack trace: about the cost of a return), then runs its body as
     * usual: the handler is in the profile before C2 compiles runBody. What follows the try is one
     * call, so that no branch in the frozen frame sees only the primed tasks: `ended` and `failed`
     * are too large to be inlined into runBody from a call site this rarely taken (C2 inlines a cold
     * call only below 35 bytes of bytecode), and once real completions make the call hot, their
     * profile is the real one. Guarded by the probe CloseParked and W1.
     *
     * Users' own try/finally blocks around a suspension point are the same story in their code;
     * the README says what helps there.
     */
    private static final Throwable HANDLER_PRIMER = new HandlerPrimer();

    /** Task starts, JVM-wide, during which runBody primes its handler; racy on purpose (a hint). */
    private static int primingStartsLeft = 8_192;

    /** Test hook: the next task to start primes the handler (unless other loops start tasks meanwhile). */
    static void primeNextStart() {
        primingStartsLeft = 128;
    }

    private static boolean primeHandlerNow() {
        int left = primingStartsLeft;
        if (left <= 0) {
            return false; // read-only from here on: no cache line bounces between loops
        }
        primingStartsLeft = left - 1;
        return (left & 127) == 0;
    }

    /** What follows a body that returned ({@code failure} null) or threw. */
    private void ended(Object value, Throwable failure) {
        if (failure != null) {
            failed(failure);
        } else if (cancelRequests > 0) {
            // A cancel request that still stands: with level-triggered cancellation the task cannot
            // end as if nothing had happened (asyncio also ends a task cancelled in its last step
            // cancelled).
            finish(CANCELLED, newCancelledError(cancelMessage));
        } else {
            finish(RESULT, value);
        }
    }

    private void failed(Throwable failure) {
        if (failure == HANDLER_PRIMER) {
            runBody(); // the body has not run yet
        } else if (failure instanceof CancelledError) {
            finish(CANCELLED, failure);
        } else if (failure instanceof InterruptedException && cancelPending()) {
            finish(CANCELLED, new CancelledError(cancelMessage(), failure));
        } else {
            finish(FAILED, failure);
        }
    }

    /** The signal that primes runBody's handler; never seen outside runBody. */
    private static final class HandlerPrimer extends Error {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        HandlerPrimer() {
            super("primes Task.runBody's exception handler", null, false, false);
        }
    }

    private void finish(int outcome, Object value) {
        Thread.interrupted();
        phase = DONE;
        if (id != 0 && jdk.jfr.FlightRecorder.isInitialized()) { // id 0: the loop's warm-up task
            var event = new io.asyncio4j.internal.jfr.TaskEvent();
            if (event.shouldCommit()) {
                event.loop = loop.name();
                event.task = getName();
                event.outcome = outcome == RESULT ? "result" : outcome == FAILED ? "failed" : "cancelled";
                // Committed by the loop's platform thread: on JDK 25, an event committed from a
                // virtual thread made the carrier's own next events (SlowTask) disappear.
                loop.callSoon(event::commit);
            }
        }
        body = null;
        parent = null;
        scope = null;
        awaiting = null;
        loop.liveTasks.unlink(this);
        complete(outcome, value);
        // Last: the waiters notified above may still ask for the current task. The marker keeps
        // TaskBody from taking a later continuation (of a thread this task started) for its own.
        thread = null;
        continuation = ENDED;
    }

    // ---- suspension (called by this task's own thread) ----

    /**
     * Parks until {@link #wake()}. The caller registered something that will wake it and checks its
     * own condition afterwards, then {@link #cancelPending()}.
     */
    void suspend() {
        if (debugInfo != null) {
            suspendInDebugMode();
            return;
        }
        // Kept minimal: this frame is frozen in the stack of every parked task (W1: 1M of them);
        // the debug bookkeeping once here made each frozen stack about 90 bytes larger.
        parking = PARKED;
        LockSupport.park();
        if (parking != WOKEN) {
            suspendSlow();
        }
        parking = ACTIVE;
    }

    private void suspendInDebugMode() {
        debugInfo.stateSince = System.nanoTime();
        parking = PARKED;
        LockSupport.park();
        if (parking != WOKEN) {
            suspendSlow();
        }
        parking = ACTIVE;
    }

    private void suspendSlow() {
        while (parking == PARKED) {
            if (Thread.interrupted()) {
                if (interruptSent) {
                    // Left over from our own cancellation of a JDK call (the call kept or restored
                    // the flag): it means nothing unless that cancellation still stands.
                    interruptSent = false;
                    if (cancelPending()) {
                        parking = ACTIVE;
                    }
                } else {
                    // Someone else interrupted the task's thread: that is a cancellation request.
                    cancelRequests++;
                    parking = ACTIVE;
                }
            } else {
                LockSupport.park();
            }
        }
        resumedAfterCancel();
    }

    /** On resuming after WOKEN_CANCEL: a standing cancellation must also reach JDK blocking calls. */
    private void resumedAfterCancel() {
        if (parking == WOKEN_CANCEL && cancelPending()) {
            interruptSent = true;
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Marks the calling task as about to give up the loop without parking ({@code Thread.yield}):
     * a cancellation meanwhile is then noted instead of interrupting the thread. {@link
     * #endYield()} follows.
     */
    void beginYield() {
        parking = WOKEN;
    }

    /** Ends {@link #beginYield()} once the task runs again. */
    void endYield() {
        parking = ACTIVE;
    }

    /** Makes a task parked in {@link #suspend()} runnable again. Loop thread only. */
    void wake() {
        if (parking == PARKED) {
            parking = WOKEN;
            if (debugInfo != null) {
                debugInfo.stateSince = System.nanoTime();
            }
            LockSupport.unpark(thread);
        }
    }

    /** Makes a pending cancellation visible to the body now. */
    void deliverCancel() {
        if (phase != RUNNING || !cancelPending()) {
            return;
        }
        switch (parking) {
            case PARKED -> {
                Object target = awaiting;
                if (target != null) {
                    awaiting = null;
                    if (target instanceof Awaitable<?> awaitable) {
                        awaitable.cancel(cancelMessage());
                    } else {
                        ((Gathering) target).cancelChildren(cancelMessage());
                    }
                }
                wake();
            }
            case WOKEN -> parking = WOKEN_CANCEL;
            case WOKEN_CANCEL -> {}
            default -> {
                if (thread != Thread.currentThread()) {
                    interruptSent = true;
                    thread.interrupt();
                }
            }
        }
    }

    /** Whether a suspension point of this task must throw {@link CancelledError} now. */
    boolean cancelPending() {
        for (CancelScope s = scope; s != null; s = s.outer) {
            if (s.cancelled) {
                return true;
            }
            if (s.shield) {
                return false;
            }
        }
        return cancelRequests > 0;
    }

    /** Throws {@link CancelledError} if a cancellation is pending. */
    void checkCancelled() {
        if (cancelRequests > 0 || scope != null) {
            if (cancelPending()) {
                throw cancelledError();
            }
        }
    }

    /** The error to throw for the pending cancellation; clears a leftover interrupt. */
    CancelledError cancelledError() {
        Thread.interrupted();
        interruptSent = false;
        return newCancelledError(cancelMessage());
    }

    /**
     * What a loop's close throws in each of its tasks (see LoopClosing.CANCEL_MESSAGE): one shared
     * error, since a close may cancel a million tasks at once.
     */
    private static final CancelledError LOOP_CLOSING = new CancelledError(LoopClosing.CANCEL_MESSAGE, true);

    /** A CancelledError with {@code message}; the shared one when the cancellation is the loop's close. */
    private static CancelledError newCancelledError(String message) {
        // Identity, not equals: only the loop's own close, never a user's cancel with that text.
        return message == LoopClosing.CANCEL_MESSAGE ? LOOP_CLOSING : new CancelledError(message, false);
    }

    /**
     * Called on the task's thread when a cancel scope exits: an interrupt we sent for that scope's
     * cancellation must not outlive it and hit an unrelated JDK call later.
     */
    void scopeExited() {
        if (interruptSent && !cancelPending()) {
            interruptSent = false;
            Thread.interrupted();
        }
    }

    /** Whether {@code e} ended a body because of a cancellation: CancelledError, or a JDK call we interrupted. */
    boolean isCancellation(Throwable e) {
        return e instanceof CancelledError || (e instanceof InterruptedException && interruptSent);
    }

    /** The message of the innermost pending cancellation, or null. */
    String cancelMessage() {
        for (CancelScope s = scope; s != null; s = s.outer) {
            if (s.cancelled) {
                return s.message;
            }
            if (s.shield) {
                return null;
            }
        }
        return cancelMessage;
    }

    boolean isWaiting() {
        return parking == PARKED;
    }

    /** The task's number in its loop (its default name is {@code Task-<id>}). */
    long id() {
        return id;
    }
}
