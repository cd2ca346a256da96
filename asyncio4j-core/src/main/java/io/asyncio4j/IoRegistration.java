package io.asyncio4j;

import java.nio.channels.SelectionKey;

/**
 * The tasks of one loop waiting for one channel to become readable or writable, or the callbacks
 * the loop runs each time it is (a transport flushing its write buffer). It is the selection key's
 * attachment; the loop calls {@link #ready} from its select step, which wakes the waiting tasks,
 * runs the callbacks, and drops the interest nobody needs any more. Loop thread only.
 *
 * <p>Per direction there is either one waiting task or one callback, never both: a task wakes once;
 * a callback stays until it is removed. Interest nobody needs is dropped when it next fires.
 */
final class IoRegistration {
    static final int READ_OPS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    static final int WRITE_OPS = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    final SelectionKey key;
    /** The task waiting for OP_READ or OP_ACCEPT, or null. */
    Task<?> reader;
    /** The task waiting for OP_WRITE or OP_CONNECT, or null. */
    Task<?> writer;
    /** Run on every OP_READ/OP_ACCEPT readiness while set, or null. */
    Runnable onReadable;
    /** Run on every OP_WRITE readiness while set, or null. */
    Runnable onWritable;

    IoRegistration(SelectionKey key) {
        this.key = key;
    }

    void ready(int readyOps) {
        int drop = 0;
        if ((readyOps & READ_OPS) != 0) {
            if (reader != null) {
                // The read interest stays: a reader usually consumes what is there and waits again
                // before the next select, which then costs no interest update (no epoll_ctl). If it
                // does not, the next readiness finds no reader and drops the interest below.
                Task<?> t = reader;
                reader = null;
                t.wake();
            } else if (onReadable == null) {
                drop |= READ_OPS;
            }
        }
        if ((readyOps & WRITE_OPS) != 0) {
            if (writer != null) {
                drop |= WRITE_OPS;
                Task<?> t = writer;
                writer = null;
                t.wake();
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
