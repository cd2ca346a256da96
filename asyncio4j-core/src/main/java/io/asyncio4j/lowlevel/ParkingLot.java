package io.asyncio4j.lowlevel;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;

/**
 * A first-in first-out line of parked tasks, each woken with what it waited for: what asyncio4j's
 * {@code Lock}, {@code Semaphore}, {@code Event}, {@code Condition}, {@code Barrier}, {@code Queue}
 * and channels are built on, and what a user needs to write another primitive (Trio's {@code
 * ParkingLot}, with the operation completed by the waker).
 *
 * <p>A waiting task {@link #park parks} in the lot; a waker {@link #serveFirst serves} the first
 * waiter (marks it served, hands it a value, wakes it), {@link #serveAll serves every waiter}, or
 * {@link #refuseAll refuses them all} (the primitive was broken, closed or shut down). The waiter
 * learns which from the {@link Waiter} that {@code park} returns. Leaving the line, in any order,
 * costs O(1): cancelling a million waiters costs a million steps.
 *
 * {@snippet :
 * // A gate that lets one task through per open() call, in arrival order.
 * final class Gate {
 *     private final ParkingLot<Void> waiters = new ParkingLot<>();
 *
 *     void pass() {
 *         while (true) {
 *             ParkingLot.Waiter<Void> w = waiters.park("Gate.pass", null);
 *             if (w.isServed()) {
 *                 if (Parking.cancelPending(w.task())) {
 *                     open(); // the turn we were given goes to the next waiter
 *                     throw Parking.cancelledError(w.task());
 *                 }
 *                 return;
 *             }
 *             // passed over while a cancellation stood that was then withdrawn: line up again
 *         }
 *     }
 *
 *     void open() {
 *         waiters.serveFirst(null);
 *     }
 * }
 * }
 *
 * <h2>Cancellation</h2>
 *
 * <ul>
 *   <li>A task whose cancellation is pending when it would park does not park: {@code park} throws
 *       {@link CancelledError}.
 *   <li>A waiter cancelled before it is served leaves the line and {@code park} throws {@link
 *       CancelledError}. {@link #serveFirst} passes over a waiter whose task has a pending
 *       cancellation, so what it hands out goes to a task that will use it: the next waiter.
 *   <li>A waiter served and then cancelled before it resumed returns from {@code park} served, with
 *       the cancellation pending: the primitive decides. asyncio4j's own primitives give back what
 *       they were handed (the lock or permit goes to the next waiter, the item back to the head of
 *       the queue) and throw {@link CancelledError}, except where that is impossible ({@code
 *       Queue.put}, whose item a getter may already have taken: the put stands and the
 *       cancellation is thrown at the next suspension point).
 *   <li>A waiter that {@code serveFirst} passed over because of a pending cancellation, and whose
 *       cancellation was withdrawn ({@code uncancel}) before it resumed, returns from {@code park}
 *       {@linkplain Waiter#isPassed() passed}: it was not served and is no longer in line; the
 *       primitive re-checks its condition and parks again.
 * </ul>
 *
 * <p>Loop-local use ({@link #park}, {@link #serveFirst}, {@link #serveAll}, {@link #refuseAll}):
 * every call on the loop of the waiting tasks. A lot is not thread-safe; a primitive whose waiters
 * may be on other loops or plain threads guards its lot with its own lock and uses the building
 * blocks ({@link #add}, {@link #remove}, {@link #pollFirst}, {@link Waiter#serve}, {@link
 * Waiter#refuse}), waking the waiters itself.
 *
 * @param <V> what a waiter carries: the value handed to it, or the one it offers
 */
public final class ParkingLot<V> {
    /*
     * Implementation overview.
     *
     * An intrusive doubly-linked list of Waiter nodes (head, tail, size): join at the tail, serve
     * from the head, unlink from anywhere in O(1). The ArrayDeque this replaces made every cancelled
     * waiter an O(n) remove(Object): cancelling n parked waiters newest-first was O(n^2).
     *
     * Waiter states (field `state`; `lot` is non-null exactly while the waiter is in a line):
     *
     *   WAITING, in line   -> SERVED    a waker unlinked it and handed it its value (serveFirst,
     *                                   serveAll, Waiter.serve); it is woken
     *   WAITING, in line   -> REFUSED   refuseAll or Waiter.refuse: the primitive was broken,
     *                                   closed or shut down; it is woken
     *   WAITING, in line   -> PASSED    serveFirst found its task's cancellation pending and
     *                                   skipped it; the cancellation has already woken it
     *   WAITING, in line   -> (gone)    its own task unlinked it: cancelled, CancelledError thrown
     *   PASSED             -> (gone)    it resumed and its cancellation still stands: thrown
     *   PASSED             -> returned  it resumed and the cancellation was withdrawn
     *
     * Only the waker moves a waiter out of WAITING, so a waiter never misses what it was handed.
     * The fast path of park is `park(me); if (state == WAITING && !waitedInLine(w)) throw ...;`
     * rather than a loop around park: see Task's overview (a million parked frames). Guarded by the JMH benchmarks
     * QueueBench and WaiterBench.
     */
    static final byte WAITING = 0;
    static final byte SERVED = 1;
    static final byte REFUSED = 2;
    static final byte PASSED = 3;

