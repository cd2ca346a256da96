package io.asyncio4j.channel;

import java.io.Serial;

/** Thrown by a send on a closed channel, and by a receive once a closed channel is drained. */
public final class ChannelClosedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public ChannelClosedException(String message) {
        super(message);
    }
}
