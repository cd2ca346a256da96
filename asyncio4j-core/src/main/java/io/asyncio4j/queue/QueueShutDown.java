package io.asyncio4j.queue;

import java.io.Serial;

/** Thrown by {@code put} on a queue that was shut down, and by {@code get} once it is also empty; asyncio's {@code QueueShutDown}. */
public final class QueueShutDown extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public QueueShutDown(String message) {
        super(message);
    }
}
