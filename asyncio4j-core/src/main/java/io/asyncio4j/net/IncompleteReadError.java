package io.asyncio4j.net;

/**
 * The stream ended before a read got what it asked for: asyncio's {@code IncompleteReadError}.
 * {@link #partial()} holds the bytes that did arrive; they have been consumed from the stream.
 */
public final class IncompleteReadError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected how many bytes were expected, or -1 when a separator was expected
     */
    public IncompleteReadError(byte[] partial, int expected) {
        super(partial.length + " bytes read before the end of the stream; "
                + (expected < 0 ? "the separator never came" : expected + " expected"));
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the end of the stream (not a copy). */
    public byte[] partial() {
        return partial;
    }

    /** How many bytes were expected, or -1 when a separator was expected ({@code readUntil}). */
    public int expected() {
        return expected;
    }
}
