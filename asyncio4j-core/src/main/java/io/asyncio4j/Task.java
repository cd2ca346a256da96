package io.asyncio4j;

import java.util.concurrent.locks.LockSupport;

/**
 * A coroutine running concurrently on a loop: asyncio's {@code Task}. Create one with {@link
 * Asyncio#createTask(Coroutine)}; wait for it with {@link #await()}.
 *
 * <p>Each task is a virtual thread whose scheduler is its loop, so all tasks of a loop take turns
 * on the loop's one thread: code between two suspension points runs without interruption, and a
 * blocking JDK call ({@code Thread.sleep}, a socket read) parks only this task.
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
     * The body runs in `thread`, a virtual thread built by the loop (VirtualThreads). Every time it
     * can continue, the JDK hands its continuation to the loop's ready queue; the loop thread runs
     * it. Suspending is `suspend()`: mark `waiting`, LockSupport.park(). Waking is `wake()`: clear
     * `waiting`, LockSupport.unpark(thread), which the JDK turns into a ready-queue entry. All fields
     * below are read and written on the loop thread only (the body runs there too).
     *
     * Phase transitions (field `phase`):
     *
     *   CREATED -> RUNNING   the loop ran the first continuation; the body starts
     *   CREATED -> DONE      cancelled before it started: the body never runs
     *   RUNNING -> DONE      the body returned or threw; the outcome is set (Awaitable.state)
     *
     * While RUNNING, `waiting` is true exactly when the task is parked at one of our suspension
     * points; a task parked inside a JDK blocking call (Thread.sleep, a socket) has waiting false,
     * and is interrupted when cancelled. At the next suspension point the interrupt is cleared and
     * CancelledError thrown.
     *
     * Cancellation is level-triggered: cancelPending() is evaluated at every suspension point from
     * the cancel-scope chain (timeouts, task groups, uncancellable) and `cancelRequests`.
     *
     * The parking pattern everywhere is `suspend(); if (!condition) slowPath();` rather than a
     * `while (!condition) park()` loop: with a million tasks parked before any resumes, C2 compiles
     * the loop form with traps that each resumed frame then hits (a deoptimisation storm).
     * Guarded by W1 and the JMH benchmark ParkBench.
     */
    static {
        io.asyncio4j.internal.TaskAccess.install(TaskAccessImpl.INSTANCE);
    }

    static final byte CREATED = 0;
    static final byte RUNNING = 1;
    static final byte DONE = 2;

    Thread thread;
    /**
     * The body: a {@link Coroutine}, or an {@link AsyncRunnable} run as it is (wrapping it in a
     * coroutine would add an object and a frame to every parked task's stack).
     */
    private Object body;

    private String name;
    private final long id;
    byte phase;
    /** True while parked at one of our suspension points; cleared by wake(). */
    private boolean waiting;

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
        return Thread.currentThread().getUncaughtExceptionHandler() instanceof TaskBody body ? body.task : null;
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
            if (cancelRequests == 0 && current() == this && !cancelPending()) {
                Thread.interrupted();
                interruptSent = false;
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
            default -> phase == CREATED ? "pending" : (waiting ? "waiting" : "running");
        };
        return "Task[" + getName() + ", " + st + "]";
    }

    // ---- running the body (on the task's own thread) ----

    void runBody() {
        if (cancelRequests > 0) {
            finish(CANCELLED, new CancelledError(cancelMessage));
            return;
        }
        phase = RUNNING;
        Object b = body;
        try {
            T value;
            if (b instanceof Coroutine<?> coroutine) {
                @SuppressWarnings("unchecked")
                T result = (T) coroutine.call();
                value = result;
            } else {
                ((AsyncRunnable) b).run();
                value = null;
            }
            finish(RESULT, value);
        } catch (CancelledError e) {
            finish(CANCELLED, e);
        } catch (InterruptedException e) {
            if (cancelPending()) {
                finish(CANCELLED, new CancelledError(cancelMessage(), e));
            } else {
                finish(FAILED, e);
            }
        } catch (Throwable t) {
            finish(FAILED, t);
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
        loop.taskDone(this);
        complete(outcome, value);
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
        waiting = true;
        LockSupport.park();
        if (waiting) {
            suspendSlow();
        }
    }

    private void suspendInDebugMode() {
        debugInfo.stateSince = System.nanoTime();
        waiting = true;
        LockSupport.park();
        if (waiting) {
            suspendSlow();
        }
    }

    private void suspendSlow() {
        while (waiting) {
            if (Thread.interrupted()) {
                if (interruptSent) {
                    // Left over from our own cancellation of a JDK call (the call kept or restored
                    // the flag): it means nothing unless that cancellation still stands.
                    interruptSent = false;
                    if (cancelPending()) {
                        waiting = false;
                    }
                } else {
                    // Someone else interrupted the task's thread: that is a cancellation request.
                    cancelRequests++;
                    waiting = false;
                }
            } else {
                LockSupport.park();
            }
        }
    }

    /** Makes a task parked in {@link #suspend()} runnable again. Loop thread only. */
    void wake() {
        if (waiting) {
            waiting = false;
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
        if (waiting) {
            wake();
        } else if (thread != Thread.currentThread()) {
            interruptSent = true;
            thread.interrupt();
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
        return new CancelledError(cancelMessage());
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
        return waiting;
    }
}
