package io.asyncio4j.queue;

import io.asyncio4j.lowlevel.LoopBinding;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.lowlevel.ParkingLot;
import java.util.ArrayDeque;

/**
 * A first-in first-out queue for the tasks of one loop: asyncio's {@code asyncio.Queue}.
 *
 * {@snippet :
 * Queue<String> queue = new Queue<>(10);
 * Asyncio.createTask(() -> {
 *     for (String url : urls) {
 *         queue.put(url); // parks while the queue is full
 *     }
 *     queue.shutdown();
 * });
 * try {
 *     while (true) {
 *         String url = queue.get(); // parks while the queue is empty
 *         fetch(url);
 *         queue.taskDone();
 *     }
 * } catch (QueueShutDown done) {
 *     // the producer is finished and everything was consumed
 * }
 * }
 *
 * <p>The queue belongs to the loop of the first task that uses it; using it from another loop or a
 * plain thread fails with {@link IllegalStateException}. Waiting tasks are served in FIFO order.
 *
 * @param <T> the item type
 */
public sealed class Queue<T> permits PriorityQueue, LifoQueue {
    /*
     * Implementation overview.
     *
     * Items live in the storage of the subclass (store/restore/take/count). Blocked getters,
     * putters and joiners wait in ParkingLots (FIFO, O(1) to leave). A put with a getter waiting
     * hands the item straight to the first getter (no detour through the storage; this is what
     * makes a Queue(1) ping-pong cost one park per message); a get from a full queue moves the
     * first blocked putter's item into the storage. A waiter is served before it is woken, and a
     * waiter whose task's cancellation is pending is passed over, so what is handed out reaches a
     * task that will use it.
     *
     * A getter handed an item and cancelled before it resumed gives the item back (to the next
     * getter, else to the head of the storage) and throws: get is cancel-safe, as asyncio's. A
     * putter served and then cancelled keeps its put (a getter may have taken the item already);
     * the cancellation is thrown at its next suspension point.
     *
     * join is an event: the taskDone that brings `unfinished` to 0 serves every joiner, so a put
     * that follows before a joiner resumes cannot strand it.
     *
     * Loop thread only: no locks, no atomics. Guarded by W2 and the JMH benchmarks QueueBench and
     * WaiterBench.
     */
    private final int maxsize;
    private final LoopBinding binding = new LoopBinding("Queue");
    private final ParkingLot<T> getters = new ParkingLot<>();
    private final ParkingLot<T> putters = new ParkingLot<>();
    private ParkingLot<Void> joiners;
    private int unfinished;
    /**
     * Items handed to a waiting getter that has not resumed yet. They still count as queued (for
     * qsize, full and the bound), as in asyncio, where the item waits in the queue for its getter.
     */
    private int inFlight;

    private boolean shutDown;
    /** Set by shutdown(true): an item given back by a cancelled getter is dropped, not stored. */
    private boolean dropping;

    private ArrayDeque<T> fifo;

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /**
     * A queue that holds at most {@code maxsize} items; {@code 0} or less means unbounded (as
     * asyncio).
     */
    public Queue(int maxsize) {
        this.maxsize = Math.max(0, maxsize);
    }

    // ---- storage: FIFO here, overridden by PriorityQueue and LifoQueue ----

    void store(T item) {
        if (fifo == null) {
            fifo = new ArrayDeque<>();
        }
        fifo.addLast(item);
    }

    /** Puts back an item taken from the head, so that it is the next one taken. */
    void restore(T item) {
        if (fifo == null) {
            fifo = new ArrayDeque<>();
        }
        fifo.addFirst(item);
    }

    T take() {
        return fifo.pollFirst();
    }

    int count() {
        return fifo == null ? 0 : fifo.size();
    }

    void clearStorage() {
        if (fifo != null) {
            fifo.clear();
        }
    }

    // ---- queries ----

    /** The bound given at construction; 0 when unbounded. */
    public final int maxsize() {
        return maxsize;
    }

    /** The number of items in the queue. */
    public final int qsize() {
        bind("qsize");
        return count() + inFlight;
    }

    /** Whether the queue holds no item. */
    public final boolean empty() {
        return qsize() == 0;
    }

    /** Whether a bounded queue holds {@link #maxsize()} items. */
    public final boolean full() {
        return maxsize > 0 && qsize() >= maxsize;
    }

    /** Whether {@link #shutdown} was called. */
    public final boolean isShutDown() {
        bind("isShutDown");
        return shutDown;
    }

    // ---- put ----

    /**
     * Adds {@code item}, parking while the queue is full.
     *
     * <p><b>Cancellation.</b> If the task is cancelled while parked, the item is not added and
     * {@link io.asyncio4j.CancelledError} is thrown; a putter whose cancellation is pending is passed
     * over when room opens. If room was given to it before the cancellation arrived, {@code put}
     * returns normally (the item is in the queue, and a getter may already have it) and the
     * cancellation is thrown at the next suspension point.
     *
     * @throws QueueShutDown if the queue was shut down
     */
    public final void put(T item) {
        bind("put");
        while (true) {
            if (shutDown) {
                throw shutDownError();
            }
            if (putters.isEmpty() && (maxsize == 0 || count() + inFlight < maxsize)) {
                deliver(item);
                return;
            }
            ParkingLot.Waiter<T> w = putters.park("Queue.put", item);
            if (w.isServed()) {
                return;
            }
            if (w.isRefused()) {
                throw shutDownError();
            }
            // passed over while a cancellation stood that was then withdrawn: try again
        }
    }

