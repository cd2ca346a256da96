package io.asyncio4j.internal.io;

import io.asyncio4j.internal.sched.Inbox;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The I/O driver of one loop: its selector, the {@link IoRegistration} attached to each channel's
 * key, and the select step that wakes the tasks waiting for readiness and runs the readiness
 * callbacks ({@code addReader}/{@code addWriter}). The loop calls it; it never calls the loop
 * back except through its {@link Owner} (wake a task, report an error).
 *
 * <p>The selector is opened at the first registration of a channel: until then the loop waits by
 * parking its thread, so a loop that never does I/O never pays for a selector ({@code
 * Selector.open} costs a fresh JVM a service-loader lookup, some 50 classes and milliseconds, on
 * the path of every {@code Asyncio.run}).
 *
 * <p>Threads: loop thread only, no locks. The only calls from other threads are the loop's {@code
 * Inbox}'s: {@link Selector#wakeup()} on this selector once it is open, an unpark of the loop
 * thread before.
 *
 * @param <W> the type of the waiting tasks
 */
public final class SelectorDriver<W> {
    /** What the driver asks of its loop. Loop thread. */
    public interface Owner<W> {
        /** Makes a waiting task ready again. */
        void wake(W waiter);

        /** Sends an error that nothing else handles to the loop's exception handler. */
        void reportError(String message, Throwable exception);
    }

    private final Owner<W> owner;
    /** Told of the selector once it is open, so that wake-ups go through it from then on. */
    private final Inbox inbox;
    /** Null until the first channel is registered (see the class comment). */
    private Selector selector;

    /** Handles each selected key; one object for every select, not a method reference per call. */
    private final Consumer<SelectionKey> onReady = new Consumer<>() {
        @Override
        public void accept(SelectionKey key) {
            ioReady(key);
        }
    };
    /** Readiness events handled so far; part of the loop's activity count. */
    private long events;

    public SelectorDriver(Owner<W> owner, Inbox inbox) {
        this.owner = owner;
        this.inbox = inbox;
    }

    /** The selector, opened now if it is not yet. */
    private Selector selector() throws IOException {
        Selector s = selector;
        if (s == null) {
            try {
                s = Selector.open();
            } catch (IOException e) {
                throw new IOException("cannot open a selector for the loop: " + e.getMessage(), e);
            }
            selector = s;
            inbox.useSelector(s);
        }
        return s;
    }

    /** Readiness events handled so far (each selected key counts once). */
    public long events() {
        return events;
    }

    /** Whether any channel is registered, so that a busy loop still polls for I/O. */
    public boolean hasChannels() {
        Selector s = selector;
        return s != null && !s.keys().isEmpty();
    }

    /**
     * Waits for I/O, a wake-up from the Inbox, or {@code millis}: 0 polls, negative waits until
     * woken. Without a selector yet, parks the loop thread instead (a wake-up unparks it; either
     * wait may also end early, which costs the loop one more cycle).
     */
    public void select(long millis) {
        Selector selector = this.selector;
        if (selector == null) {
            if (millis < 0 || millis > Long.MAX_VALUE / 1_000_000) {
                LockSupport.park(this);
            } else if (millis > 0) {
                LockSupport.parkNanos(this, millis * 1_000_000);
            }
            return;
        }
        try {
            if (millis == 0) {
                selector.selectNow(onReady);
            } else if (millis < 0) {
                selector.select(onReady);
            } else {
                selector.select(onReady, millis);
            }
        } catch (IOException e) {
            owner.reportError("selector failed", e);
        }
    }

    private void ioReady(SelectionKey key) {
        events++;
        if (key.attachment() instanceof IoRegistration<?> registration) {
            try {
                @SuppressWarnings("unchecked")
                IoRegistration<W> r = (IoRegistration<W>) registration;
                r.ready(key.readyOps(), owner);
            } catch (Throwable t) {
                owner.reportError("exception in an I/O readiness callback of " + key.channel(), t);
            }
        }
    }

