package io.asyncio4j.sync;

import java.io.Serial;

/**
 * Thrown by {@link Barrier#await()} when the barrier is aborted or reset while waiting, or was
 * aborted before; asyncio's {@code BrokenBarrierError}.
 */
public final class BrokenBarrierException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public BrokenBarrierException(String message) {
        super(message);
    }
}
