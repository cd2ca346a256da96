package io.asyncio4j.http.internal;

import io.asyncio4j.net.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;

/**
 * A {@link BodySink} onto a connection's {@link StreamWriter}, framing the body with {@code
 * Content-Length} (the length its head announced; the body is checked against it) or chunked. Every
 * write is followed by a {@code drain()}, so a producer runs at the pace of the peer.
 *
 * <p>A failure of the connection comes out as the {@link UncheckedIOException} the stream threw (a
 * failed {@code sendfile} too), so the caller can tell it from the producer's own errors.
 */
public final class StreamBodySink implements BodySink {
    private final StreamWriter out;
    /** The announced length, or {@link HeadWriter#CHUNKED}. */
    private final long length;

    private final ChunkedWriter chunked;
    private long written;
    /** The error the connection failed with, or null. */
    private UncheckedIOException failure;

    /**
     * A sink for a body whose head announced {@code framing}: a length or {@link
     * HeadWriter#CHUNKED}.
     */
    public StreamBodySink(StreamWriter out, long framing) {
        if (framing < 0 && framing != HeadWriter.CHUNKED) {
            throw new IllegalArgumentException("framing must be a length or CHUNKED, got " + framing);
        }
        this.out = out;
        this.length = framing;
        this.chunked = framing == HeadWriter.CHUNKED ? new ChunkedWriter(out) : null;
    }

    /** The body bytes written so far. */
    public long written() {
        return written;
    }

    /**
     * The exception this sink threw because the connection failed, or null: any other exception
     * out of a payload's {@code writeTo} is the payload's own.
     */
    public UncheckedIOException connectionFailure() {
        return failure;
    }

    @Override
    public void write(byte[] data, int off, int len) {
        if (len == 0) {
            return;
        }
        room(len);
        try {
            if (chunked != null) {
                chunked.write(data, off, len);
            } else {
                out.write(data, off, len);
            }
            written += len;
            out.drain();
        } catch (UncheckedIOException e) {
            throw failure = e;
        }
    }

    @Override
    public void writeFile(FileChannel file, long position, long count) throws IOException {
        if (count == 0) {
            return;
        }
        room(count);
        long sent;
        try {
            if (chunked != null) {
                chunked.startChunk(count);
            }
            sent = out.sendfile(file, position, count);
        } catch (UncheckedIOException e) {
            throw failure = e;
        } catch (IOException e) {
            if (out.isClosing()) {
                throw failure = new UncheckedIOException("sendfile: " + e.getMessage(), e); // the socket failed
            }
            throw e;
        }
        written += sent;
        if (sent < count) {
            // The head (or chunk size) announced bytes that are not there: the message is broken.
            out.abort();
            throw new IOException("the file ended after " + sent + " of the " + count
                    + " bytes announced (it was shortened while being sent)");
        }
        try {
            out.drain();
        } catch (UncheckedIOException e) {
            throw failure = e;
        }
    }

    /**
     * Ends the body (the last chunk when chunked) and waits for the buffer to drain.
     *
     * @throws IllegalArgumentException if fewer bytes were written than the length announced
     */
    public void finish() {
        if (chunked == null && written != length) {
            out.abort();
            throw new IllegalArgumentException("the request body ended after " + written
                    + " bytes but its Content-Length is " + length + "; send exactly that many");
        }
        try {
            if (chunked != null) {
                chunked.finish(null);
            }
            out.drain();
        } catch (UncheckedIOException e) {
            throw failure = e;
        }
    }

    private void room(long n) {
        if (chunked == null && written + n > length) {
            out.abort();
            throw new IllegalArgumentException("the request body is longer than its Content-Length (" + length
                    + " bytes): " + (written + n) + " bytes so far; send exactly that many");
        }
    }
}