    private Waiter<V> head;
    private Waiter<V> tail;
    private int size;

    /** An empty lot. */
    public ParkingLot() {}

    /**
     * One party in a {@link ParkingLot}: a task (or, for primitives shared across threads, a plain
     * thread the primitive wakes itself), the value it carries, and whether it was served.
     * Primitives whose waiters carry more (a thread to unpark) extend it.
     *
     * @param <V> what the waiter carries
     */
    public static class Waiter<V> {
        private final Task<?> task;
        private V value;
        private byte state;
        private ParkingLot<V> lot;
        private Waiter<V> prev;
        private Waiter<V> next;

        /**
         * A waiter, not yet in any lot.
         *
         * @param task the waiting task, or null for a waiter that is not a task
         * @param value what it carries (an item it offers), or null
         */
        public Waiter(Task<?> task, V value) {
            this.task = task;
            this.value = value;
        }

        /** The waiting task, or null for a waiter that is not a task. */
        public final Task<?> task() {
            return task;
        }

        /** The value handed to it when served, or the one it was created with. */
        public final V value() {
            return value;
        }

        /** Whether a waker served it (see {@link ParkingLot}). */
        public final boolean isServed() {
            return state == SERVED;
        }

        /** Whether it was refused: the primitive was broken, closed or shut down. */
        public final boolean isRefused() {
            return state == REFUSED;
        }

        /**
         * Whether {@link ParkingLot#serveFirst} passed it over because its task's cancellation was
         * pending: it was not served and is no longer in line.
         */
        public final boolean isPassed() {
            return state == PASSED;
        }

        /** Whether it still waits in a lot. */
        public final boolean inLine() {
            return lot != null;
        }

        /**
         * Marks it served with {@code value}, taking it out of its lot if it is in one. Does not
         * wake it.
         *
         * @throws IllegalStateException if it was already served, refused or passed over
         */
        public final void serve(V value) {
            leave();
            this.value = value;
            state = SERVED;
        }

        /**
         * Marks it refused, taking it out of its lot if it is in one. Does not wake it.
         *
         * @throws IllegalStateException if it was already served, refused or passed over
         */
        public final void refuse() {
            leave();
            state = REFUSED;
        }

        private void leave() {
            if (state != WAITING) {
                throw new IllegalStateException("this waiter was already " + stateName());
            }
            if (lot != null) {
                lot.unlink(this);
            }
        }

        private String stateName() {
            return switch (state) {
                case SERVED -> "served";
                case REFUSED -> "refused";
                case PASSED -> "passed over";
                default -> "waiting";
            };
        }

        @Override
        public String toString() {
            return "Waiter[" + (task != null ? task.getName() : "thread") + ", " + stateName() + "]";
        }
    }

    /** Whether nobody waits. */
    public boolean isEmpty() {
        return head == null;
    }

    /** The number of waiters in line. */
    public int size() {
        return size;
    }

    // ---- loop-local waiting and waking ----

    /**
     * Parks the current task at the end of the line until it is served, refused or passed over, and
     * returns its waiter; check {@link Waiter#isServed()}, {@link Waiter#isRefused()} or {@link
     * Waiter#isPassed()}. The waiter carries {@code value} until a waker hands it another.
     *
     * <p><b>Cancellation.</b> Throws {@link CancelledError} when the task's cancellation is pending
     * before it parks or before it is served (it leaves the line; nothing was handed to it). A
     * waiter served and then cancelled returns served with the cancellation pending; see {@link
     * ParkingLot}.
     *
     * @param operation named in the error when the caller is not a task
     * @throws IllegalStateException when the caller is not a task of a running loop
     */
    public Waiter<V> park(String operation, V value) {
        Task<?> me = Parking.currentTask(operation);
        Parking.checkCancelled(me);
        Waiter<V> w = new Waiter<>(me, value);
        add(w);
        Parking.park(me);
        if (w.state == WAITING && !waitedInLine(w)) {
            // Here, not in waitedInLine (see there); w.task, not me, which would then have to be
            // kept in every parked frame.
            throw Parking.cancelledError(w.task);
        }
        if (w.state == PASSED) {
            resumePassed(w);
        }
        return w;
    }