    /**
     * Registers {@code waiter} as the task waiting for {@code channel} to be readable ({@code read})
     * or writable and returns the registration; the caller then parks until {@link
     * IoRegistration#waiter} no longer returns it.
     *
     * @throws IllegalStateException if a readiness callback or another task already waits on that
     *     direction of the channel
     */
    public IoRegistration<W> addWaiter(SelectableChannel channel, boolean read, W waiter) throws IOException {
        Selector selector = selector();
        SelectionKey key = channel.keyFor(selector);
        if (key != null && !key.isValid()) {
            selector.selectNow(onReady); // lets the selector drop the cancelled key
            key = null;
        }
        IoRegistration<W> registration;
        if (key == null) {
            key = channel.register(selector, 0);
            registration = new IoRegistration<>(key);
            key.attach(registration);
        } else {
            registration = registrationOf(key);
        }
        if (read ? registration.onReadable != null : registration.onWritable != null) {
            throw new IllegalStateException(
                    "a readiness callback already watches " + channel + " for " + (read ? "reading" : "writing"));
        }
        int ops = read
                ? (channel.validOps() & SelectionKey.OP_ACCEPT) != 0 ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ
                : (channel.validOps() & SelectionKey.OP_CONNECT) != 0
                                && channel instanceof SocketChannel sc
                                && sc.isConnectionPending()
                        ? SelectionKey.OP_CONNECT
                        : SelectionKey.OP_WRITE;
        if (read ? registration.reader != null : registration.writer != null) {
            throw new IllegalStateException(
                    "another task already waits to " + (read ? "read" : "write") + " " + channel);
        }
        if (read) {
            registration.reader = waiter;
            registration.readerOps = ops;
        } else {
            registration.writer = waiter;
            registration.writerOps = ops;
        }
        key.interestOps(key.interestOps() | ops);
        return registration;
    }

    @SuppressWarnings("unchecked")
    private IoRegistration<W> registrationOf(SelectionKey key) {
        return (IoRegistration<W>) key.attachment();
    }

    /**
     * Removes the readiness callback of {@code channel} for reading ({@code read}) or writing.
     *
     * @return whether there was one
     */
    public boolean removeCallback(SelectableChannel channel, boolean read) throws IOException {
        if (selector == null) {
            return false;
        }
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !(key.attachment() instanceof IoRegistration<?> registration)) {
            return false;
        }
        boolean had = (read ? registration.onReadable : registration.onWritable) != null;
        setCallback(channel, read, null);
        return had;
    }

    /**
     * Sets the callback run on every readiness of {@code channel} for reading ({@code read}) or
     * writing, until it is removed with a null {@code callback}: asyncio's {@code
     * add_reader}/{@code add_writer}.
     *
     * @throws IllegalStateException if a task waits on that direction of the channel
     */
    public void setCallback(SelectableChannel channel, boolean read, Runnable callback) throws IOException {
        if (selector == null && callback == null) {
            return;
        }
        Selector selector = selector();
        SelectionKey key = channel.keyFor(selector);
        if (key != null && !key.isValid()) {
            if (callback == null) {
                return;
            }
            selector.selectNow(onReady); // lets the selector drop the cancelled key
            key = null;
        }
        if (key == null) {
            if (callback == null) {
                return;
            }
            key = channel.register(selector, 0);
            key.attach(new IoRegistration<W>(key));
        }
        IoRegistration<W> registration = registrationOf(key);
        int ops = read
                ? (channel.validOps() & SelectionKey.OP_ACCEPT) != 0 ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ
                : SelectionKey.OP_WRITE;
        if (callback == null) {
            if (read) {
                registration.onReadable = null;
            } else {
                registration.onWritable = null;
            }
            if ((read ? registration.reader : registration.writer) == null) {
                key.interestOps(key.interestOps() & ~ops);
            }
            return;
        }
        if (read ? registration.reader != null : registration.writer != null) {
            throw new IllegalStateException("a task already waits to " + (read ? "read" : "write") + " " + channel
                    + "; it cannot also have a readiness callback");
        }
        if (read) {
            registration.onReadable = callback;
        } else {
            registration.onWritable = callback;
        }
        key.interestOps(key.interestOps() | ops);
    }

    /**
     * Deregisters {@code channel}: its key is cancelled, its callbacks dropped, and the tasks
     * waiting on it woken (they then find it closed).
     */
    public void forget(SelectableChannel channel) {
        if (selector == null) {
            return;
        }
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            return;
        }
        key.cancel();
        if (key.attachment() instanceof IoRegistration<?>) {
            IoRegistration<W> registration = registrationOf(key);
            W r = registration.reader;
            W w = registration.writer;
            registration.reader = null;
            registration.writer = null;
            registration.onReadable = null;
            registration.onWritable = null;
            if (r != null) {
                owner.wake(r);
            }
            if (w != null) {
                owner.wake(w);
            }
        }
    }

    /** Closes the selector, if one was opened; the loop's last step. */
    public void close() throws IOException {
        if (selector != null) {
            selector.close();
        }
    }
}
