package io.asyncio4j.http.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A request body read as it arrives: aiohttp's {@code request.content} ({@code StreamReader}).
 * Reads park the handler until bytes arrive, and the connection reads from the client only when a
 * read needs more, so a slow consumer slows the client down (TCP flow control) instead of
 * buffering. Each read returns an empty array at the end of the body.
 *
 * {@snippet :
 * try (OutputStream file = Files.newOutputStream(target)) {
 *     for (byte[] chunk : request.content().iterChunked(64 * 1024)) {
 *         file.write(chunk);
 *     }
 * }
 * }
 *
 * <p>Errors: a body that is malformed or cut short throws {@link
 * io.asyncio4j.http.HttpParseException} (answered 400 if the handler lets it through), a client that
 * has gone {@link java.io.UncheckedIOException}.
 *
 * <p><b>Cancellation.</b> A read cancelled while it waits loses nothing already returned; the
 * connection closes after the response.
 */
public final class RequestContent {
    /** The longest line {@link #readLine()} accepts: 64 KiB, as aiohttp's. */
    public static final int LINE_LIMIT = 64 * 1024;

    private static final byte[] EMPTY = {};

    private final Request request;
    /** Bytes received and not yet returned: pending[pos, pending.length). */
    private byte[] pending = EMPTY;

    private int pos;
    private boolean eof;

    RequestContent(Request request) {
        this.request = request;
    }

    /** Whether the whole body has been read. */
    public boolean atEof() {
        if (pos < pending.length) {
            return false;
        }
        return eof || !request.hasBody();
    }

    /** What is buffered, or else the next piece as it arrives; empty at the end. aiohttp's {@code readany()}. */
    public byte[] readChunk() {
        if (pos < pending.length) {
            return take(pending.length - pos);
        }
        byte[] piece = nextPiece();
        return piece == null ? EMPTY : piece;
    }

    /** Up to {@code n} bytes (at least one unless at the end); aiohttp's {@code read(n)}. Negative: the rest. */
    public byte[] read(int n) {
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

    /**
     * The rest of the body, whatever its size (bounded by the parser's {@code maxBodySize} only):
     * prefer {@link Request#bytes()}, which applies {@code clientMaxSize}.
     */
    public byte[] readAll() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] b = takeBuffered();
        all.write(b, 0, b.length);
        byte[] piece;
        while ((piece = nextPiece()) != null) {
            all.write(piece, 0, piece.length);
        }
        return all.toByteArray();
    }

    /**
     * Exactly {@code n} bytes.
     *
     * @throws HttpBadRequest if the body ends first
     */
    public byte[] readExactly(int n) {
        while (pending.length - pos < n) {
            if (!fillMore()) {
                throw new HttpBadRequest("the body ended after " + (pending.length - pos) + " of the " + n
                        + " bytes the handler expected");
            }
        }
        return take(n);
    }

    /**
     * The next line, {@code \n} included; at the end, what is left (empty when nothing is).
     *
     * @throws HttpBadRequest if no {@code \n} comes within {@link #LINE_LIMIT} bytes
     */
    public byte[] readLine() {
        int from = pos;
        while (true) {
            for (int i = from; i < pending.length; i++) {
                if (pending[i] == '\n') {
                    return take(i + 1 - pos);
                }
            }
            if (pending.length - pos > LINE_LIMIT) {
                throw new HttpBadRequest("a line of the body is longer than " + LINE_LIMIT + " bytes");
            }
            from = pending.length - pos; // where the unsearched bytes start once fillMore moves pos to 0
            if (!fillMore()) {
                return take(pending.length - pos);
            }
        }
    }

    /**
     * The body in pieces of at most {@code n} bytes, as they arrive; aiohttp's {@code iter_chunked(n)}.
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

    private byte[] nextPiece() {
        if (eof) {
            return null;
        }
        ByteBuffer b = request.connection().nextBodyPiece(request);
        if (b == null) {
            eof = true;
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
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

    private boolean fill() {
        byte[] piece = nextPiece();
        if (piece == null) {
            return false;
        }
        pending = piece;
        pos = 0;
        return true;
    }

    private boolean fillMore() {
        byte[] piece = nextPiece();
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

    private final class Pieces implements Iterator<byte[]> {
        private final int max;
        private byte[] next;

        Pieces(int max) {
            this.max = max;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = read(max);
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
}
