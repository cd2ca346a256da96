package io.asyncio4j.http.client;

import io.asyncio4j.http.internal.ContentBuffer;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * A response body read as it arrives: aiohttp's {@code response.content} ({@code StreamReader}).
 * Reads park the task until bytes arrive; each returns an empty array at the end of the body, when
 * the connection has gone back to the pool.
 *
 * {@snippet :
 * try (ClientResponse r = session.get(url)) {
 *     for (byte[] chunk : r.content().iterChunked(64 * 1024)) { // async for chunk in r.content.iter_chunked(n)
 *         file.write(chunk);
 *     }
 * }
 * }
 *
 * <p>The iterators ({@link #iterChunked}, {@link #iterAny}) throw what the reads throw, though a
 * for-each loop cannot declare it: {@link ClientPayloadError} (an {@link IOException}) and {@link
 * TimeoutException} arrive as thrown, unwrapped, as in aiohttp's {@code async for}.
 *
 * <p><b>Cancellation.</b> A read cancelled while it waits closes the connection (the rest of the
 * body cannot be resumed); the bytes read before stay read.
 *
 * <p>Loop thread only; one task reads a body at a time.
 */
public final class ResponseContent {
    /** The longest line {@link #readLine()} accepts, as aiohttp's 64 KiB. */
    public static final int LINE_LIMIT = 64 * 1024;

    private final ClientResponse response;
    /** Decoded bytes received and not yet returned. */
    private final ContentBuffer<IOException, TimeoutException> buffer;

    ResponseContent(ClientResponse response) {
        this.response = response;
        this.buffer = new ContentBuffer<>(new Pieces(response), LINE_LIMIT);
    }

    /** Whether the body has been read to its end (every byte returned). */
    public boolean atEof() {
        return buffer.buffered() == 0 && response.atEof();
    }

    /**
     * The bytes that arrived: what is buffered, or else the next piece as it comes; empty at the
     * end. aiohttp's {@code readany()} (and {@code readchunk()} without its flag).
     */
    public byte[] readChunk() throws IOException, TimeoutException {
        return buffer.readChunk();
    }

    /** Up to {@code n} bytes as they arrive (at least one unless at the end); aiohttp's {@code read(n)}. */
    public byte[] read(int n) throws IOException, TimeoutException {
        return buffer.read(n);
    }

    /** The rest of the body; aiohttp's {@code read()}. */
    public byte[] readAll() throws IOException, TimeoutException {
        return buffer.readAll();
    }

    /**
     * Exactly {@code n} bytes.
     *
     * @throws ClientPayloadError if the body ends first (the bytes read are lost, as in asyncio's
     *     {@code IncompleteReadError})
     */
    public byte[] readExactly(int n) throws IOException, TimeoutException {
        return buffer.readExactly(n);
    }

    /**
     * The next line, {@code \n} included; at the end, what is left (empty when nothing is);
     * aiohttp's {@code readline()}.
     *
     * @throws ClientPayloadError if no {@code \n} comes within {@link #LINE_LIMIT} bytes
     */
    public byte[] readLine() throws IOException, TimeoutException {
        return buffer.readLine();
    }

    /**
     * The body in pieces of at most {@code n} bytes each, as they arrive; aiohttp's {@code
     * iter_chunked(n)}.
     *
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public Iterable<byte[]> iterChunked(int n) {
        return buffer.iterChunked(n);
    }

    /** The body in the pieces it arrives in; aiohttp's {@code iter_any()}. */
    public Iterable<byte[]> iterAny() {
        return buffer.iterAny();
    }

    /** Removes and returns what is buffered. */
    byte[] takeBuffered() {
        return buffer.takeBuffered();
    }

    /** The response's decoded pieces, and the client's errors: {@link ClientPayloadError}, checked. */
    private record Pieces(ClientResponse response) implements ContentBuffer.Source<IOException, TimeoutException> {
        @Override
        public byte[] nextPiece() throws IOException, TimeoutException {
            return response.nextPiece();
        }

        @Override
        public IOException endedEarly(int have, int wanted) {
            return new ClientPayloadError(
                    "the body of " + response.method() + " " + response.url() + " ended after " + have + " of the "
                            + wanted + " bytes asked for",
                    response.url(),
                    null);
        }

        @Override
        public IOException lineTooLong(int limit) {
            return new ClientPayloadError(
                    "a line of " + response.method() + " " + response.url() + " is longer than " + limit + " bytes",
                    response.url(),
                    null);
        }
    }
}
