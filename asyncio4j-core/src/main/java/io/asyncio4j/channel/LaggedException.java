package io.asyncio4j.channel;

import java.io.Serial;

/**
 * Thrown by a {@link BroadcastChannel} subscription that fell so far behind that messages were
 * overwritten before it read them. The subscription then continues with the oldest message still
 * kept; receive again to go on.
 */
public final class LaggedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long missed;

    /** An exception for a subscriber that missed {@code missed} messages. */
    public LaggedException(long missed) {
        super("lagged by " + missed + " messages: they were overwritten before this subscriber read them");
        this.missed = missed;
    }

    /** How many messages were lost to this subscriber. */
    public long missed() {
        return missed;
    }
}
