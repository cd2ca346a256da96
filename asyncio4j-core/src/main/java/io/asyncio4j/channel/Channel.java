package io.asyncio4j.channel;

import io.asyncio4j.lowlevel.ParkingLot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded channel for many senders and receivers on any loops or threads: Kotlin's {@code
 * Channel}, Tokio's {@code mpsc}. A task that waits parks on its own loop; a plain thread blocks.
 *
 * {@snippet :
 * Channel<Job> jobs = new Channel<>(100);
 * // a legacy thread feeds a loop
 * Thread.ofPlatform().start(() -> {
 *     for (Job j : legacySource()) {
 *         jobs.send(j); // blocks this thread while the channel is full
 *     }
 *     jobs.close();
 * });
 * // a task of some loop consumes
 * for (Job j : jobs) { // ends when the channel is closed and drained
 *     handle(j);
 * }
 * }
 *
 * <p>Items are handed over in FIFO order; waiting senders and receivers are served in FIFO order.
 * {@code null} items are not allowed.
 *
 * @param <T> the item type
 */
public final class Channel<T> implements Iterable<T> {
    /*
     * Implementation overview. One ReentrantLock guards the buffer and both waiter queues; it is
     * held only for a few field updates, never while parking or waking. A send with a receiver
     * waiting hands the item straight to it (served under the lock), and a receive with a sender
     * waiting takes its item; the waiter is woken after the lock is released, through its loop's
     * callSoonThreadsafe (a task of another loop), a direct unpark (a task of the caller's loop) or
     * LockSupport (a plain thread). A waiter served and then cancelled completes its operation, so
     * no item is ever lost or duplicated.
     */
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final ParkingLot<T> senders = new ParkingLot<>();
    private final ParkingLot<T> receivers = new ParkingLot<>();
    private boolean closed;

    /**
     * A channel holding at most {@code capacity} items; 0 makes a rendezvous channel (a send waits
     * for its receiver).
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public Channel(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("channel capacity must be 0 or more: " + capacity);
        }
        this.capacity = capacity;
    }

    /** What {@link #offerLocked} did with an item when the channel had no room. */
    private static final Object NO_ROOM = new Object();

    /** Nothing to wake: the item went into the buffer. */
    private static final Object BUFFERED = new Object();

    /**
     * Sends {@code item}, waiting while the channel is full.
     *
     * <p><b>Cancellation.</b> If the waiting task is cancelled (or the waiting thread interrupted),
     * the item is not sent and {@link io.asyncio4j.CancelledError} is thrown: a receiver on the
     * sender's loop, or a thread, passes over a sender whose cancellation (interrupt) is pending —
     * unless a receiver already took the item, in which case {@code send} returns normally and the
     * cancellation is thrown at the next suspension point.
     *
     * @throws ChannelClosedException if the channel is closed (before or while waiting)
     */
    public void send(T item) {
        Objects.requireNonNull(item, "item");
        while (true) {
            Object done;
            Parker<T> me = null;
            lock.lock();
            try {
                done = offerLocked(item);
                if (done == NO_ROOM) {
                    me = Parker.forCurrent(item);
                    senders.add(me);
                }
            } finally {
                lock.unlock();
            }
            if (me == null) {
                wakeIfParker(done);
                return;
            }
            if (Parker.await(me, lock, senders)) {
                return;
            }
            // passed over while a cancellation stood that was then withdrawn: try again
        }
    }

    /**
     * Sends {@code item} if that needs no waiting.
     *
     * @return false if the channel is full
     * @throws ChannelClosedException if the channel is closed
     */
    public boolean trySend(T item) {
        Objects.requireNonNull(item, "item");
        Object done;
        lock.lock();
        try {
            done = offerLocked(item);
        } finally {
            lock.unlock();
        }
        wakeIfParker(done);
        return done != NO_ROOM;
    }

    /**
     * Under the lock: hands {@code item} to the first waiting receiver (returned, to be woken), or
     * buffers it ({@link #BUFFERED}), or finds no room ({@link #NO_ROOM}).
     */
    private Object offerLocked(T item) {
        if (closed) {
            throw closedError();
        }
        Parker<T> receiver = Parker.pollServable(receivers);
        if (receiver != null) {
            receiver.serve(item);
            return receiver;
        }
        if (buffer.size() < capacity) {
            buffer.addLast(item);
            return BUFFERED;
        }
        return NO_ROOM;
    }

