package io.asyncio4j.internal.loop;

import io.asyncio4j.internal.io.SelectorDriver;
import io.asyncio4j.internal.sched.Inbox;
import io.asyncio4j.internal.timer.TimerQueue;
import io.asyncio4j.lowlevel.Clock;
import java.util.ArrayDeque;

/**
 * The loop thread's half of scheduling: the ready queue, the timers, and the cycle that runs them
 * and waits in the selector when nothing is ready. The other half, {@link Inbox}, is where other
 * threads hand work in.
 *
 * <p>Threads: the loop thread only, without locks; the counters are read racily by statistics.
 */
public final class Cycle {
    /*
     * Implementation overview.
     *
     * The loop thread repeats one cycle (runOnce) until the loop closes:
     *
     *     +-> 1. move what other threads submitted (inbox) to the ready queue
     *     |   2. fire due timers (they usually wake tasks: unpark -> ready queue)
     *     |   3. run the entries that were ready at the start of this step, FIFO; what they schedule
     *     |      runs next cycle (so yieldNow is round-robin and timers are not starved)
     *     |   4. run the turn-end actions registered during 1-3 (a socket's writes of this turn,
     *     |      gathered into one system call); they may wake tasks, so this comes before 5
     *     |   5. if nothing is ready: wait in Selector.select until the next timer, I/O, or a wake-up
     *     +-- (the clock decides how long; a VirtualClock jumps to the next timer instead)
     *
     * Ready entries are the JDK's continuations of the tasks' virtual threads (the loop is their
     * scheduler) and callSoon callbacks. A task runs until it parks; the JDK then returns to the
     * loop thread, which runs the next entry.
     *
     * The cycle knows nothing of tasks: what it needs of the loop (is it closing, does anyone wait
     * for it, where errors go) it asks its Owner.
     */

    /** What the cycle asks of its loop. Loop thread. */
    public interface Owner {
        /**
         * Called once a cycle, after the ready entries have run: false ends the cycle for good (the
         * loop was closing and nothing is left to run).
         */
        boolean goOn();

        /**
         * Whether something outside waits for the loop (a caller of run or submit, or a close in
         * progress): a clock that does not track real time moves only then.
         */
        boolean awaited();

        /** Whether any task has not ended yet; only asked during the warm-up. */
        boolean hasLiveTasks();

        /** Sends an error that nothing else handles to the loop's exception handler. */
        void reportError(String message, Throwable exception);
    }

    private final Owner owner;
    private final Clock clock;
    private final Inbox inbox;
    private final SelectorDriver<?> io;
    private final FailureTracker failures;
    /** Debug mode's watch over each entry, or null when the loop is not in debug mode. */
    private final Watchdog watchdog;

    /** Entries to run, FIFO: task continuations and callbacks. Guarded by ParkBench and W1. */
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>(1024);

    /** Actions to run once at the end of this cycle, FIFO (see {@link #atTurnEnd}). */
    private final ArrayDeque<Runnable> turnEnd = new ArrayDeque<>();

    private final TimerQueue timers = new TimerQueue();
    /** A timer the running task armed just before parking (see deferTimerUntilParked), or null. */
    private TimerQueue.Timer deferredTimer;

    private long deferredDeadline;
    /** Ready entries and timers run so far (with io.events()): tells a virtual clock whether anything happened. */
    private long activity;
    /** True while the warm-up task runs: work from other threads waits in the inbox. */
    private boolean warmingUp;
    /**
     * When work last came from another thread: {@link #HANDED_IN_THIS_CYCLE}, {@link #NEVER}, or
     * the time the loop first went idle after it. Here, not in the Inbox: the Inbox's fields are
     * read by every submitter, and this one is written on every drain that finds work.
     */
    private long lastHandOffNanos = NEVER;

    private static final long HANDED_IN_THIS_CYCLE = -1;
    private static final long NEVER = Long.MIN_VALUE;
    /** The loop spins before select only this long after the last work from another thread. */
    private static final long SPIN_WINDOW_NANOS = 1_000_000;

    // Read racily by statistics.
    private long cycles;
    private long lagNanos;
    private long selectorWakeups;

    /** @param watchdog debug mode's watch over each entry, or null outside debug mode */
    public Cycle(
            Owner owner, Clock clock, Inbox inbox, SelectorDriver<?> io, FailureTracker failures, Watchdog watchdog) {
        this.owner = owner;
        this.clock = clock;
        this.inbox = inbox;
        this.io = io;
        this.failures = failures;
        this.watchdog = watchdog;
    }

    // ---- the ready queue ----

    /** Queues {@code r} to run after the entries queued before it. */
    public void add(Runnable r) {
        ready.addLast(r);
    }

    /** Whether nothing is ready to run. */
    public boolean isIdle() {
        return ready.isEmpty();
    }

    /** The number of entries ready to run. */
    public int readyCount() {
        return ready.size();
    }

    /**
     * Runs {@code action} once at the end of this cycle, after its ready entries and before the
     * loop polls or waits for I/O: what a socket transport uses to send the writes of one turn
     * with one system call. An action registered by a turn-end action runs in the same cycle.
     */
    public void atTurnEnd(Runnable action) {
        turnEnd.addLast(action);
    }

    private void runTurnEnd() {
        Runnable r;
        while ((r = turnEnd.pollFirst()) != null) {
            try {
                r.run();
            } catch (Throwable t) {
                owner.reportError("exception in turn-end action " + r, t);
            }
        }
    }

    // ---- timers ----

