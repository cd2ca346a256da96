package io.asyncio4j.queue;

import java.io.Serial;

/** Thrown by {@link Queue#putNowait} when a bounded queue is full; asyncio's {@code QueueFull}. */
public final class QueueFull extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public QueueFull(String message) {
        super(message);
    }
}