    /**
     * Adds {@code item} without waiting.
     *
     * @throws QueueFull if a bounded queue is full
     * @throws QueueShutDown if the queue was shut down
     */
    public final void putNowait(T item) {
        bind("putNowait");
        if (shutDown) {
            throw shutDownError();
        }
        if (maxsize > 0 && count() + inFlight >= maxsize) {
            throw new QueueFull("queue is full (maxsize " + maxsize + ")");
        }
        deliver(item);
    }

    /** Lets blocked putters in while there is room (after an in-flight item reached its getter). */
    private void admitPutters() {
        ParkingLot.Waiter<T> putter;
        while ((maxsize == 0 || count() + inFlight < maxsize) && (putter = putters.serveFirst()) != null) {
            deliver(putter.value());
        }
    }

    /** Puts an accepted item: to the first waiting getter, else into the storage. */
    private void deliver(T item) {
        unfinished++;
        if (getters.serveFirst(item) != null) {
            inFlight++;
        } else {
            store(item);
        }
    }

    // ---- get ----

    /**
     * Removes and returns the first item, parking while the queue is empty.
     *
     * <p><b>Cancellation.</b> If the task is cancelled while parked, nothing is taken and {@link
     * io.asyncio4j.CancelledError} is thrown. That holds also when an item was handed to it just
     * before the cancellation: the item goes to the next waiting getter, or back to the head of the
     * queue, so no item is ever lost.
     *
     * @throws QueueShutDown if the queue was shut down and is empty
     */
    public final T get() {
        bind("get");
        while (true) {
            if (count() > 0) {
                return takeAndRefill();
            }
            if (shutDown) {
                throw shutDownError();
            }
            ParkingLot.Waiter<T> w = getters.park("Queue.get", null);
            if (w.isServed()) {
                inFlight--;
                T item = w.value();
                if (Parking.cancelPending(w.task())) {
                    giveBack(item);
                    throw Parking.cancelledError(w.task());
                }
                if (!putters.isEmpty()) {
                    admitPutters();
                }
                return item;
            }
            if (w.isRefused()) {
                throw shutDownError();
            }
            // passed over while a cancellation stood that was then withdrawn: try again
        }
    }

    /** An item handed to a getter that was cancelled before it resumed: to the next getter, or back. */
    private void giveBack(T item) {
        if (getters.serveFirst(item) != null) {
            inFlight++;
        } else if (dropping) {
            taskDoneUnchecked();
        } else {
            restore(item);
        }
    }

    /**
     * Removes and returns the first item without waiting.
     *
     * @throws QueueEmpty if the queue is empty
     * @throws QueueShutDown if the queue was shut down and is empty
     */
    public final T getNowait() {
        bind("getNowait");
        if (count() > 0) {
            return takeAndRefill();
        }
        if (shutDown) {
            throw shutDownError();
        }
        throw new QueueEmpty("queue is empty");
    }

    private T takeAndRefill() {
        T item = take();
        ParkingLot.Waiter<T> putter = putters.serveFirst();
        if (putter != null) {
            unfinished++;
            store(putter.value());
        }
        return item;
    }

    // ---- task accounting ----

    /**
     * Tells the queue that one item taken with {@code get} has been processed; when every item put
     * has been, {@link #join()} returns.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public final void taskDone() {
        bind("taskDone");
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called more times than there were items");
        }
        taskDoneUnchecked();
    }

    private void taskDoneUnchecked() {
        if (--unfinished == 0) {
            wakeJoiners();
        }
    }

    /**
     * Parks until every item put has been taken and marked with {@link #taskDone()}. As asyncio's,
     * it waits for the moment the count of unfinished items reaches zero: a joiner released then
     * returns even if an item is put again before it resumes.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}; the queue is
     * not changed.
     */
    public final void join() {
        bind("join");
        if (unfinished == 0) {
            return;
        }
        if (joiners == null) {
            joiners = new ParkingLot<>();
        }
        ParkingLot.Waiter<Void> w = joiners.park("Queue.join", null);
        if (Parking.cancelPending(w.task())) {
            throw Parking.cancelledError(w.task());
        }
    }

    private void wakeJoiners() {
        if (joiners != null) {
            joiners.serveAll();
        }
    }

    // ---- shutdown ----

    /** Like {@link #shutdown(boolean)} with {@code immediate} false. */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (asyncio 3.13): every later {@code put} throws {@link QueueShutDown}, and
     * so does {@code get} once the queue is empty. Blocked putters and, if the queue is empty,
     * blocked getters wake with {@link QueueShutDown}. With {@code immediate}, the items still queued
     * are dropped (counted as done for {@link #join()}) and every blocked getter wakes with {@link
     * QueueShutDown}.
     */
    public final void shutdown(boolean immediate) {
        bind("shutdown");
        shutDown = true;
        if (immediate) {
            dropping = true;
            int dropped = count();
            clearStorage();
            unfinished = Math.max(0, unfinished - dropped);
            if (unfinished == 0) {
                wakeJoiners();
            }
        }
        putters.refuseAll();
        if (count() == 0) {
            getters.refuseAll();
        }
    }

    private QueueShutDown shutDownError() {
        return new QueueShutDown("the queue was shut down");
    }

    private void bind(String operation) {
        binding.check(operation);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName())
                .append("[maxsize=")
                .append(maxsize);
        sb.append(", qsize=").append(count());
        if (!getters.isEmpty()) {
            sb.append(", getters=").append(getters.size());
        }
        if (!putters.isEmpty()) {
            sb.append(", putters=").append(putters.size());
        }
        if (shutDown) {
            sb.append(", shut down");
        }
        return sb.append(']').toString();
    }
}
