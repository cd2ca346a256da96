package io.asyncio4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The reads of a body that arrives in pieces, aiohttp's {@code StreamReader}: what the server's
 * {@code RequestContent} and the client's {@code ResponseContent} both are, each a thin face that
 * names its own errors. A {@link Source} hands over the pieces and makes the errors, so each side
 * keeps its exception contract: the server's are unchecked ({@code X} and {@code Y} are {@code
 * RuntimeException}), the client's checked ({@code IOException} and {@code TimeoutException}).
 *
 * <p>Bytes received and not yet returned are kept in one array, {@code pending[pos,
 * pending.length)}; a read that returns all of a piece returns the piece itself, not a copy. Once
 * the source has said the body ended, it is not asked again, and every read returns an empty array.
 *
 * <p>Not thread-safe: one task reads a body at a time, and the buffer is the body's own, never a
 * per-loop one, so a read may suspend anywhere in the source.
 *
 * @param <X> the first exception a read may throw
 * @param <Y> the second exception a read may throw
 */
public final class ContentBuffer<X extends Exception, Y extends Exception> {
    /**
     * Where the pieces come from, and the errors of the side that reads them.
     *
     * @param <X> the first exception {@link #nextPiece()} may throw, and the type of the errors
     * @param <Y> the second exception {@link #nextPiece()} may throw
     */
    public interface Source<X extends Exception, Y extends Exception> {
        /** The next piece of the body (never empty), the caller's from then on; null at its end. */
        byte[] nextPiece() throws X, Y;

        /** The error of a body that ended after {@code have} of the {@code wanted} bytes of a read. */
        X endedEarly(int have, int wanted);

        /** The error of a line that has no {@code \n} within {@code limit} bytes. */
        X lineTooLong(int limit);
    }

    private static final byte[] EMPTY = {};

    private final Source<X, Y> source;
    private final int lineLimit;

    /** Bytes received and not yet returned: pending[pos, pending.length). */
    private byte[] pending = EMPTY;

    private int pos;
    /** Whether the source returned null; it is not asked again. */
    private boolean ended;

    /**
     * A buffer reading from {@code source}, whose {@link #readLine()} accepts lines of up to {@code
     * lineLimit} bytes before their {@code \n}.
     *
     * @throws IllegalArgumentException if {@code lineLimit <= 0}
     */
    public ContentBuffer(Source<X, Y> source, int lineLimit) {
        if (lineLimit <= 0) {
            throw new IllegalArgumentException("the line limit must be positive, got " + lineLimit);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.lineLimit = lineLimit;
    }

    /** The count of bytes received and not yet returned. */
    public int buffered() {
        return pending.length - pos;
    }

    /** Whether the source has said the body ended (bytes may still be buffered). */
    public boolean ended() {
        return ended;
    }

    /** What is buffered, or else the next piece as it arrives; empty at the end. */
    public byte[] readChunk() throws X, Y {
        if (pos < pending.length) {
            return take(pending.length - pos);
        }
        byte[] piece = nextPiece();
        return piece == null ? EMPTY : piece;
    }

    /** Up to {@code n} bytes (at least one unless at the end); negative: the rest. */
    public byte[] read(int n) throws X, Y {
        if (n < 0) {
            return readAll();
        }
        if (n == 0) {
            return EMPTY;
        }
        if (pos == pending.length && !fillMore()) {
            return EMPTY;
        }
        return take(Math.min(n, pending.length - pos));
    }

    /** The rest of the body. */
    public byte[] readAll() throws X, Y {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(takeBuffered());
        byte[] piece;
        while ((piece = nextPiece()) != null) {
            all.writeBytes(piece);
        }
        return all.toByteArray();
    }

    /**
     * Exactly {@code n} bytes; if the body ends first, the source's {@link Source#endedEarly} error
     * (the bytes buffered stay buffered).
     */
    public byte[] readExactly(int n) throws X, Y {
        while (pending.length - pos < n) {
            if (!fillMore()) {
                throw source.endedEarly(pending.length - pos, n);
            }
        }
        return take(n);
    }

    /**
     * The next line, {@code \n} included; at the end, what is left (empty when nothing is). If no
     * {@code \n} comes within the line limit, the source's {@link Source#lineTooLong} error.
     */
    public byte[] readLine() throws X, Y {
        int from = pos;
        while (true) {
            // A line holds at most lineLimit bytes before its \n, whether or not more is buffered.
            int end = pending.length - pos > lineLimit ? pos + lineLimit + 1 : pending.length;
            for (int i = from; i < end; i++) {
                if (pending[i] == '\n') {
                    return take(i + 1 - pos);
                }
            }
            if (pending.length - pos > lineLimit) {
                throw source.lineTooLong(lineLimit);
            }
            from = pending.length - pos; // where the unsearched bytes start once fillMore moves pos to 0
            if (!fillMore()) {
                return take(pending.length - pos);
            }
        }
    }

    /**
     * The body in pieces of at most {@code n} bytes, as they arrive. The iterator throws what the
     * reads throw, checked or not, unwrapped (an iterator cannot declare it).
     *
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public Iterable<byte[]> iterChunked(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("iterChunked needs a positive size, got " + n);
        }
        return () -> new Pieces(n);
    }

    /** The body in the pieces it arrives in; the iterator throws as {@link #iterChunked}'s. */
    public Iterable<byte[]> iterAny() {
        return () -> new Pieces(Integer.MAX_VALUE);
    }

    /** Removes and returns what is buffered (empty when nothing is). */
    public byte[] takeBuffered() {
        return take(pending.length - pos);
    }

    /** The source's next piece, or null once it has ended. */
    private byte[] nextPiece() throws X, Y {
        if (ended) {
            return null;
        }
        byte[] piece = source.nextPiece();
        if (piece == null) {
            ended = true;
        }
        return piece;
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

    /** Appends the next piece to what is buffered (taking the piece itself when nothing is); false at the end. */
    private boolean fillMore() throws X, Y {
        byte[] piece = nextPiece();
        if (piece == null) {
            return false;
        }
        int have = pending.length - pos;
        if (have == 0) {
            pending = piece;
        } else {
            byte[] joined = Arrays.copyOfRange(pending, pos, pos + have + piece.length);
            System.arraycopy(piece, 0, joined, have, piece.length);
            pending = joined;
        }
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
                } catch (Exception e) {
                    throw ContentBuffer.<RuntimeException>sneaky(e);
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
