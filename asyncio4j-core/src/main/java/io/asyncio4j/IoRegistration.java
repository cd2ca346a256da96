package io.asyncio4j;

import java.nio.channels.SelectionKey;

/**
 * The tasks of one loop waiting for one channel to become readable or writable. It is the
 * selection key's attachment; the loop calls {@link #ready} from its select step, which wakes the
 * waiting tasks and drops the interest they no longer need. Loop thread only.
 */
final class IoRegistration {
    final SelectionKey key;
    /** The task waiting for OP_READ or OP_ACCEPT, or null. */
    Task<?> reader;
    /** The task waiting for OP_WRITE or OP_CONNECT, or null. */
    Task<?> writer;

    IoRegistration(SelectionKey key) {
        this.key = key;
    }

    void ready(int readyOps) {
        int interest = key.interestOps();
        if ((readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && reader != null) {
            interest &= ~(SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
            Task<?> t = reader;
            reader = null;
            t.wake();
        }
        if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && writer != null) {
            interest &= ~(SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
            Task<?> t = writer;
            writer = null;
            t.wake();
        }
        if (key.isValid()) {
            key.interestOps(interest);
        }
    }
}
