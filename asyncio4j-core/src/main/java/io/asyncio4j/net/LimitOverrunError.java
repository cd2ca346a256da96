package io.asyncio4j.net;

/**
 * A separator was not found within the reader's buffer limit: asyncio's {@code LimitOverrunError}.
 * After {@link StreamReader#readUntil} the data stays buffered and {@link #consumed()} says how many
 * bytes may be skipped; {@link StreamReader#readLine} has already discarded them.
 */
public final class LimitOverrunError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    /** An error with {@code message}, where {@code consumed} bytes are to be skipped. */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes of the buffer can be consumed before the separator could start. */
    public int consumed() {
        return consumed;
    }
}