    /**
     * Parks again until {@code w} is no longer waiting; false (and {@code w} out of line) when the
     * task's cancellation ends the wait first. The caller throws: this method is rarely run until a
     * mass cancellation (a closing loop) resumes every parked waiter, so it is compiled apart from
     * park, whose frame is the one frozen and resumed; a throw here would send each cancelled waiter
     * through the JVM's exception dispatch, where a throw in park's frame is a jump to the task's
     * handler.
     */
    private boolean waitedInLine(Waiter<V> w) {
        Task<?> me = w.task;
        while (w.state == WAITING) {
            if (Parking.cancelPending(me)) {
                unlink(w);
                return false;
            }
            Parking.park(me);
        }
        return true;
    }

    private static void resumePassed(Waiter<?> w) {
        if (Parking.cancelPending(w.task)) {
            throw Parking.cancelledError(w.task);
        }
    }

    /**
     * Serves the first waiter whose task has no pending cancellation: takes it out of line, hands it
     * {@code value} and wakes it. Waiters before it whose task's cancellation is pending are passed
     * over (they leave the line and throw {@link CancelledError} when they resume). Loop-local
     * waiters only.
     *
     * @return the waiter served, or null when no waiter could be
     */
    public Waiter<V> serveFirst(V value) {
        return serveFirst(true, value);
    }

    /**
     * Serves the first waiter as {@link #serveFirst(Object)} does, leaving it the value it carries
     * (the item a blocked producer offered).
     *
     * @return the waiter served, or null when no waiter could be
     */
    public Waiter<V> serveFirst() {
        return serveFirst(false, null);
    }

    private Waiter<V> serveFirst(boolean hand, V value) {
        Waiter<V> w;
        while ((w = head) != null) {
            unlink(w);
            if (w.task != null && Parking.cancelPending(w.task)) {
                w.state = PASSED;
                continue;
            }
            if (hand) {
                w.value = value;
            }
            w.state = SERVED;
            if (w.task != null) {
                Parking.unpark(w.task);
            }
            return w;
        }
        return null;
    }

    /**
     * Serves and wakes every waiter in line order, those with a pending cancellation too (nothing is
     * taken from anyone; they see their cancellation when they resume). Loop-local waiters only.
     *
     * @return the number of waiters served
     */
    public int serveAll() {
        int n = 0;
        Waiter<V> w;
        while ((w = head) != null) {
            unlink(w);
            w.state = SERVED;
            if (w.task != null) {
                Parking.unpark(w.task);
            }
            n++;
        }
        return n;
    }

    /**
     * Refuses and wakes every waiter: the primitive was broken, closed or shut down. Loop-local
     * waiters only.
     *
     * @return the number of waiters refused
     */
    public int refuseAll() {
        int n = 0;
        Waiter<V> w;
        while ((w = head) != null) {
            unlink(w);
            w.state = REFUSED;
            if (w.task != null) {
                Parking.unpark(w.task);
            }
            n++;
        }
        return n;
    }

    // ---- building blocks ----

    /**
     * Puts {@code waiter} at the end of the line.
     *
     * @throws IllegalStateException if it is already in a line, or was served, refused or passed
     *     over
     */
    public void add(Waiter<V> waiter) {
        if (waiter.lot != null || waiter.state != WAITING) {
            throw new IllegalStateException(
                    "a waiter joins a line once: " + waiter + (waiter.lot != null ? " is in line" : ""));
        }
        waiter.lot = this;
        Waiter<V> t = tail;
        waiter.prev = t;
        if (t == null) {
            head = waiter;
        } else {
            t.next = waiter;
        }
        tail = waiter;
        size++;
    }

    /**
     * Takes {@code waiter} out of the line, wherever it stands, in O(1).
     *
     * @return false if it was not in this lot
     */
    public boolean remove(Waiter<V> waiter) {
        if (waiter.lot != this) {
            return false;
        }
        unlink(waiter);
        return true;
    }

    /** The first waiter in line, or null; it stays in line. */
    public Waiter<V> peekFirst() {
        return head;
    }

    /**
     * Takes the first waiter out of the line, unchanged (still waiting: serve or refuse it, then
     * wake it), or returns null.
     */
    public Waiter<V> pollFirst() {
        Waiter<V> w = head;
        if (w != null) {
            unlink(w);
        }
        return w;
    }

    private void unlink(Waiter<V> w) {
        Waiter<V> p = w.prev;
        Waiter<V> n = w.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        w.prev = null;
        w.next = null;
        w.lot = null;
        size--;
    }

    @Override
    public String toString() {
        return "ParkingLot[waiters=" + size + "]";
    }
}
