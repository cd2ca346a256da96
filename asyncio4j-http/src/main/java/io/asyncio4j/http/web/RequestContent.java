package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.ContentBuffer;
import java.nio.ByteBuffer;

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

    private final Request request;
    private final ContentBuffer<RuntimeException, RuntimeException> buffer;

    RequestContent(Request request) {
        this.request = request;
        this.buffer = new ContentBuffer<>(new Pieces(request), LINE_LIMIT);
    }

    /** Whether the whole body has been read. */
    public boolean atEof() {
        return buffer.buffered() == 0 && (buffer.ended() || !request.hasBody());
    }

    /** What is buffered, or else the next piece as it arrives; empty at the end. aiohttp's {@code readany()}. */
    public byte[] readChunk() {
        return buffer.readChunk();
    }

    /** Up to {@code n} bytes (at least one unless at the end); aiohttp's {@code read(n)}. Negative: the rest. */
    public byte[] read(int n) {
        return buffer.read(n);
    }

    /**
     * The rest of the body, whatever its size (bounded by the parser's {@code maxBodySize} only):
     * prefer {@link Request#bytes()}, which applies {@code clientMaxSize}.
     */
    public byte[] readAll() {
        return buffer.readAll();
    }

    /**
     * Exactly {@code n} bytes.
     *
     * @throws HttpBadRequest if the body ends first
     */
    public byte[] readExactly(int n) {
        return buffer.readExactly(n);
    }

    /**
     * The next line, {@code \n} included; at the end, what is left (empty when nothing is).
     *
     * @throws HttpBadRequest if no {@code \n} comes within {@link #LINE_LIMIT} bytes
     */
    public byte[] readLine() {
        return buffer.readLine();
    }

    /**
     * The body in pieces of at most {@code n} bytes, as they arrive; aiohttp's {@code iter_chunked(n)}.
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

    /** The body's pieces from the connection, and the server's errors: 400s, unchecked. */
    private record Pieces(Request request) implements ContentBuffer.Source<RuntimeException, RuntimeException> {
        @Override
        public byte[] nextPiece() {
            ByteBuffer b = request.connection().nextBodyPiece(request);
            if (b == null) {
                return null;
            }
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }

        @Override
        public RuntimeException endedEarly(int have, int wanted) {
            return new HttpBadRequest(
                    "the body ended after " + have + " of the " + wanted + " bytes the handler expected");
        }

        @Override
        public RuntimeException lineTooLong(int limit) {
            return new HttpBadRequest("a line of the body is longer than " + limit + " bytes");
        }
    }
}
