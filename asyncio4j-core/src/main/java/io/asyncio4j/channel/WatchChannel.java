package io.asyncio4j.channel;

import io.asyncio4j.lowlevel.ParkingLot;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A value that changes, watched from any loops or threads: Tokio's {@code watch}. Senders replace
 * the value; each watcher can read the latest value at any time and wait until it changes.
 * Intermediate values a watcher did not look at in time are skipped: only the latest matters
 * (configuration, health state, progress).
 *
 * {@snippet :
 * WatchChannel<String> status = new WatchChannel<>("starting");
 * WatchChannel.Watcher<String> w = status.watch();
 * status.send("ready");
 * String now = w.changed(); // "ready"
 * }
 *
 * @param <T> the value type
 */
public final class WatchChannel<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private T value;
    private long version;
    private boolean closed;
    private final ParkingLot<T> waiting = new ParkingLot<>();

    /** A channel holding {@code initial}. */
    public WatchChannel(T initial) {
        this.value = Objects.requireNonNull(initial, "initial");
    }

    /** The current value. */
    public T get() {
        lock.lock();
        try {
            return value;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the value and wakes every watcher waiting for a change.
     *
     * @throws ChannelClosedException if the channel is closed
     */
    public void send(T newValue) {
        Objects.requireNonNull(newValue, "newValue");
        List<Parker<T>> toWake;
        lock.lock();
        try {
            if (closed) {
                throw new ChannelClosedException("the channel is closed");
            }
            value = newValue;
            version++;
            toWake = Parker.serveAll(waiting);
        } finally {
            lock.unlock();
        }
        toWake.forEach(Parker::wake);
    }

    /** Closes the channel: watchers waiting for a change get {@link ChannelClosedException}. */
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

    /** A watcher that has seen the current value. */
    public Watcher<T> watch() {
        lock.lock();
        try {
            return new Watcher<>(this, version);
        } finally {
            lock.unlock();
        }
    }

    /** One watcher of a {@link WatchChannel}: remembers the last version it saw. */
    public static final class Watcher<T> {
        private final WatchChannel<T> channel;
        private long seen;

        private Watcher(WatchChannel<T> channel, long seen) {
            this.channel = channel;
            this.seen = seen;
        }

        /** The latest value, marking it seen. */
        public T get() {
            WatchChannel<T> c = channel;
            c.lock.lock();
            try {
                seen = c.version;
                return c.value;
            } finally {
                c.lock.unlock();
            }
        }

        /**
         * Waits until the value changes after the last one this watcher saw, then returns the
         * latest value (returns at once if it already changed).
         *
         * <p><b>Cancellation.</b> Stops waiting with {@link io.asyncio4j.CancelledError}; the
         * change is not consumed.
         *
         * @throws ChannelClosedException if the channel closed without a newer value
         */
        public T changed() {
            WatchChannel<T> c = channel;
            while (true) {
                Parker<T> me;
                c.lock.lock();
                try {
                    if (c.version != seen) {
                        seen = c.version;
                        return c.value;
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
