package io.asyncio4j.queue;

import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.LoopBinding;
import io.asyncio4j.lowlevel.Parking;
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
     * Items live in the storage of the subclass (store/take/count). Blocked getters and putters wait
     * in FIFO deques of Waiter nodes. A put with a getter waiting hands the item straight to the
     * first getter (no detour through the storage; this is what makes a Queue(1) ping-pong cost one
     * park per message); a get from a full queue moves the first blocked putter's item into the
     * storage. A waiter is "served" (its node's `served` set) before it is woken, so a task that is
     * cancelled after being served still completes its operation: the item or the slot is never
     * lost, and the cancellation is seen at the task's next suspension point.
     *
     * Loop thread only: no locks, no atomics. Guarded by W2 and the JMH benchmark QueueBench.
     */
    private final int maxsize;
    private final LoopBinding binding = new LoopBinding("Queue");
    private final ArrayDeque<Waiter<T>> getters = new ArrayDeque<>();
    private final ArrayDeque<Waiter<T>> putters = new ArrayDeque<>();
    private ArrayDeque<Task<?>> joiners;
    private int unfinished;
    /**
     * Items handed to a waiting getter that has not resumed yet. They still count as queued (for
     * qsize, full and the bound), as in asyncio, where the item waits in the queue for its getter.
     */
    private int inFlight;

    private boolean shutDown;
    private ArrayDeque<T> fifo;

    /** A blocked get or put. */
    private static final class Waiter<T> {
        final Task<?> task;
        T item;
        boolean served;
        boolean shutDown;

        Waiter(Task<?> task, T item) {
            this.task = task;
            this.item = item;
        }
    }

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
     * {@link io.asyncio4j.CancelledError} is thrown — unless a getter already took the item or a slot
     * was already given to it, in which case {@code put} returns normally (the item is in the queue)
     * and the cancellation is thrown at the next suspension point.
     *
     * @throws QueueShutDown if the queue was shut down
     */
    public final void put(T item) {
        bind("put");
        if (shutDown) {
            throw shutDownError();
        }
        if (putters.isEmpty() && (maxsize == 0 || count() + inFlight < maxsize)) {
            deliver(item);
            return;
        }
        Task<?> me = Parking.currentTask("Queue.put");
        Parking.checkCancelled(me);
        Waiter<T> w = new Waiter<>(me, item);
        putters.addLast(w);
        Parking.park(me);
        if (!w.served) {
            putSlow(w);
        }
    }

    private void putSlow(Waiter<T> w) {
        while (!w.served) {
            if (w.shutDown) {
                throw shutDownError();
            }
            if (Parking.cancelPending(w.task)) {
                putters.remove(w);
                throw Parking.cancelledError(w.task);
            }
            Parking.park(w.task);
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
        Waiter<T> putter;
        while ((maxsize == 0 || count() + inFlight < maxsize) && (putter = putters.pollFirst()) != null) {
            T item = putter.item;
            putter.item = null;
            putter.served = true;
            deliver(item);
            Parking.unpark(putter.task);
        }
    }

    /** Puts an accepted item: to the first waiting getter, else into the storage. */
    private void deliver(T item) {
        unfinished++;
        Waiter<T> getter = getters.pollFirst();
        if (getter != null) {
            getter.item = item;
            getter.served = true;
            inFlight++;
            Parking.unpark(getter.task);
        } else {
            store(item);
        }
    }

    // ---- get ----

    /**
     * Removes and returns the first item, parking while the queue is empty.
     *
     * <p><b>Cancellation.</b> If the task is cancelled while parked, nothing is taken and {@link
     * io.asyncio4j.CancelledError} is thrown — unless an item was already handed to it, in which case
     * {@code get} returns the item (it is never lost) and the cancellation is thrown at the next
     * suspension point.
     *
     * @throws QueueShutDown if the queue was shut down and is empty
     */
    public final T get() {
        bind("get");
        if (count() > 0) {
            return takeAndRefill();
        }
        if (shutDown) {
            throw shutDownError();
        }
        Task<?> me = Parking.currentTask("Queue.get");
        Parking.checkCancelled(me);
        Waiter<T> w = new Waiter<>(me, null);
        getters.addLast(w);
        Parking.park(me);
        if (!w.served) {
            getSlow(w);
        }
        inFlight--;
        if (!putters.isEmpty()) {
            admitPutters();
        }
        return w.item;
    }

    private void getSlow(Waiter<T> w) {
        while (!w.served) {
            if (w.shutDown) {
                throw shutDownError();
            }
            if (Parking.cancelPending(w.task)) {
                getters.remove(w);
                throw Parking.cancelledError(w.task);
            }
            Parking.park(w.task);
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
        Waiter<T> putter = putters.pollFirst();
        if (putter != null) {
            unfinished++;
            store(putter.item);
            putter.item = null;
            putter.served = true;
            Parking.unpark(putter.task);
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
        if (--unfinished == 0) {
            wakeJoiners();
        }
    }

    /**
     * Parks until every item put has been taken and marked with {@link #taskDone()}.
     *
     * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}; the queue is
     * not changed.
     */
    public final void join() {
        bind("join");
        if (unfinished == 0) {
            return;
        }
        Task<?> me = Parking.currentTask("Queue.join");
        Parking.checkCancelled(me);
        if (joiners == null) {
            joiners = new ArrayDeque<>();
        }
        joiners.addLast(me);
        Parking.park(me);
        while (unfinished > 0) {
            if (Parking.cancelPending(me)) {
                joiners.remove(me);
                throw Parking.cancelledError(me);
            }
            Parking.park(me);
        }
    }

    private void wakeJoiners() {
        if (joiners != null) {
            Task<?> t;
            while ((t = joiners.pollFirst()) != null) {
                Parking.unpark(t);
            }
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
            int dropped = count();
            clearStorage();
            unfinished = Math.max(0, unfinished - dropped);
            if (unfinished == 0) {
                wakeJoiners();
            }
        }
        failAll(putters);
        if (count() == 0) {
            failAll(getters);
        }
    }

    private void failAll(ArrayDeque<Waiter<T>> waiters) {
        Waiter<T> w;
        while ((w = waiters.pollFirst()) != null) {
            w.shutDown = true;
            Parking.unpark(w.task);
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
