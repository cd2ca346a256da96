package io.asyncio4j.internal.net;

import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.lowlevel.Parking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The write side of one connection, under a {@code StreamWriter}: asyncio's write transport. A
 * subclass moves the bytes (a socket flushed by a selector callback, a pipe written by a pump
 * thread); this class keeps what every kind shares: the water marks that pause writers in {@link
 * #drain()}, the close sequence, and the tasks waiting on either.
 *
 * <p>Loop thread only, like the streams above it.
 */
public abstract class Transport {
    /*
     * Implementation overview.
     *
     * States (field `state`):
     *
     *   OPEN    -> CLOSING  close(): nothing more may be written; what is buffered is still sent
     *   OPEN    -> CLOSED   abort(), or an I/O error (kept in `error`)
     *   CLOSING -> CLOSED   the buffer ran empty, or an I/O error: the channel is closed
     *
     * `paused` is asyncio's pause_writing/resume_writing: set when the buffer grows above the high
     * water mark, cleared when it falls to the low mark. drain() parks while it is set, so a writer
     * that drains after each write holds at most `high` plus one write in memory, however slowly
     * its peer reads.
     *
     * Subclasses call bufferChanged() whenever their buffer shrank or grew, and failed(e) when the
     * channel broke. Waiters are woken, never handed anything: each re-checks the state it waits for,
     * so a cancelled waiter loses nothing.
     */
    /** Default high water mark, as asyncio's: 64 KiB. */
    public static final int DEFAULT_HIGH_WATER = 64 * 1024;

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    protected final Loop loop;
    private int state = OPEN;
    private boolean eofRequested;
    private boolean eofDone;
    private IOException error;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_HIGH_WATER / 4;
    private boolean paused;
    private final ArrayDeque<Task<?>> drainers = new ArrayDeque<>(1);
    private ArrayDeque<Task<?>> flushWaiters;
    private ArrayDeque<Task<?>> closeWaiters;

    protected Transport(Loop loop) {
        this.loop = loop;
    }

    // ---- what a subclass provides ----

    /**
     * Sends {@code src} now or buffers what cannot be sent yet; the caller keeps {@code src}, so
     * whatever is kept must be copied. Called only while OPEN (or CLOSING, for a closing handshake).
     */
    protected abstract void send(ByteBuffer src) throws IOException;

    /** The number of bytes buffered and not yet handed to the channel. */
    public abstract long bufferedBytes();

    /** Whether {@link #writeEof()} is supported. */
    public abstract boolean canWriteEof();

    /** Half-closes the channel for writing; called once, with the buffer empty. */
    protected abstract void shutdownOutput() throws IOException;

    /** Called once when close() begins, before the buffer is flushed (TLS queues close_notify here). */
    protected void closing() throws IOException {}

    /** Releases the channel now, without flushing; called once. Must not throw. */
    protected abstract void closeChannel();

    /** The peer's address, or null when there is none (a pipe). */
    public SocketAddress remoteAddress() {
        return null;
    }

    /** The local address, or null when there is none (a pipe). */
    public SocketAddress localAddress() {
        return null;
    }

    // ---- writing ----

    /**
     * Writes {@code src} (all of it, now or later) without waiting.
     *
     * @throws UncheckedIOException if the channel broke or the stream is closed
     * @throws IllegalStateException after {@link #writeEof()}
     */
    public final void write(ByteBuffer src) {
        checkOpen("write");
        if (eofRequested) {
            throw new IllegalStateException("write() after writeEof(): the stream is closed for writing");
        }
        if (!src.hasRemaining()) {
            return;
        }
        try {
            send(src);
        } catch (IOException e) {
            failed(e);
            throw new UncheckedIOException(e);
        }
        if (!paused && bufferedBytes() > highWater) {
            paused = true;
        }
    }

    /**
     * Half-closes the stream once the buffer is sent.
     *
     * @throws UnsupportedOperationException when {@link #canWriteEof()} is false
     */
    public final void writeEof() {
        if (!canWriteEof()) {
            throw new UnsupportedOperationException("this stream cannot half-close (TLS or a pipe without EOF)");
        }
        checkOpen("writeEof");
        if (eofRequested) {
            return;
        }
        eofRequested = true;
        if (bufferedBytes() == 0) {
            doShutdownOutput();
        }
    }

    private void doShutdownOutput() {
        if (eofDone) {
            return;
        }
        eofDone = true;
        try {
            shutdownOutput();
        } catch (IOException e) {
            failed(e);
        }
    }

    /** Whether {@link #writeEof()} was called. */
    public final boolean eofRequested() {
        return eofRequested;
    }

    private void checkOpen(String operation) {
        checkThread(operation);
        if (error != null) {
            throw new UncheckedIOException(operation + ": the connection is broken: " + error.getMessage(), error);
        }
        if (state != OPEN) {
            throw new UncheckedIOException(new IOException(operation + ": the stream is closed"));
        }
    }

    /** Throws IllegalStateException unless the caller runs on this transport's loop. */
    public final void checkThread(String operation) {
        if (!Parking.isLoopThread(loop)) {
            Parking.checkThread(loop, "StreamWriter." + operation); // throws, naming the operation
        }
    }

    // ---- water marks and drain ----

    /**
     * Sets the water marks: writers are paused above {@code high} bytes buffered and resumed at
     * {@code low} or below.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    public final void setWriteBufferLimits(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("need 0 <= low <= high: high=" + high + ", low=" + low);
        }
        highWater = high;
        lowWater = low;
        bufferChanged();
        if (bufferedBytes() > highWater) {
            paused = true;
        }
    }

    public final int highWater() {
        return highWater;
    }

    public final int lowWater() {
        return lowWater;
    }

    /**
     * Parks while the buffer is above the high water mark, until it falls to the low mark: asyncio's
     * {@code drain}.
     *
     * @throws UncheckedIOException if the connection broke or was closed
     */
    public final void drain() {
        checkThread("drain");
        throwIfBroken("drain");
        if (!paused) {
            return;
        }
        parkWhile(drainers, "StreamWriter.drain", () -> paused && state != CLOSED && error == null);
        throwIfBroken("drain");
    }

    /**
     * Parks until everything buffered has been handed to the channel (used before a TLS upgrade).
     */
    public final void waitFlushed() {
        checkThread("waitFlushed");
        throwIfBroken("waitFlushed");
        if (bufferedBytes() == 0) {
            return;
        }
        if (flushWaiters == null) {
            flushWaiters = new ArrayDeque<>(1);
        }
        parkWhile(flushWaiters, "StreamWriter.waitFlushed", () -> bufferedBytes() > 0 && state != CLOSED);
        throwIfBroken("waitFlushed");
    }

    private void throwIfBroken(String operation) {
        if (error != null) {
            throw new UncheckedIOException(operation + ": the connection is broken: " + error.getMessage(), error);
        }
        if (state == CLOSED) {
            throw new UncheckedIOException(new IOException(operation + ": the stream is closed"));
        }
    }

    /**
     * For subclasses: the buffer changed size (a flush, usually). Resumes paused writers at the low
     * water mark; when the buffer is empty, finishes a pending half-close or close.
     */
    protected final void bufferChanged() {
        long buffered = bufferedBytes();
        if (paused && buffered <= lowWater) {
            paused = false;
            wakeAll(drainers);
        }
        if (buffered == 0) {
            if (flushWaiters != null) {
                wakeAll(flushWaiters);
            }
            if (eofRequested && state == OPEN) {
                doShutdownOutput();
            }
            if (state == CLOSING) {
                finishClose();
            }
        }
    }

    /** Whether writers are paused (the buffer went above the high water mark). */
    public final boolean isPaused() {
        return paused;
    }

    // ---- closing ----

    /**
     * Closes once the buffer is sent; asyncio's {@code transport.close()}. Later writes fail.
     * Harmless when already closing.
     */
    public final void close() {
        checkThread("close");
        if (state != OPEN) {
            return;
        }
        state = CLOSING;
        if (error == null) {
            try {
                closing();
            } catch (IOException e) {
                failed(e);
                return;
            }
        }
        if (bufferedBytes() == 0 || error != null) {
            finishClose();
        }
    }

    /** Closes now, dropping what is buffered; asyncio's {@code transport.abort()}. */
    public final void abort() {
        checkThread("abort");
        finishClose();
    }

    /**
     * For subclasses: the channel broke. The first error is kept (writes and drain report it) and
     * the transport closes at once.
     */
    protected final void failed(IOException e) {
        if (error == null) {
            error = e;
        }
        finishClose();
    }

    /** The I/O error that broke the connection, or null. */
    public final IOException error() {
        return error;
    }

    private void finishClose() {
        if (state == CLOSED) {
            return;
        }
        state = CLOSED;
        paused = false;
        closeChannel();
        wakeAll(drainers);
        if (flushWaiters != null) {
            wakeAll(flushWaiters);
        }
        if (closeWaiters != null) {
            wakeAll(closeWaiters);
        }
    }

    /** Whether close(), abort() or an error began closing (asyncio's {@code is_closing}). */
    public final boolean isClosing() {
        return state != OPEN;
    }

    /** Whether the channel is closed. */
    public final boolean isClosed() {
        return state == CLOSED;
    }

    /** Parks until the channel is closed. Does not report an I/O error. */
    public final void waitClosed() {
        checkThread("waitClosed");
        if (state == CLOSED) {
            return;
        }
        if (closeWaiters == null) {
            closeWaiters = new ArrayDeque<>(1);
        }
        parkWhile(closeWaiters, "StreamWriter.waitClosed", () -> state != CLOSED);
    }

    // ---- parking ----

    /** A condition re-checked each time a waiter wakes. */
    @FunctionalInterface
    protected interface Condition {
        boolean holds();
    }

    /**
     * Parks the current task in {@code waiters} while {@code waitWhile} holds. Cancellation: leaves
     * the list and throws {@link io.asyncio4j.CancelledError}; nothing else changes.
     */
    protected static void parkWhile(ArrayDeque<Task<?>> waiters, String operation, Condition waitWhile) {
        Task<?> me = Parking.currentTask(operation);
        Parking.checkCancelled(me);
        while (waitWhile.holds()) {
            waiters.addLast(me);
            Parking.park(me);
            waiters.remove(me); // gone if woken by wakeAll; still there after a spurious wake-up
            if (waitWhile.holds() && Parking.cancelPending(me)) {
                throw Parking.cancelledError(me);
            }
        }
    }

    /** Wakes every task in {@code waiters}; each re-checks its condition. */
    protected static void wakeAll(ArrayDeque<Task<?>> waiters) {
        Task<?> t;
        while ((t = waiters.pollFirst()) != null) {
            Parking.unpark(t);
        }
    }

    @Override
    public String toString() {
        String st = state == OPEN ? "open" : state == CLOSING ? "closing" : "closed";
        return getClass().getSimpleName() + "[" + st + ", buffered=" + bufferedBytes() + "]";
    }
}
