package io.asyncio4j.http.internal;

import io.asyncio4j.net.StreamReader;
import java.nio.ByteBuffer;

/**
 * Drives an {@link HttpParser} from a {@link StreamReader}: the pull side of the design (a task
 * reads only when the parser needs bytes). It owns the connection's read buffer, which grows only
 * while a head, chunk-size line or trailer section is incomplete, so the parser's limits bound it.
 *
 * <p><b>Cancellation.</b> {@link #next()} may park in the reader; cancelled there, nothing is lost:
 * the bytes read so far stay in this buffer or the reader's, and the next call goes on.
 */
public final class MessageReader {
    private static final int INITIAL = 4096;

    private final StreamReader reader;
    private final HttpParser parser;
    /** Read mode: the unparsed bytes are [position, limit). */
    private ByteBuffer buf = ByteBuffer.allocate(INITIAL).flip();

    /** A reader of the messages that {@code parser} parses, from {@code reader}. */
    public MessageReader(StreamReader reader, HttpParser parser) {
        this.reader = reader;
        this.parser = parser;
    }

    /** The parser, for the head, body and trailers of the current event. */
    public HttpParser parser() {
        return parser;
    }

    /**
     * The next event other than {@link HttpParser.Event#NEED_DATA}, reading from the stream as
     * needed. A {@link HttpParser.Event#BODY} slice stays valid until the next call.
     *
     * @throws io.asyncio4j.http.HttpParseException if the peer sent an invalid message
     */
    public HttpParser.Event next() {
        while (true) {
            HttpParser.Event e = parser.next(buf);
            if (e != HttpParser.Event.NEED_DATA) {
                return e;
            }
            fill();
        }
    }

    /**
     * The next event that the bytes already received give, without reading and so without
     * suspending: {@link HttpParser.Event#NEED_DATA} when more must arrive first (then {@link #next()}
     * reads). A client uses it to finish a response whose rest is already buffered, and to skip a
     * read timeout when no read is needed.
     *
     * @throws io.asyncio4j.http.HttpParseException if the peer sent an invalid message
     */
    public HttpParser.Event nextBuffered() {
        return parser.next(buf);
    }

    /**
     * The bytes received after the last message and not parsed: after {@link
     * HttpParser.Event#UPGRADE}, the first bytes of the new protocol. They are consumed.
     */
    public byte[] takeRemaining() {
        byte[] rest = new byte[buf.remaining()];
        buf.get(rest);
        return rest;
    }

    private void fill() {
        buf = ReadBuffers.makeRoom(buf);
        try {
            if (reader.readInto(buf) < 0) {
                parser.feedEof();
            }
        } finally {
            buf.flip(); // also when the read is cancelled: the bytes kept stay readable
        }
    }
}
