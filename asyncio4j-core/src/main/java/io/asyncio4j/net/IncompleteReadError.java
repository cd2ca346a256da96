package io.asyncio4j.net;

import java.util.OptionalInt;

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
     * @param expected how many bytes were expected ({@code readExactly}), or empty when a separator
     *     was expected ({@code readUntil}), as asyncio's {@code None}
     * @throws IllegalArgumentException if {@code expected} is negative
     */
    public IncompleteReadError(byte[] partial, OptionalInt expected) {
        super(partial.length + " bytes read before the end of the stream; "
                + (expected.isPresent() ? expected.getAsInt() + " expected" : "the separator never came"));
        if (expected.isPresent() && expected.getAsInt() < 0) {
            throw new IllegalArgumentException("expected must not be negative: " + expected.getAsInt());
        }
        this.partial = partial;
        this.expected = expected.orElse(-1);
    }

    /** The bytes read before the end of the stream (not a copy). */
    public byte[] partial() {
        return partial;
    }

    /**
     * How many bytes were expected ({@code readExactly}), or empty when a separator was expected
     * ({@code readUntil}): asyncio's {@code expected}, whose {@code None} is the empty value.
     */
    public OptionalInt expected() {
        return expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected);
    }
}
