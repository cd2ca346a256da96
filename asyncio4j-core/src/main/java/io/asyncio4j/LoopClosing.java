package io.asyncio4j;

import io.asyncio4j.internal.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a loop closes, on its own thread, once {@code close()} (or a cycle failing again and again)
 * has moved it to CLOSING: first the live tasks are cancelled and the cycle goes on until every one
 * has ended ({@link #step()}, once a cycle); then the loop refuses work and shuts down what it owns
 * ({@link #finish()}).
 *
 * <p>Threads: the loop thread only.
 */
final class LoopClosing {
    /** A close still waiting for tasks after this long names them in the log, once. */
    private static final long WARN_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * The message of the cancellation a loop's close sends its tasks. The CancelledError it causes
     * is one shared instance without a stack trace or suppressed exceptions (see
     * Task.newCancelledError): closing a loop with a million parked tasks would otherwise capture a
     * million traces (1M tasks in Queue.get: 5.3 s of CPU with traces, 0.7 s without), and even
     * untraced errors fill 40 MB of fresh heap, whose page faults and any collection they trigger
     * (it copies every parked stack still alive) cost more than the rest of the close.
     */
    static final String CANCEL_MESSAGE = "the loop is closing";

    /**
     * Tasks cancelled per cycle. Cancelling touches each task and its thread; in batches this size
     * the task resumes in the next cycle while those are still in the CPU's caches, and the ready
     * queue stays small (all at once, every task was fetched from memory twice: 1M tasks parked in
     * Queue.get closed in 15-20% less CPU this way). Guarded by the probe CloseParked.
     */
    static final int CANCEL_BATCH = 1024;

    private final Loop loop;

    /** The tasks live when closing began, newest first; null until then. */
    private Task<?>[] toCancel;
    /** How many of {@link #toCancel} have been handled. */
    private int handled;
    /** Tasks not started when their turn came: cancelled one cycle later, after their first step. */
    private List<Task<?>> unstarted;

    private long startedNanos;
    private boolean warned;

    LoopClosing(Loop loop) {
        this.loop = loop;
    }

    /**
     * One step of closing, once a cycle: cancels the next batch of the tasks that were live when
     * closing began, then reports whether the cycle must go on (tasks or queued work remain); false
     * when the loop may stop. Tasks created while closing start cancelled (LiveTasks.spawn).
     *
     * <p>A task created before close() but not started yet runs its first step before it is
     * cancelled, as in asyncio (whose stop callback is queued behind those first steps): its body
     * then gets the CancelledError inside its {@code try}, and its {@code finally} runs. Its
     * continuation is already in the ready queue, so one more cycle is enough.
     */
    boolean step() {
        if (toCancel == null) {
            startedNanos = System.nanoTime();
            toCancel = loop.liveTasks.toArray();
        }
        if (unstarted != null) {
            for (Task<?> t : unstarted) {
                t.cancel(CANCEL_MESSAGE);
            }
            unstarted = null;
        }
        cancelNextBatch();
        if (handled < toCancel.length
                || unstarted != null
                || loop.liveTasks.count() > 0
                || !loop.cycle.isIdle()
                || !loop.inbox.isEmpty()) {
            if (!warned && System.nanoTime() - startedNanos > WARN_AFTER_NANOS) {
                warned = true;
                Log.core()
                        .log(
                                System.Logger.Level.WARNING,
                                "loop " + loop.name() + " is closing but these tasks ignore cancellation: "
                                        + loop.liveTasks.list());
            }
            return true;
        }
        return false;
    }

    private void cancelNextBatch() {
        // Tasks that ended meanwhile do not count: a batch of them alone would leave nothing
        // ready, and the cycle would wait in the selector with the rest still to cancel.
        int cancelled = 0;
        for (; handled < toCancel.length && cancelled < CANCEL_BATCH; handled++) {
            Task<?> t = toCancel[handled];
            toCancel[handled] = null;
            if (t.isDone()) {
                continue;
            }
            cancelled++;
            if (t.phase == Task.CREATED) {
                if (unstarted == null) {
                    unstarted = new ArrayList<>();
                }
                unstarted.add(t);
            } else {
                t.cancel(CANCEL_MESSAGE);
            }
        }
        if (handled < toCancel.length) {
            // The next batch is due next cycle even if no cancelled task became ready at once (a
            // task that ignores cancellation, or one woken later from another thread).
            loop.cycle.add(NEXT_BATCH);
        }
    }

    /**
     * Queued while batches remain, so that the cycle does not wait in the selector meanwhile. A
     * class, not a lambda: nothing generated at run time on the path of a program's start.
     */
    private static final Runnable NEXT_BATCH = new NextBatch();

    private static final class NextBatch implements Runnable {
        @Override
        public void run() {}

        @Override
        public String toString() {
            return "the loop's close: next batch of cancellations";
        }
    }

    /**
     * The end of the loop thread: from here on nothing is accepted; what other threads handed in
     * before is still run, so a submit or run racing with close fails clearly (LoopClosedException)
     * instead of hanging. Then the MBean, the signal handlers, the default executor, the waiters
     * from outside, the never-retrieved exceptions and the selector are dealt with, in that order.
     */
    void finish() {
        try {
            loop.markClosed();
            loop.cycle.runLeftoverInbox();
            loop.management.unregister();
            loop.restoreSignalHandlers();
            loop.defaultExecutor.shutDown();
            loop.cycle.runLeftoverInbox();
            loop.outside.abandonWaiters();
            loop.failures.reportAll();
        } catch (Throwable t) {
            Log.core().log(System.Logger.Level.ERROR, "loop " + loop.name() + " failed while closing", t);
        } finally {
            try {
                loop.io.close();
            } finally {
                loop.terminated.countDown(); // close() returns
            }
        }
    }
}