    /** Arms {@code timer} for {@code deadline} (loop time). */
    public void addTimer(TimerQueue.Timer timer, long deadline) {
        timers.add(timer, deadline);
    }

    /** Disarms {@code timer}; harmless when it fired or was cancelled already. */
    public void cancelTimer(TimerQueue.Timer timer) {
        timers.cancel(timer);
    }

    /**
     * Adds {@code timer} once the calling task has parked, right after its continuation yields back
     * to the loop. Keeps the timer heap's code out of the task's frame: every parked task's stack is
     * frozen with its frames, and a frame is as large as the largest code inlined into it (W1: about
     * 80 bytes a sleeping task). Guarded by W1 spawn-sleep.
     */
    public void deferTimerUntilParked(TimerQueue.Timer timer, long deadline) {
        deferredTimer = timer;
        deferredDeadline = deadline;
    }

    /** Adds the timer a task armed before parking, if any; called after each entry. */
    public void addDeferredTimer() {
        TimerQueue.Timer timer = deferredTimer;
        if (timer != null) {
            deferredTimer = null;
            timers.add(timer, deferredDeadline);
        }
    }

    // ---- the cycle ----

    /** While true, work from other threads waits in the inbox (the warm-up runs alone). */
    public void setWarmingUp(boolean warmingUp) {
        this.warmingUp = warmingUp;
    }

    /** Runs one cycle; returns false once the loop may stop (see {@link Owner#goOn()}). */
    public boolean runOnce() {
        if (!warmingUp && inbox.drainTo(ready)) {
            lastHandOffNanos = HANDED_IN_THIS_CYCLE;
        }
        // The clock is read only when a timer could be due: a cycle of task hand-offs (W2's
        // ping-pong runs one entry a cycle) would otherwise spend about 5 % of its time in it.
        if (timers.size() != 0) {
            long now = clock.nanoTime();
            TimerQueue.Timer timer;
            while ((timer = timers.pollDue(now)) != null) {
                activity++;
                try {
                    timer.fire();
                } catch (Throwable t) {
                    owner.reportError("exception in a timer callback", t);
                }
            }
        }
        boolean sample = (++cycles & 63) == 0 || watchdog != null;
        long batchStart = sample ? System.nanoTime() : 0;
        for (int n = ready.size(); n > 0; n--) {
            Runnable r = ready.pollFirst();
            activity++;
            if (watchdog != null) {
                runTimed(r);
                continue;
            }
            try {
                r.run();
            } catch (Throwable t) {
                owner.reportError("exception in callback " + r, t);
            }
            addDeferredTimer();
        }
        if (sample) {
            lagNanos = System.nanoTime() - batchStart;
        }
        if (!failures.isEmpty()) {
            failures.reportCollected();
        }
        if (!turnEnd.isEmpty()) {
            runTurnEnd();
        }
        if (!owner.goOn()) {
            return false;
        }
        if (ready.isEmpty()) {
            if (warmingUp && !owner.hasLiveTasks()) {
                return true; // the warm-up task has ended: nothing would wake the selector now
            }
            idle();
        } else if (io.hasChannels()) {
            io.select(0);
        }
        return true;
    }

    /** Debug mode: runs one ready entry, timing it and reporting it if it held the loop too long. */
    private void runTimed(Runnable r) {
        long start = watchdog.entryStarted();
        try {
            r.run();
        } catch (Throwable t) {
            owner.reportError("exception in callback " + r, t);
        } finally {
            addDeferredTimer();
            watchdog.entryEnded(start);
        }
    }

    private void idle() {
        long wait = !owner.awaited() && !clock.tracksRealTime()
                ? -1
                : clock.idleWait(timers.nextDeadline(), activity + io.events());
        if (wait == 0) {
            io.select(0);
            return;
        }
        if ((inConversation() && inbox.spin(wait)) || !inbox.enterSelect()) {
            return;
        }
        io.select(wait < 0 ? -1 : selectMillis(wait));
        inbox.leaveSelect();
        selectorWakeups++;
    }

    /** Whether work came from another thread within the spin window: the next hand-off may be near. */
    private boolean inConversation() {
        long last = lastHandOffNanos;
        if (last == NEVER) {
            return false;
        }
        long now = System.nanoTime();
        if (last == HANDED_IN_THIS_CYCLE) {
            lastHandOffNanos = now;
            return true;
        }
        return now - last <= SPIN_WINDOW_NANOS;
    }

    /** A positive wait in nanoseconds as select's milliseconds, rounded up (at least 1); no overflow. */
    public static long selectMillis(long waitNanos) {
        return Math.max(1, waitNanos / 1_000_000 + (waitNanos % 1_000_000 == 0 ? 0 : 1));
    }

    /**
     * Runs what other threads handed in before the loop stopped accepting work: a submit racing
     * with close then fails clearly instead of hanging. Called while the loop shuts down.
     */
    public void runLeftoverInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            try {
                r.run();
            } catch (Throwable t) {
                owner.reportError("exception in callback " + r + " run while closing", t);
            }
            addDeferredTimer();
        }
        runTurnEnd();
    }

    // ---- statistics (read racily from other threads) ----

    /** Cycles run so far. */
    public long cycles() {
        return cycles;
    }

    /** How long the latest sampled batch of ready entries took (one cycle in 64; every one in debug mode), in nanoseconds. */
    public long lagNanos() {
        return lagNanos;
    }

    /** How many times the loop slept in the selector. */
    public long selectorWakeups() {
        return selectorWakeups;
    }
}
