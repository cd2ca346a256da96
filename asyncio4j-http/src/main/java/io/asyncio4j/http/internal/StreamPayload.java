package io.asyncio4j.http.internal;

import java.io.IOException;

/**
 * A body read from its source as it is sent: its length is unknown (it goes out chunked, unless a
 * length was declared) and it is sent once ({@code application/octet-stream} unless said).
 */
public abstract class StreamPayload extends Payload {
    @Override
    public final boolean replayable() {
        return false;
    }

    @Override
    protected final Sending open() {
        return new Sending() {
            @Override
            public long length() {
                return -1;
            }

            @Override
            public void writeTo(BodySink out) throws IOException {
                write(out);
            }
        };
    }

    /** Writes what the source gives, to its end. */
    protected abstract void write(BodySink out) throws IOException;

    @Override
    public String contentType() {
        return "application/octet-stream";
    }
}
