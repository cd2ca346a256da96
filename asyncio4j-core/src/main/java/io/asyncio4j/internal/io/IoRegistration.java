package io.asyncio4j.internal.io;

import java.nio.channels.SelectionKey;

/**
 * The tasks of one loop waiting for one channel to become readable or writable, or the callbacks
 * the loop runs each time it is (a transport flushing its write buffer). It is the selection key's
 * attachment; the {@link SelectorDriver} calls {@link #ready} from its select step, which wakes the waiting tasks,
 * runs the callbacks, and drops the interest nobody needs any more. Loop thread only.
 *
 * <p>Per direction there is either one waiting task or one callback, never both: a task wakes once;
 * a callback stays until it is removed. Interest nobody needs is dropped when it next fires.
 *
 * @param <W> the waiting tasks' type; the driver wakes one through its owner
 */
public final class IoRegistration<W> {
    static final int READ_OPS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    static final int WRITE_OPS = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    final SelectionKey key;
    /** The task waiting for OP_READ or OP_ACCEPT, or null. */
    W reader;
    /** The interest {@link #reader} added (OP_READ or OP_ACCEPT). */
    int readerOps;
    /** The task waiting for OP_WRITE or OP_CONNECT, or null. */
    W writer;
    /** The interest {@link #writer} added (OP_WRITE or OP_CONNECT). */
    int writerOps;
    /** Run on every OP_READ/OP_ACCEPT readiness while set, or null. */
    Runnable onReadable;
    /** Run on every OP_WRITE readiness while set, or null. */
    Runnable onWritable;

    IoRegistration(SelectionKey key) {
        this.key = key;
    }

    /** The task waiting to read ({@code read}) or write, or null once it has been woken. */
    public W waiter(boolean read) {
        return read ? reader : writer;
    }

    /** Takes back the wait of the task waiting to read ({@code read}) or write: it was cancelled. */
    public void cancelWait(boolean read) {
        int ops;
        if (read) {
            reader = null;
            ops = readerOps;
        } else {
            writer = null;
            ops = writerOps;
        }
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~ops);
        }
    }

    void ready(int readyOps, SelectorDriver.Owner<W> owner) {
        int drop = 0;
        if ((readyOps & READ_OPS) != 0) {
            if (reader != null) {
                // The read interest stays: a reader usually consumes what is there and waits again
                // before the next select, which then costs no interest update (no epoll_ctl). If it
                // does not, the next readiness finds no reader and drops the interest below.
                W t = reader;
                reader = null;
                owner.wake(t);
            } else if (onReadable == null) {
                drop |= READ_OPS;
            }
        }
        if ((readyOps & WRITE_OPS) != 0) {
            if (writer != null) {
                drop |= WRITE_OPS;
                W t = writer;
                writer = null;
                owner.wake(t);
            } else if (onWritable == null) {
                drop |= WRITE_OPS;
            }
        }
        if (drop != 0 && key.isValid()) {
            key.interestOps(key.interestOps() & ~drop);
        }
        // Callbacks last: they may remove themselves, close the channel or forget it.
        if ((readyOps & READ_OPS) != 0 && onReadable != null) {
            onReadable.run();
        }
        if ((readyOps & WRITE_OPS) != 0 && onWritable != null && key.isValid()) {
            onWritable.run();
        }
    }
}
