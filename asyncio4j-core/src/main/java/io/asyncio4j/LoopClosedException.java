package io.asyncio4j;

import java.io.Serial;

/** Thrown when work is handed to a loop that is closing or closed. */
public class LoopClosedException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public LoopClosedException(String message) {
        super(message);
    }
}
