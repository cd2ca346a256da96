package io.asyncio4j.channel;

import io.asyncio4j.lowlevel.ParkingLot;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A channel where every subscriber receives every message, for any loops or threads: Tokio's
 * {@code broadcast}. Sending never waits: the channel keeps the last {@code capacity} messages, and a
 * subscriber that falls further behind gets a {@link LaggedException} saying how many it missed,
 * then continues with the oldest message kept.
 *
 * {@snippet :
 * BroadcastChannel<String> news = new BroadcastChannel<>(64);
 * BroadcastChannel.Subscription<String> mine = news.subscribe();
 * news.send("hello");
 * String first = mine.receive(); // "hello"
 * }
 *
 * @param <T> the message type
 */
public final class BroadcastChannel<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Object[] ring;
    /** Sequence number of the next message to be sent. */
    private long tail;

    private boolean closed;
    private final ParkingLot<T> waiting = new ParkingLot<>();

    /**
     * A channel that keeps the last {@code capacity} messages for slow subscribers.
     *
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public BroadcastChannel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("broadcast capacity must be at least 1: " + capacity);
        }
        this.ring = new Object[capacity];
    }

    /** A subscription that receives the messages sent from now on. */
    public Subscription<T> subscribe() {
        lock.lock();
        try {
            return new Subscription<>(this, tail);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code message} to every subscription; never waits.
     *
     * @throws ChannelClosedException if the channel is closed
     */
    public void send(T message) {
        Objects.requireNonNull(message, "message");
        List<Parker<T>> toWake;
        lock.lock();
        try {
            if (closed) {
                throw new ChannelClosedException("the channel is closed");
            }
            ring[(int) (tail % ring.length)] = message;
            tail++;
            toWake = Parker.serveAll(waiting);
        } finally {
            lock.unlock();
        }
        toWake.forEach(Parker::wake);
    }

    /** Closes the channel: subscriptions get what is left, then {@link ChannelClosedException}. */
    public void close() {
        List<Parker<T>> toWake;
        lock.lock();
        try {
            closed = true;
            toWake = Parker.serveAll(waiting);
        } finally {
            lock.unlock();
        }
        toWake.forEach(Parker::wake);
    }

    /** One subscriber's position in a {@link BroadcastChannel}. */
    public static final class Subscription<T> {
        private final BroadcastChannel<T> channel;
        private long next;

        private Subscription(BroadcastChannel<T> channel, long next) {
            this.channel = channel;
            this.next = next;
        }

        /**
         * The next message, waiting until one is sent.
         *
         * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}; the
         * subscription keeps its position, so nothing is skipped.
         *
         * @throws LaggedException if messages were overwritten before this subscription read them
         * @throws ChannelClosedException once the channel is closed and this subscription has read
         *     everything
         */
        @SuppressWarnings("unchecked")
        public T receive() {
            BroadcastChannel<T> c = channel;
            while (true) {
                Parker<T> me;
                c.lock.lock();
                try {
                    long oldest = c.tail - c.ring.length;
                    if (next < oldest) {
                        long missed = oldest - next;
                        next = oldest;
                        throw new LaggedException(missed);
                    }
                    if (next < c.tail) {
                        return (T) c.ring[(int) (next++ % c.ring.length)];
                    }
                    if (c.closed) {
                        throw new ChannelClosedException("the channel is closed");
                    }
                    me = Parker.forCurrent(null);
                    c.waiting.add(me);
                } finally {
                    c.lock.unlock();
                }
                Parker.await(me, c.lock, c.waiting);
            }
        }
    }
}
