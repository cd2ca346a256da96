package io.asyncio4j.http.internal.ws;

import io.asyncio4j.net.StreamWriter;

/**
 * Where a WebSocket's frames go: a {@link StreamWriter}, or in tests a peer in memory. {@code write}
 * never waits; {@code drain} parks while too much is buffered (the back-pressure of a send).
 */
public interface WsTransport {
    /** Writes one whole frame; never waits. */
    void write(byte[] frame);

    /** Parks while the write buffer is above its high water mark. */
    void drain();

    /** Closes after what is buffered is sent. */
    void close();

    /** Closes now, dropping what is buffered. */
    void abort();

    /** A transport over {@code writer}. */
    static WsTransport of(StreamWriter writer) {
        return new WsTransport() {
            @Override
            public void write(byte[] frame) {
                writer.write(frame);
            }

            @Override
            public void drain() {
                writer.drain();
            }

            @Override
            public void close() {
                writer.close();
            }

            @Override
            public void abort() {
                writer.abort();
            }

            @Override
            public String toString() {
                return writer.toString();
            }
        };
    }
}