    private static void wakeIfParker(Object o) {
        if (o instanceof Parker<?> p) {
            p.wake();
        }
    }

    /**
     * Receives the next item, waiting while the channel is empty.
     *
     * <p><b>Cancellation.</b> If the waiting task is cancelled (or the thread interrupted), nothing
     * is taken and {@link io.asyncio4j.CancelledError} is thrown: a sender on the receiver's loop,
     * or a thread, passes over a receiver whose cancellation (interrupt) is pending — unless an
     * item was already handed to it (by a sender that could not see the cancellation yet: another
     * loop or thread), in which case {@code receive} returns it and the cancellation is thrown at
     * the next suspension point.
     *
     * @throws ChannelClosedException once the channel is closed and drained
     */
    public T receive() {
        while (true) {
            Taken<T> taken;
            Parker<T> me = null;
            lock.lock();
            try {
                taken = takeLocked();
                if (taken == null) {
                    me = Parker.forCurrent(null);
                    receivers.add(me);
                }
            } finally {
                lock.unlock();
            }
            if (me == null) {
                return taken.deliver();
            }
            if (Parker.await(me, lock, receivers)) {
                return me.value();
            }
            // passed over while a cancellation stood that was then withdrawn: try again
        }
    }

    /**
     * Receives an item if one is there without waiting.
     *
     * @return the item, or null if the channel is empty (and not closed)
     * @throws ChannelClosedException once the channel is closed and drained
     */
    public T tryReceive() {
        Taken<T> taken;
        lock.lock();
        try {
            taken = takeLocked();
        } finally {
            lock.unlock();
        }
        return taken == null ? null : taken.deliver();
    }

    /** An item taken under the lock, and the sender to wake once the lock is released. */
    private record Taken<T>(T item, Parker<T> sender) {
        T deliver() {
            if (sender != null) {
                sender.wake();
            }
            return item;
        }
    }

    /**
     * Under the lock: takes the first buffered item (letting the first waiting sender refill the
     * buffer) or a waiting sender's item; null when there is none.
     *
     * @throws ChannelClosedException if the channel is closed and drained
     */
    private Taken<T> takeLocked() {
        T item = buffer.pollFirst();
        if (item != null) {
            Parker<T> sender = Parker.pollServable(senders);
            if (sender != null) {
                buffer.addLast(sender.value());
                sender.serve(null);
            }
            return new Taken<>(item, sender);
        }
        Parker<T> sender = Parker.pollServable(senders);
        if (sender != null) {
            item = sender.value();
            sender.serve(null);
            return new Taken<>(item, sender);
        }
        if (closed) {
            throw closedError();
        }
        return null;
    }

    /**
     * Closes the channel: later sends throw {@link ChannelClosedException}; receivers get the items
     * still buffered, then {@link ChannelClosedException}. Waiting senders and (if nothing is left)
     * waiting receivers wake with it. Closing twice is harmless.
     */
    public void close() {
        List<Parker<T>> toWake = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Parker.refuseAll(senders, toWake);
            Parker.refuseAll(receivers, toWake);
        } finally {
            lock.unlock();
        }
        toWake.forEach(Parker::wake);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** The number of buffered items. */
    public int size() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    /** The capacity given at construction. */
    public int capacity() {
        return capacity;
    }

    /**
     * The items as they are received, until the channel is closed and drained. {@code hasNext()}
     * waits (see {@link #receive()}).
     */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = receive();
                    } catch (ChannelClosedException e) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the channel is closed");
                }
                T item = next;
                next = null;
                return item;
            }
        };
    }

    private static ChannelClosedException closedError() {
        return new ChannelClosedException("the channel is closed");
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Channel[capacity=" + capacity + ", size=" + buffer.size() + ", senders waiting=" + senders.size()
                    + ", receivers waiting=" + receivers.size() + (closed ? ", closed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }
}
