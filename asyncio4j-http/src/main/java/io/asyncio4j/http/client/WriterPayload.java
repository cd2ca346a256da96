package io.asyncio4j.http.client;

import io.asyncio4j.http.internal.BodySink;
import io.asyncio4j.http.internal.StreamPayload;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** A body that a {@link BodyWriter} writes to an {@link OutputStream}; sent chunked, once. */
final class WriterPayload extends StreamPayload {
    /** Writes below this are gathered into one chunk. */
    private static final int BUFFER = 8 * 1024;

    private final BodyWriter writer;

    WriterPayload(BodyWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    protected void write(BodySink out) throws IOException {
        Stream s = new Stream(out);
        try {
            writer.writeTo(s);
            s.close();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the request body's BodyWriter failed: " + e, e);
        } finally {
            s.closed = true;
        }
    }

    @Override
    public String describe() {
        return "a BodyWriter body";
    }

    /** The stream a {@link BodyWriter} writes to: small writes are gathered, flush sends a chunk. */
    private static final class Stream extends OutputStream {
        private final BodySink sink;
        private byte[] buf;
        private int len;
        boolean closed;

        Stream(BodySink sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            open();
            if (buf == null) {
                buf = new byte[BUFFER];
            }
            if (len == buf.length) {
                flush();
            }
            buf[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            Objects.checkFromIndexSize(off, n, b.length);
            open();
            if (n >= BUFFER) {
                flush();
                sink.write(b, off, n);
                return;
            }
            if (buf == null) {
                buf = new byte[BUFFER];
            }
            if (len + n > buf.length) {
                flush();
            }
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        /** Sends what is buffered as one chunk. */
        @Override
        public void flush() throws IOException {
            open();
            if (len > 0) {
                int n = len;
                len = 0;
                sink.write(buf, 0, n);
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                flush();
                closed = true;
            }
        }

        private void open() throws IOException {
            if (closed) {
                throw new IOException("the request body's stream is closed: write before the BodyWriter returns");
            }
        }
    }
}
