package io.asyncio4j.http.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
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

    private static final byte[] EMPTY = new byte[0];

    private final ClientResponse response;
    /** Decoded bytes received and not yet returned: pending[pos, pending.length). */
    private byte[] pending = EMPTY;

    private int pos;

    ResponseContent(ClientResponse response) {
        this.response = response;
    }

    /** Whether the body has been read to its end (every byte returned). */
    public boolean atEof() {
        return pos == pending.length && response.atEof();
    }

    /**
     * The bytes that arrived: what is buffered, or else the next piece as it comes; empty at the
     * end. aiohttp's {@code readany()} (and {@code readchunk()} without its flag).
     */
    public byte[] readChunk() throws IOException, TimeoutException {
        if (pos < pending.length) {
            return take(pending.length - pos);
        }
        byte[] piece = response.nextPiece();
        return piece == null ? EMPTY : piece;
    }

    /** Up to {@code n} bytes as they arrive (at least one unless at the end); aiohttp's {@code read(n)}. */
    public byte[] read(int n) throws IOException, TimeoutException {
        if (n < 0) {
            return readAll();
        }
        if (n == 0) {
            return EMPTY;
        }
        if (pos == pending.length && !fill()) {
            return EMPTY;
        }
        return take(Math.min(n, pending.length - pos));
    }

    /** The rest of the body; aiohttp's {@code read()}. */
    public byte[] readAll() throws IOException, TimeoutException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(takeBuffered());
        byte[] piece;
        while ((piece = response.nextPiece()) != null) {
            all.writeBytes(piece);
        }
        return all.toByteArray();
    }

    /**
     * Exactly {@code n} bytes.
     *
     * @throws ClientPayloadError if the body ends first (the bytes read are lost, as in asyncio's
     *     {@code IncompleteReadError})
     */
    public byte[] readExactly(int n) throws IOException, TimeoutException {
        while (pending.length - pos < n) {
            if (!fillMore()) {
                throw new ClientPayloadError(
                        "the body of " + response.method() + " " + response.url() + " ended after "
                                + (pending.length - pos) + " of the " + n + " bytes asked for",
                        response.url(),
                        null);
            }
        }
        return take(n);
    }

    /**
     * The next line, {@code \n} included; at the end, what is left (empty when nothing is);
     * aiohttp's {@code readline()}.
     *
     * @throws ClientPayloadError if no {@code \n} comes within {@link #LINE_LIMIT} bytes
     */
    public byte[] readLine() throws IOException, TimeoutException {
        int from = pos;
        while (true) {
            for (int i = from; i < pending.length; i++) {
                if (pending[i] == '\n') {
                    return take(i + 1 - pos);
                }
            }
            if (pending.length - pos > LINE_LIMIT) {
                throw new ClientPayloadError(
                        "a line of " + response.method() + " " + response.url() + " is longer than " + LINE_LIMIT
                                + " bytes",
                        response.url(),
                        null);
            }
            from = pending.length - pos; // where the unsearched bytes start once fillMore moves pos to 0
            if (!fillMore()) {
                return take(pending.length - pos);
            }
        }
    }

    /**
     * The body in pieces of at most {@code n} bytes each, as they arrive; aiohttp's {@code
     * iter_chunked(n)}.
     *
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public Iterable<byte[]> iterChunked(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("iterChunked needs a positive size, got " + n);
        }
        return () -> new Pieces(n);
    }

    /** The body in the pieces it arrives in; aiohttp's {@code iter_any()}. */
    public Iterable<byte[]> iterAny() {
        return () -> new Pieces(Integer.MAX_VALUE);
    }

    /** Removes and returns what is buffered. */
    byte[] takeBuffered() {
        return take(pending.length - pos);
    }

    private byte[] take(int n) {
        if (n == 0) {
            return EMPTY;
        }
        byte[] out = pos == 0 && n == pending.length ? pending : Arrays.copyOfRange(pending, pos, pos + n);
        pos += n;
        if (pos == pending.length) {
            pending = EMPTY;
            pos = 0;
        }
        return out;
    }

    /** Fills an empty buffer with the next piece; false at the end. */
    private boolean fill() throws IOException, TimeoutException {
        byte[] piece = response.nextPiece();
        if (piece == null) {
            return false;
        }
        pending = piece;
        pos = 0;
        return true;
    }

    /** Appends the next piece to what is buffered; false at the end. */
    private boolean fillMore() throws IOException, TimeoutException {
        byte[] piece = response.nextPiece();
        if (piece == null) {
            return false;
        }
        int have = pending.length - pos;
        byte[] joined = Arrays.copyOfRange(pending, pos, pos + have + piece.length);
        System.arraycopy(piece, 0, joined, have, piece.length);
        pending = joined;
        pos = 0;
        return true;
    }

    /** The iterator of {@link #iterChunked}: reads ahead one piece to answer hasNext. */
    private final class Pieces implements Iterator<byte[]> {
        private final int max;
        private byte[] next;

        Pieces(int max) {
            this.max = max;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = read(max);
                } catch (IOException | TimeoutException e) {
                    throw ResponseContent.<RuntimeException>sneaky(e);
                }
            }
            return next.length > 0;
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the body has ended");
            }
            byte[] out = next;
            next = null;
            return out;
        }
    }

    /** Throws a checked exception where the signature cannot declare it (an iterator). */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
