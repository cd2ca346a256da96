package io.asyncio4j.http;

import io.asyncio4j.http.internal.HeaderParams;
import io.asyncio4j.http.internal.MultipartParser;
import io.asyncio4j.http.internal.ReadBuffers;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Reads a multipart body (RFC 7578 {@code multipart/form-data}, RFC 2046 {@code multipart/mixed}
 * and kin) part by part, streaming: aiohttp's {@code MultipartReader}. Each part is a {@link
 * BodyPartReader} whose bytes are read as they arrive, so a 1 GiB file part passes through a
 * buffer of a few dozen KiB.
 *
 * {@snippet :
 * MultipartReader reader = new MultipartReader(request.headers().get("Content-Type"), request.body());
 * BodyPartReader part;
 * while ((part = reader.nextPart()) != null) {
 *     if (part.filename() != null) {
 *         long size = part.saveTo(uploads.resolve(UUID.randomUUID().toString()));
 *     } else {
 *         fields.put(part.name(), part.text());
 *     }
 * }
 * }
 *
 * <p>Moving to the next part skips what is left of the current one. A part whose {@code
 * Content-Type} is itself multipart ({@code multipart/mixed} inside a form, as RFC 2388 sent several
 * files) reads as a nested reader: {@link BodyPartReader#multipart()}.
 *
 * <p>Errors are {@link HttpParseException}s with the status a server answers: 415 when the {@code
 * Content-Type} is not multipart, 400 when the body is not what it declares (no boundary, a
 * malformed part head, the body ending before the closing boundary — an upload cut short), 413
 * beyond a {@link MultipartLimits limit}. The reader is then failed: later calls throw the same
 * error.
 *
 * <p>Loop thread only: a reader belongs to the task that handles its message.
 */
public final class MultipartReader {
    /*
     * The reader owns one read buffer (read mode: unparsed bytes are [position, limit)). A DATA
     * event's slice of it is kept in `data` until the current part has read it; the buffer is
     * refilled only once `data` is empty, so a slice never outlives the bytes it points at. The
     * buffer grows past BUFFER only while a part head longer than it is incomplete, so
     * maxHeadSize bounds it.
     */
    private static final int BUFFER = 32 * 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final BodySource source;
    private final MultipartParser parser;
    private final MultipartLimits limits;
    private final String boundary;
    private final int depth;
    /** The parts begun by this reader and every reader nested in it: one counter, shared. */
    private final int[] partCount;

    private ByteBuffer buf = ByteBuffer.allocate(BUFFER).flip();
    private ByteBuffer data = EMPTY;
    private BodyPartReader current;
    private boolean partEnded = true;
    private boolean ended;
    private RuntimeException failure;

    /**
     * A reader of {@code body}, whose {@code Content-Type} is {@code contentType}, with the default
     * limits.
     *
     * @throws HttpParseException 415 if {@code contentType} is not {@code multipart/*}, 400 if its
     *     boundary is missing or invalid
     */
    public MultipartReader(String contentType, BodySource body) {
        this(contentType, body, MultipartLimits.defaults());
    }

    /**
     * A reader of {@code body}, whose {@code Content-Type} is {@code contentType}.
     *
     * @throws HttpParseException 415 if {@code contentType} is not {@code multipart/*}, 400 if its
     *     boundary is missing or invalid
     */
    public MultipartReader(String contentType, BodySource body, MultipartLimits limits) {
        this(contentType, body, limits, 0, new int[1]);
    }

    MultipartReader(String contentType, BodySource body, MultipartLimits limits, int depth, int[] partCount) {
        this.source = Objects.requireNonNull(body, "body");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.depth = depth;
        this.partCount = partCount;
        HeaderParams type = HeaderParams.parse(contentType, "Content-Type");
        if (!type.value().startsWith("multipart/")) {
            throw new HttpParseException(
                    415,
                    contentType == null
                            ? "the body has no Content-Type; a multipart body declares multipart/form-data with its"
                                    + " boundary"
                            : "Content-Type " + contentType + " is not multipart");
        }
        String b = type.param("boundary");
        String problem = b == null
                ? "Content-Type " + contentType + " has no boundary parameter; a multipart body declares the boundary"
                        + " that separates its parts"
                : MultipartParser.checkBoundary(b);
        if (problem != null) {
            throw new HttpParseException(400, problem);
        }
        this.boundary = b;
        this.parser = new MultipartParser(b, limits.maxParts(), limits.maxHeadSize());
    }

    /** The boundary given by the {@code Content-Type}. */
    public String boundary() {
        return boundary;
    }

    /** The limits. */
    public MultipartLimits limits() {
        return limits;
    }

    /** The capacity of the read buffer, for tests of streaming. */
    int bufferCapacity() {
        return buf.capacity();
    }

    /** How deep this reader is nested: 0 for a message body's reader. */
    int depth() {
        return depth;
    }

    /** The shared part counter. */
    int[] partCount() {
        return partCount;
    }

    /**
     * The next part, or null after the last one (the closing boundary). The rest of the current part
     * is read and discarded first; reading that part afterwards fails with {@link
     * IllegalStateException}.
     *
     * <p><b>Cancellation.</b> Nothing is lost that was not being skipped: a cancelled call may have
     * skipped part of the previous part, and the next call goes on from where it stopped.
     *
     * @throws HttpParseException as the class says
     */
    public BodyPartReader nextPart() {
        checkFailed();
        if (current != null && !partEnded) {
            current.skipRest();
        }
        if (ended) {
            return null;
        }
        while (true) {
            MultipartParser.Event e = next();
            switch (e) {
                case PART -> {
                    if (++partCount[0] > limits.maxParts()) {
                        throw fail(new HttpParseException(
                                413, "the multipart body has more than " + limits.maxParts() + " parts"));
                    }
                    partEnded = false;
                    current = new BodyPartReader(this, parser.headers(), partCount[0]);
                    return current;
                }
                case END -> {
                    ended = true;
                    return null;
                }
                default -> {
                    // DATA and PART_END come only inside a part, which skipRest finished.
                    throw new IllegalStateException("multipart parser gave " + e + " between parts");
                }
            }
        }
    }

    /** Whether the closing boundary has been read: no part is left. */
    public boolean atEof() {
        return ended;
    }

    /**
     * Reads and discards every part that is left (aiohttp's {@code release()}).
     *
     * <p><b>Cancellation.</b> Stops where it was; calling it again goes on.
     */
    public void release() {
        while (nextPart() != null) {
            // nextPart skips each part
        }
    }

    /** Reads bytes of {@code part}'s body: see {@link BodyPartReader#read(byte[], int, int)}. */
    int readPart(BodyPartReader part, byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        checkFailed();
        if (part != current) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (!data.hasRemaining()) {
            if (partEnded) {
                return -1;
            }
            MultipartParser.Event e = next();
            if (e == MultipartParser.Event.DATA) {
                data = parser.data();
            } else if (e == MultipartParser.Event.PART_END) {
                partEnded = true;
                data = EMPTY;
            } else {
                throw new IllegalStateException("multipart parser gave " + e + " inside a part");
            }
        }
        int n = Math.min(len, data.remaining());
        data.get(b, off, n);
        return n;
    }

    /** Whether {@code part}'s body has been read to its end. */
    boolean partAtEof(BodyPartReader part) {
        return part != current || (partEnded && !data.hasRemaining());
    }

    /**
     * Discards the rest of {@code part}'s body without copying it, if it is the current part;
     * returns whether any byte was discarded.
     */
    boolean skipCurrent(BodyPartReader part) {
        checkFailed();
        if (part != current) {
            return false;
        }
        boolean discarded = data.hasRemaining();
        data = EMPTY;
        while (!partEnded) {
            MultipartParser.Event e = next();
            if (e == MultipartParser.Event.PART_END) {
                partEnded = true;
            } else if (e == MultipartParser.Event.DATA) {
                discarded = true;
            } else {
                throw new IllegalStateException("multipart parser gave " + e + " inside a part");
            }
        }
        return discarded;
    }

    private void checkFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    private RuntimeException fail(RuntimeException e) {
        failure = e;
        return e;
    }

    /** The next event other than NEED_DATA, reading as needed. */
    private MultipartParser.Event next() {
        try {
            while (true) {
                MultipartParser.Event e = parser.next(buf);
                if (e != MultipartParser.Event.NEED_DATA) {
                    return e;
                }
                fill();
            }
        } catch (HttpParseException e) {
            throw fail(e);
        }
    }

    private void fill() {
        buf = ReadBuffers.makeRoom(buf);
        int n;
        try {
            n = source.read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        } finally {
            // A read that threw (or was cancelled) consumed nothing; the buffer goes back to read mode.
            buf.flip();
        }
        if (n < 0) {
            parser.feedEof();
        } else {
            buf.limit(buf.limit() + n);
        }
    }
}
