package io.asyncio4j;

import io.asyncio4j.internal.loop.FailureTracker;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Something a task can wait for: a {@link Task} or a {@link Future}, both bound to one loop.
 *
 * <p>Its outcome is set once, on the loop thread: a result, an exception, or cancellation. Tasks of
 * the same loop wait with {@link #await()} by parking; any other thread blocks.
 *
 * @param <T> the result type
 */
public abstract sealed class Awaitable<T> permits Future, Task {
    /*
     * Implementation overview.
     *
     * State transitions (field `state`, written on the loop thread only, volatile so that isDone()
     * and a blocking await from another thread see a published outcome):
     *
     *   PENDING -> RESULT     setResult / the task's body returned
     *   PENDING -> FAILED     setException / the body threw
     *   PENDING -> CANCELLED  cancel() on a future / the task ended with CancelledError
     *
     * Waiters (field `waiters`: null, one object, or an ArrayList) are notified in registration order
     * when the outcome is set. A waiter is a Task parked in await (it is woken), an internal Waiter
     * (gather's counter, a blocking await's latch: called inline), or a user callback (run by
     * callSoon on the next loop cycle, as asyncio does).
     *
     * No exception is lost: a FAILED outcome is registered with the loop until someone retrieves it
     * (await, result, exception); one never retrieved is reported when the awaitable is garbage
     * collected or at the latest when the loop closes.
     */
    static final int PENDING = 0;
    static final int RESULT = 1;
    static final int FAILED = 2;
    static final int CANCELLED = 3;

    final Loop loop;
    private volatile int state;
    /** The result (RESULT), the exception (FAILED) or the CancelledError (CANCELLED). */
    private Object outcome;

    private Object waiters;
    /** Set (before the outcome is published) when this failed; its flag says whether it was retrieved. */
    private FailureTracker.Record failure;

    Awaitable(Loop loop) {
        this.loop = loop;
    }

    /** Internal waiters, called inline on the loop thread when the outcome is set. */
    interface Waiter {
        void done(Awaitable<?> awaitable);
    }

    /** The loop this belongs to. */
    public final Loop loop() {
        return loop;
    }

    /** Whether the outcome is set (result, exception or cancellation). Safe from any thread. */
    public final boolean isDone() {
        return state != PENDING;
    }

    /** Whether this ended cancelled. Safe from any thread. */
    public final boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * Waits until this is done and returns its result, or throws its exception unwrapped.
     *
     * <p>From a task of the same loop the task parks; from any other thread the thread blocks. A
     * loop callback cannot wait (it would freeze the loop) and gets {@link IllegalStateException}.
     *
     * <p><b>Cancellation.</b> If the waiting task is cancelled while it waits (or already was when it
     * called), the cancellation is passed on to this awaitable (as asyncio does; use {@link
     * Asyncio#shield} to prevent that), the task keeps waiting until this is done, then throws
     * {@link CancelledError}. Nothing is lost: the
     * awaited outcome stays readable with {@link #result()}.
     *
     * @throws CancelledError if this was cancelled, or the waiting task was
     */
    public final T await() throws Exception {
        if (state == PENDING) {
            waitDone(true);
        }
        return report();
    }

    /**
     * The result if this ended with one; throws the exception if it failed.
     *
     * @throws CancelledError if this was cancelled
     * @throws IllegalStateException if this is not done yet
     */
    public final T result() throws Exception {
        if (state == PENDING) {
            throw new IllegalStateException(this + " is not done yet");
        }
        return report();
    }

    /**
     * The exception this ended with, or {@code null} if it ended with a result. Retrieving it
     * means it is no longer reported as lost.
     *
     * @throws CancelledError if this was cancelled
     * @throws IllegalStateException if this is not done yet
     */
    public final Throwable exception() {
        return switch (state) {
            case PENDING -> throw new IllegalStateException(this + " is not done yet");
            case CANCELLED -> throw cancelledErrorForWaiter();
            case FAILED -> {
                markRetrieved();
                yield (Throwable) outcome;
            }
            default -> null;
        };
    }

    /**
     * Cancels this: for a future at once, for a task by a request its body sees at its current or
     * next suspension point.
     *
     * @return false if this is already done, true otherwise
     */
    public final boolean cancel() {
        return cancel(null);
    }

    /** Like {@link #cancel()}, with a message carried by the {@link CancelledError}. */
    public abstract boolean cancel(String message);

    /**
     * Runs {@code callback} on the loop once this is done (at once, in the next loop cycle, if it
     * already is). Callbacks run in the order they were added, each with the {@link ContextVar}
     * values of the code that added it (as asyncio runs a done callback in the registering
     * context).
     */
    public final void addDoneCallback(Consumer<? super Awaitable<T>> callback) {
        loop.checkThread("addDoneCallback");
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        if (state != PENDING) {
            loop.callSoon(() -> callback.accept(this));
        } else {
            addWaiter(new DoneCallback(callback, ContextVar.rootContext()));
        }
    }

    /** A done callback added by user code, and the context it was added in. */
    private record DoneCallback(Consumer<?> callback, Object[] context) {}

    /**
     * Removes every registration of {@code callback}.
     *
     * @return how many were removed
     */
    public final int removeDoneCallback(Consumer<? super Awaitable<T>> callback) {
        loop.checkThread("removeDoneCallback");
        Object current = waiters;
        if (current instanceof DoneCallback dc && dc.callback == callback) {
            waiters = null;
            return 1;
        }
        int removed = 0;
        if (current instanceof ArrayList<?> list) {
            for (var it = list.iterator(); it.hasNext(); ) {
                if (it.next() instanceof DoneCallback dc && dc.callback == callback) {
                    it.remove();
                    removed++;
                }
            }
        }
        return removed;
    }

    // ---- for subclasses and the rest of the package (loop thread only) ----

    final int state() {
        return state;
    }

    /** Sets the outcome and notifies the waiters. Loop thread only; once. */
    final void complete(int newState, Object value) {
        outcome = value;
        if (newState == FAILED) {
            failure = trackFailure((Throwable) value);
        }
        state = newState; // volatile: publishes outcome and failure to other threads
        Object w = waiters;
        if (w == null) {
            return;
        }
        waiters = null;
        if (w instanceof ArrayList<?> list) {
            for (Object each : list) {
                notifyWaiter(each);
            }
        } else {
            notifyWaiter(w);
        }
    }

    @SuppressWarnings("unchecked")
    private void notifyWaiter(Object w) {
        if (w instanceof Task<?> task) {
            if (task.awaiting == this) {
                task.awaiting = null;
            }
            task.wake();
        } else if (w instanceof Waiter internal) {
            try {
                internal.done(this);
            } catch (Throwable t) {
                loop.reportError("exception in an internal done callback", t, null);
            }
        } else if (w instanceof DoneCallback dc) {
            Consumer<? super Awaitable<T>> callback = (Consumer<? super Awaitable<T>>) dc.callback;
            loop.callSoon(() -> callback.accept(this), dc.context);
        } else {
            Consumer<? super Awaitable<T>> callback = (Consumer<? super Awaitable<T>>) w;
            loop.callSoon(() -> callback.accept(this));
        }
    }

    final void addWaiter(Object w) {
        Object current = waiters;
        if (current == null) {
            waiters = w;
        } else if (current instanceof ArrayList<?>) {
            @SuppressWarnings("unchecked")
            ArrayList<Object> list = (ArrayList<Object>) current;
            list.add(w);
        } else {
            ArrayList<Object> list = new ArrayList<>(4);
            list.add(current);
            list.add(w);
            waiters = list;
        }
    }

    final boolean removeWaiter(Object w) {
        Object current = waiters;
        if (current == w) {
            waiters = null;
            return true;
        }
        if (current instanceof ArrayList<?> list) {
            return list.remove(w);
        }
        return false;
    }

    /**
     * Parks the calling task until this is done, or blocks a foreign thread.
     *
     * @param propagateCancel pass the waiting task's cancellation on to this awaitable and keep
     *     waiting (await); otherwise stop waiting at once (shield, wait, waitFor)
     */
    final void waitDone(boolean propagateCancel) {
        Task<?> me = Task.current();
        if (me == null) {
            blockingWait();
            return;
        }
        if (me.loop != loop) {
            waitAcrossLoops(me, propagateCancel);
            return;
        }
        if (me == this) {
            throw new IllegalStateException(me + " cannot await itself: it would wait forever");
        }
        if (me.cancelPending()) {
            // As asyncio does with a pending cancellation: pass it on to what we were going to await.
            if (!propagateCancel) {
                throw me.cancelledError();
            }
            addWaiter(me);
            me.awaiting = this;
            if (!waitedForDone(me, true)) {
                throw me.cancelledError();
            }
            return;
        }
        addWaiter(me);
        if (propagateCancel) {
            me.awaiting = this; // a cancel of the task cancels this at once (Task.deliverCancel)
        }
        me.suspend();
        if (state == PENDING && !waitedForDone(me, propagateCancel)) {
            throw me.cancelledError(); // here, not in waitedForDone: see Task's overview
        }
    }

    /**
     * Parks until this is done; false when the waiting task's cancellation ends the wait (at once,
     * or once this has ended with the cancellation passed on), and the caller throws it.
     */
    private boolean waitedForDone(Task<?> me, boolean propagateCancel) {
        boolean propagated = false;
        while (state == PENDING) {
            if (me.cancelPending()) {
                if (!propagateCancel) {
                    removeWaiter(me);
                    return false;
                }
                if (!propagated) {
                    propagated = true;
                    if (me.awaiting == this) {
                        // not passed on yet by Task.deliverCancel, which clears `awaiting` when it does
                        me.awaiting = null;
                        cancel(me.cancelMessage());
                        continue;
                    }
                }
            }
            me.suspend();
        }
        me.awaiting = null;
        return !propagated || !me.cancelPending();
    }

    /** Blocks a thread that is not a task until this is done; its interrupts are kept, not lost. */
    private void blockingWait() {
        if (loop.isLoopThread()) {
            throw new IllegalStateException("a loop callback cannot wait for " + this
                    + ": it would freeze the loop. Wait from a task (loop.createTask) instead");
        }
        boolean interrupted = false;
        while (true) {
            try {
                awaitFromOutside();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks the calling thread (not a task of this loop) until this is done.
     *
     * @throws LoopClosedException if the loop closed while this was still pending
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    final void awaitFromOutside() throws InterruptedException {
        if (state != PENDING) {
            return;
        }
        OutsideWaiter waiter = new OutsideWaiter(this);
        loop.callSoonThreadsafe(waiter);
        waiter.await(this);
    }

    /**
     * A task of another loop waits (see {@link CrossLoopWait}).
     *
     * @throws LoopClosedException if this loop closed while this was still pending
     */
    private void waitAcrossLoops(Task<?> me, boolean propagateCancel) {
        CrossLoopWait.await(this, me, propagateCancel);
    }

    /** The outcome as a return value or a thrown exception; marks a failure as retrieved. */
    @SuppressWarnings("unchecked")
    final T report() throws Exception {
        Object o = outcome;
        return switch (state) {
            case RESULT -> (T) o;
            case FAILED -> {
                markRetrieved();
                throw sneaky((Throwable) o);
            }
            case CANCELLED -> throw cancelledErrorForWaiter();
            default -> throw new IllegalStateException(this + " is not done yet");
        };
    }

    /** The outcome for a caller that cannot throw checked exceptions; marks it retrieved. */
    final Object rawOutcome() {
        if (state == FAILED) {
            markRetrieved();
        }
        return outcome;
    }

    /** Hands a failure to the loop's tracker, which reports it if it is never retrieved. */
    private FailureTracker.Record trackFailure(Throwable exception) {
        String what = this instanceof Task<?> t ? "Task '" + t.getName() + "'" : "a Future";
        Throwable creationSite = this instanceof Task<?> t && t.debugInfo != null ? t.debugInfo.creationSite : null;
        return loop.failures.track(this, exception, what, creationSite);
    }

    /** Marks a failure as retrieved. Any thread: the record's flag is volatile, the set loop-only. */
    final void markRetrieved() {
        FailureTracker.Record f = failure;
        if (f != null && !f.retrieved) {
            f.retrieved = true;
            if (loop.isLoopThread()) {
                loop.failures.retrieved(f); // forgotten at once; elsewhere the flag is enough
            }
        }
    }

    private CancelledError cancelledErrorForWaiter() {
        CancelledError original = (CancelledError) outcome;
        return new CancelledError(original.getMessage(), original);
    }

    static Exception sneaky(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof Exception e) {
            return e;
        }
        return new UndeclaredThrowableException(t);
    }
}
