package io.asyncio4j;

import io.asyncio4j.internal.Log;
import io.asyncio4j.internal.io.SelectorDriver;
import io.asyncio4j.internal.jfr.UnretrievedExceptionEvent;
import io.asyncio4j.internal.loop.Cycle;
import io.asyncio4j.internal.loop.FailureTracker;
import io.asyncio4j.internal.loop.Watchdog;

/**
 * The platform thread of a loop and its life: the warm-up, then one cycle after another until the
 * loop has closed, then the shut-down. Also lets callbacks find their loop, and answers what the
 * loop's parts ask of it (the cycle, the selector driver, the failure tracker, the watchdog).
 */
final class LoopThread extends Thread implements Cycle.Owner, SelectorDriver.Owner<Task<?>>, FailureTracker.Reporter {
    /** A cycle failing this many times in a row closes the loop. */
    private static final int MAX_CYCLE_FAILURES = 100;

    final Loop loop;
    /**
     * The ContextVar values of the callback running on this thread: a plain field where other
     * threads use a ThreadLocal, so that running a callback costs no ThreadLocal lookups.
     */
    Object[] context = ContextVar.EMPTY;

    /** Cycles that failed in a row. Loop thread only. */
    private int cycleFailures;

    LoopThread(Loop loop, String name) {
        super(null, null, name, 0, false);
        this.loop = loop;
        setDaemon(true);
    }

    @Override
    public void run() {
        try {
            warmUp();
            loop.warmedUp.countDown();
            while (cycleGuarded()) {
                // one cycle per iteration
            }
        } catch (Throwable t) {
            Log.core().log(System.Logger.Level.ERROR, "loop " + loop.name() + " crashed", t);
        } finally {
            loop.warmedUp.countDown(); // Loop.open must not wait for a loop that died before its warm-up ended
            loop.closing.finish();
        }
    }

    /**
     * Runs one throwaway task through spawn, park on a timer, park on await, resume and end before
     * any user code. Without it, a program that parks a million tasks before the first resumes makes
     * C2 compile the resume paths without a profile, and every parked frame hits the resulting traps
     * (see Task's overview).
     */
    private void warmUp() {
        Task<Object> probe = loop.liveTasks.spawn(0, "warm-up", null, new WarmUp(loop, true));
        Cycle cycle = loop.cycle;
        cycle.setWarmingUp(true);
        loop.outside.awaited++;
        while (!probe.isDone() || hasLiveTasks()) {
            cycle.runOnce();
        }
        loop.outside.awaited--;
        cycle.setWarmingUp(false);
    }

    /**
     * The warm-up task's body (its parent's spawns and awaits a child, the child sleeps). A class,
     * not lambdas: each lambda is a class generated at run time, on the path of every Loop.open.
     */
    private static final class WarmUp implements Coroutine<Object> {
        private final Loop loop;
        private final boolean parent;

        WarmUp(Loop loop, boolean parent) {
            this.loop = loop;
            this.parent = parent;
        }

        @Override
        public Object call() throws Exception {
            if (parent) {
                loop.liveTasks
                        .spawn(0, "warm-up-child", null, new WarmUp(loop, false))
                        .await();
            } else {
                Asyncio.sleepUntil(loop.time());
            }
            return null;
        }
    }

    /**
     * One cycle; a failure of the cycle itself (an OutOfMemoryError, a clock that throws) is
     * reported and the loop goes on, since stopping would leave live tasks whose {@code finally}
     * blocks never run. After many failures in a row the loop starts closing, which cancels its
     * tasks and lets them end.
     */
    private boolean cycleGuarded() {
        try {
            boolean more = loop.cycle.runOnce();
            cycleFailures = 0;
            return more;
        } catch (Throwable t) {
            try {
                loop.reportError("the cycle of loop " + loop.name() + " failed; it goes on", t, null);
            } catch (Throwable ignored) {
                // reporting failed too (out of memory): going on matters more
            }
            if (++cycleFailures == MAX_CYCLE_FAILURES && loop.startClosing()) {
                Log.core()
                        .log(
                                System.Logger.Level.ERROR,
                                "loop " + loop.name() + " failed " + MAX_CYCLE_FAILURES
                                        + " cycles in a row; closing it");
            }
            return true;
        }
    }

    // ---- what the cycle asks of the loop ----

    @Override
    public boolean goOn() {
        return !loop.isClosing() || loop.closing.step();
    }

    @Override
    public boolean awaited() {
        return loop.outside.awaited != 0 || loop.isClosed();
    }

    @Override
    public boolean hasLiveTasks() {
        return loop.liveTasks.count() > 0;
    }

    @Override
    public void reportError(String message, Throwable exception) {
        loop.reportError(message, exception, null);
    }

    @Override
    public void wake(Task<?> waiter) {
        waiter.wake();
    }

    @Override
    public void neverRetrieved(FailureTracker.Record record) {
        var event = new UnretrievedExceptionEvent();
        if (event.shouldCommit()) {
            event.loop = loop.name();
            event.source = record.what;
            event.exception = String.valueOf(record.exception);
            event.commit();
        }
        String site = record.creationSite == null ? "" : "; created at " + TaskDump.firstUserFrame(record.creationSite);
        // The task itself when it is still reachable (at close); one reported after being collected is gone.
        Task<?> task = record.get() instanceof Task<?> t ? t : null;
        loop.reportError(record.what + ": exception was never retrieved" + site, record.exception, task);
    }

    // ---- what the watchdog asks (debug mode) ----

    /** The stack of the task running on this thread, or of the thread itself; watchdog thread. */
    Watchdog.Sample sampleRunningStack() {
        String marker = "@" + getName();
        for (Task<?> t : loop.liveTasks.list()) {
            Thread vt = t.thread;
            if (vt != null && vt.toString().endsWith(marker)) {
                return new Watchdog.Sample(t.toString(), vt.getStackTrace());
            }
        }
        return new Watchdog.Sample("a callback", getStackTrace());
    }
}
