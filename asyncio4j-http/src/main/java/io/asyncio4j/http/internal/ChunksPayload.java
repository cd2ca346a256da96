package io.asyncio4j.http.internal;

/**
 * A body produced piece by piece by an {@link Iterable} (a generator: its iterator may park the
 * task between pieces, as an async generator awaits); sent chunked, once.
 */
public final class ChunksPayload extends StreamPayload {
    private final Iterable<byte[]> chunks;

    /** The pieces of {@code chunks}, in order; empty arrays are skipped. */
    public ChunksPayload(Iterable<byte[]> chunks) {
        this.chunks = chunks;
    }

    @Override
    protected void write(BodySink out) {
        for (byte[] chunk : chunks) {
            if (chunk == null) {
                throw new NullPointerException("the request body's Iterable gave a null piece");
            }
            out.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public String describe() {
        return "an Iterable body";
    }
}
