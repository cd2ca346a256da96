package io.asyncio4j.internal.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread-safe half of a loop's scheduler: other threads (another loop, a plain thread, the
 * JDK's threads unparking a task) hand work to the loop here and wake it from select. The other
 * half, the ready queue and the cycle, is the loop thread's alone.
 *
 * <p>The loop wakes the selector only when it is actually there: {@code selecting} is 1 while the
 * loop is, or is about to be, in select, and the first submitter to swap it to 2 calls {@link
 * Selector#wakeup()} (or unparks the loop thread, while the loop has no selector yet and parks
 * instead of selecting). A busy loop thus pays no system call per cross-thread submit. When work came
 * in recently, the loop spins briefly for the next hand-off before it selects. Guarded by the JMH
 * benchmark {@code SubmitBench} and W2's cross-loop Channel ping-pong.
 */
public final class Inbox {
    private static final VarHandle SELECTING;

    static {
        try {
            SELECTING = MethodHandles.lookup().findVarHandle(Inbox.class, "selecting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final long SPIN_NANOS = 20_000;

    /*
     * Only what other threads touch lives here. The loop thread's own bookkeeping (when work last
     * came in, for the spin) sits in the Cycle: a field written on every drain beside `selecting`
     * would pull the cache line that submitters read away from them each time.
     */

    // Any thread.
    /** Work handed in by other threads, in order; the loop moves it to its ready queue each cycle. */
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();

    /** The loop's thread, unparked by a wake-up while the loop has no selector. */
    private final Thread loopThread;
    /**
     * The loop's selector once it has one (set by the loop thread before it first selects), or
     * null: the loop then parks and a wake-up unparks it.
     */
    private volatile Selector selector;

    /*
     * selecting (written by the loop thread, swapped by submitters):
     *
     *   0 -> 1  loop thread, before it checks the inbox a last time and selects (enterSelect)
     *   1 -> 0  loop thread, when that check finds work, and after select returns (leaveSelect)
     *   1 -> 2  the first submitter that sees 1: it calls Selector.wakeup(); later ones do not
     *   2 -> 0  loop thread, after select returns (leaveSelect)
     */
    @SuppressWarnings("unused") // accessed through SELECTING
    private volatile int selecting;

    /** @param loopThread the loop's thread, which waits in {@code Selector.select} or parks */
    public Inbox(Thread loopThread) {
        this.loopThread = loopThread;
    }

    /**
     * From now on the loop waits in {@code selector}: wake-ups go through it. Loop thread, while it
     * runs: a submitter late with a wake-up meant for an earlier park may then wake the selector
     * instead, which only costs the loop one more cycle.
     */
    public void useSelector(Selector selector) {
        this.selector = selector;
    }

    /** Hands {@code r} to the loop; the caller then calls {@link #wakeUp()}. Any thread. */
    public void add(Runnable r) {
        inbox.add(r);
    }

    /** Takes back {@code r} if the loop has not taken it yet. Any thread. */
    public boolean remove(Runnable r) {
        return inbox.remove(r);
    }

    /** Whether nothing waits in the inbox. Any thread. */
    public boolean isEmpty() {
        return inbox.isEmpty();
    }

    /** The next entry, or null; the loop's closing drains the inbox with it. Loop thread. */
    public Runnable poll() {
        return inbox.poll();
    }

    /**
     * Hands the loop an entry that does nothing, and wakes it: its next cycle then sees what another
     * thread changed (a close). Any thread.
     */
    public void poke() {
        inbox.add(NOTHING);
        wakeUp();
    }

    private static final Runnable NOTHING = new Runnable() {
        @Override
        public void run() {}
    };

    /** Wakes the loop from select if it is there (or about to be). Any thread. */
    public void wakeUp() {
        if ((int) SELECTING.getVolatile(this) == 1 && SELECTING.compareAndSet(this, 1, 2)) {
            Selector s = selector;
            if (s != null) {
                s.wakeup();
            } else {
                LockSupport.unpark(loopThread);
            }
        }
    }

    /** Moves everything handed in to the end of {@code ready}; returns whether there was any. Loop thread. */
    public boolean drainTo(ArrayDeque<Runnable> ready) {
        Runnable r = inbox.poll();
        if (r == null) {
            return false;
        }
        do {
            ready.addLast(r);
        } while ((r = inbox.poll()) != null);
        return true;
    }

    /**
     * Spins briefly for the next hand-off before the loop goes to sleep in the selector: falling
     * asleep and being woken costs a system call and two thread switches each way, tens of
     * microseconds on a VM. The loop spins only while a conversation with another loop or thread is
     * going on (see Cycle), at most {@link #SPIN_NANOS}, so an idle loop burns nothing. Loop thread.
     *
     * @param wait how long the loop would wait in select (nanoseconds), negative for ever
     * @return whether work arrived
     */
    public boolean spin(long wait) {
        long start = System.nanoTime();
        long limit = wait < 0 ? SPIN_NANOS : Math.min(SPIN_NANOS, wait);
        do {
            if (!inbox.isEmpty()) {
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - start < limit);
        return false;
    }

    /**
     * Announces that the loop is about to select, so that submitters wake it; returns false (and
     * takes the announcement back) if work is already waiting. Loop thread.
     */
    public boolean enterSelect() {
        SELECTING.setVolatile(this, 1);
        if (!inbox.isEmpty()) {
            SELECTING.setVolatile(this, 0);
            return false;
        }
        return true;
    }

    /** The loop is back from select. Loop thread. */
    public void leaveSelect() {
        SELECTING.setVolatile(this, 0);
    }
}
