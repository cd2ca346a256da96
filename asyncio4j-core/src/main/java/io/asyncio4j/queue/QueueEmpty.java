package io.asyncio4j.queue;

import java.io.Serial;

/** Thrown by {@link Queue#getNowait} when the queue is empty; asyncio's {@code QueueEmpty}. */
public final class QueueEmpty extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public QueueEmpty(String message) {
        super(message);
    }
}
