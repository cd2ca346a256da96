package io.asyncio4j.http.internal;

import io.asyncio4j.net.StreamReader;

/** What a {@link StreamReader} gives until its end of stream; sent chunked, once. */
public final class ReaderPayload extends StreamPayload {
    private static final int PIECE = 64 * 1024;

    private final StreamReader reader;

    /** The rest of {@code reader}'s stream. */
    public ReaderPayload(StreamReader reader) {
        this.reader = reader;
    }

    @Override
    protected void write(BodySink out) {
        byte[] piece;
        while ((piece = reader.read(PIECE)).length > 0) {
            out.write(piece, 0, piece.length);
        }
    }

    @Override
    public String describe() {
        return "a StreamReader";
    }
}
