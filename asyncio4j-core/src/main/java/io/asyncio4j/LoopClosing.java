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
     * The message of the cancellation a loop's close sends its tasks. The CancelledErrors it causes
     * carry no stack trace (see Task.newCancelledError): closing a loop with a million parked tasks
     * would otherwise capture a million traces, and the collections their garbage triggers copy
     * every parked stack still alive (1M tasks in Queue.get: 5.3 s of CPU with traces, 0.7 s
     * without; the probe CloseParked).
     */
    static final String CANCEL_MESSAGE = "the loop is closing";

    private final Loop loop;

    private boolean cancelSent;
    /** Tasks not started when closing began: cancelled one cycle later, after their first step. */
    private List<Task<?>> unstartedAtClose;

    private long startedNanos;
    private boolean warned;

    LoopClosing(Loop loop) {
        this.loop = loop;
    }

    /**
     * One step of closing, once a cycle: cancels the live tasks (once), then reports whether the
     * cycle must go on (tasks or queued work remain); false when the loop may stop.
     *
     * <p>A task created before close() but not started yet runs its first step before it is
     * cancelled, as in asyncio (whose stop callback is queued behind those first steps): its body
     * then gets the CancelledError inside its {@code try}, and its {@code finally} runs. Its
     * continuation is already in the ready queue, so one more cycle is enough.
     */
    boolean step() {
        if (!cancelSent) {
            cancelSent = true;
            startedNanos = System.nanoTime();
            for (Task<?> t = loop.liveTasks.first(); t != null; t = t.nextLive) {
                if (t.phase == Task.CREATED && !t.isDone()) {
                    if (unstartedAtClose == null) {
                        unstartedAtClose = new ArrayList<>();
                    }
                    unstartedAtClose.add(t);
                } else {
                    t.cancel(CANCEL_MESSAGE);
                }
            }
        } else if (unstartedAtClose != null) {
            for (Task<?> t : unstartedAtClose) {
                t.cancel(CANCEL_MESSAGE);
            }
            unstartedAtClose = null;
        }
        if (loop.liveTasks.count() > 0 || !loop.cycle.isIdle() || !loop.inbox.isEmpty() || unstartedAtClose != null) {
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
            loop.abandonOutsideWaiters();
            loop.failures.reportAll();
        } catch (Throwable t) {
            Log.core().log(System.Logger.Level.ERROR, "loop " + loop.name() + " failed while closing", t);
        } finally {
            loop.closeSelectorAndRelease();
        }
    }
}
