package io.asyncio4j.net;

import io.asyncio4j.Task;
import io.asyncio4j.internal.net.ByteSource;
import io.asyncio4j.internal.net.StreamAccess;
import io.asyncio4j.lowlevel.LoopBinding;
import io.asyncio4j.lowlevel.Parking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The reading half of a stream: asyncio's {@code StreamReader}. Reads park the calling task until
 * enough bytes have arrived; between two reads nothing is consumed behind its back.
 *
 * {@snippet :
 * StreamPair conn = Streams.openConnection("localhost", 8888);
 * conn.writer().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
 * byte[] statusLine = conn.reader().readLine();
 * byte[] rest = conn.reader().read(); // everything until the peer closes
 * }
 *
 * <p>A reader of a socket pulls bytes from the socket only when a read needs more than is
 * buffered, so a task that stops reading stops the peer (TCP flow control) instead of growing this
 * buffer. {@link #readLine()} and {@link #readUntil(byte[])} look for their separator in at most
 * {@link #limit()} bytes (64 KiB by default, as asyncio) and fail with {@link LimitOverrunError}
 * beyond it, so a peer that sends a line forever cannot exhaust memory.
 *
 * <p>A reader built with {@code new StreamReader()} is fed by its owner with {@link #feedData} and
 * {@link #feedEof} (as in asyncio). A reader belongs to one loop and is used by one task at a time:
 * a second task reading while one waits fails with {@link IllegalStateException}.
 *
 * <p>Errors: a broken connection makes reads throw {@link UncheckedIOException} wrapping the JDK's
 * {@link IOException} (connection reset, the stream closed by its writer, a TLS alert); the error
 * stays, and later reads throw it again once the buffered bytes are consumed.
 */
public final class StreamReader {
    /*
     * Implementation overview.
     *
     * The buffer is buf[head, tail). It grows by doubling and is compacted when a read needs room;
     * when it runs empty it is dropped if it grew past KEEP, so a connection that once received a
     * large burst does not keep the memory while idle.
     *
     * Pull mode (source != null): the reading task calls source.readNow(sink), which copies the
     * bytes it has now into buf through `sink` (the source's buffer is lent to it for that one call
     * only). Push mode (source null): feedData appends and wakes the waiting task.
     *
     * Only the loop thread touches the fields. `waiting` guards against two tasks reading at once.
     */
    /** The default buffer limit, as asyncio's: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final int KEEP = 16 * 1024;

    static {
        StreamAccess.install(new StreamAccessImpl());
    }

    private final int limit;
    private final ByteSource source;
    private final Consumer<ByteBuffer> sink = this::append;
    private final LoopBinding binding = new LoopBinding("StreamReader");
    private byte[] buf = EMPTY;
    private int head;
    private int tail;
    private boolean eof;
    private RuntimeException exception;
    /** The task waiting for data, or null. */
    private Task<?> waiter;

    /** A reader fed with {@link #feedData}, with the default limit. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /**
     * A reader fed with {@link #feedData}, whose {@link #readLine()} and {@link #readUntil} look at
     * most {@code limit} bytes ahead.
     *
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public StreamReader(int limit) {
        this(null, limit);
    }

    StreamReader(ByteSource source, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.source = source;
        this.limit = limit;
    }

    /** The buffer limit of {@link #readLine()} and {@link #readUntil}. */
    public int limit() {
        return limit;
    }

    // ---- reads ----

    /**
     * Reads up to {@code n} bytes: what is buffered, or else parks until at least one byte arrives.
     * Returns an empty array at the end of the stream (and for {@code n == 0}). A negative {@code n}
     * reads until the end of the stream ({@link #read()}).
     *
     * <p><b>Cancellation.</b> Nothing is consumed: bytes that arrived stay buffered for the next
     * read.
     */
    public byte[] read(int n) {
        binding.check("read");
        if (n < 0) {
            return read();
        }
        if (n == 0) {
            return EMPTY;
        }
        if (head == tail) {
            throwIfFailed();
            if (!eof) {
                waitForData("read");
            }
        }
        return take(Math.min(n, tail - head));
    }

    /**
     * Reads up to {@code dst.remaining()} bytes into {@code dst}: what is buffered, or else parks
     * until at least one byte arrives (asyncio's {@code readinto} on a buffered stream). Returns the
     * number of bytes put into {@code dst}, -1 at the end of the stream, 0 when {@code dst} has no
     * room. Unlike {@link #read(int)} it allocates nothing: on a socket, the bytes go from the
     * socket's read buffer straight into {@code dst} when nothing was buffered here, what does not
     * fit being kept for the next read. For a parser that keeps its own buffer.
     *
     * <p><b>Cancellation.</b> Nothing is consumed: bytes that arrived stay buffered for the next
     * read, and {@code dst} is unchanged.
     */
    public int readInto(ByteBuffer dst) {
        binding.check("readInto");
        if (!dst.hasRemaining()) {
            return 0;
        }
        while (head == tail) {
            throwIfFailed();
            if (eof) {
                return -1;
            }
            if (source != null) {
                return pullInto(dst);
            }
            waitForData("readInto");
        }
        int n = Math.min(dst.remaining(), tail - head);
        dst.put(buf, head, n);
        head += n;
        normalise();
        return n;
    }

    /** Where {@link #pullInto} copies to while the source hands its bytes over; null otherwise. */
    private ByteBuffer into;

    private final Consumer<ByteBuffer> intoSink = this::appendInto;

    /** The sink of {@link #pullInto}: fills {@link #into}, keeps the rest. */
    private void appendInto(ByteBuffer data) {
        ByteBuffer dst = into;
        int n = Math.min(dst.remaining(), data.remaining());
        int limit = data.limit();
        data.limit(data.position() + n);
        dst.put(data);
        data.limit(limit);
        if (data.hasRemaining()) {
            append(data);
        }
    }

    /** Pull mode with nothing buffered: reads from the source straight into {@code dst}. */
    private int pullInto(ByteBuffer dst) {
        Task<?> me = Parking.currentTaskOrNull();
        if (me == null) {
            Parking.currentTask("StreamReader.readInto"); // throws, naming the operation
        }
        if (waiter != null) {
            throw new IllegalStateException(
                    "readInto() called while another task (" + waiter + ") is already waiting for incoming data");
        }
        try {
            while (true) {
                int before = dst.position();
                int n;
                into = dst;
                try {
                    n = source.readNow(intoSink);
                } finally {
                    into = null;
                }
                if (n < 0) {
                    eof = true;
                    return -1;
                }
                if (n > 0) {
                    return dst.position() - before;
                }
                waiter = me;
                try {
                    source.awaitReadable();
                } finally {
                    waiter = null;
                }
            }
        } catch (IOException e) {
            exception = new UncheckedIOException("readInto: " + e.getMessage(), e);
            throw exception;
        }
    }

    /**
     * Reads until the end of the stream and returns everything (asyncio's {@code read(-1)}). The
     * buffer grows without the limit: use it for bounded peers only.
     *
     * <p><b>Cancellation.</b> Nothing is consumed: what arrived so far stays buffered.
     */
    public byte[] read() {
        binding.check("read");
        while (!eof) {
            throwIfFailed();
            waitForData("read");
        }
        return take(tail - head);
    }

    /**
     * Reads exactly {@code n} bytes, parking until they have arrived.
     *
     * <p><b>Cancellation.</b> Nothing is consumed: the bytes that arrived so far stay buffered, and
     * a later read returns them.
     *
     * @throws IncompleteReadError if the stream ends first; it holds the bytes that did arrive,
     *     which are consumed
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public byte[] readExactly(int n) {
        binding.check("readExactly");
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero: " + n);
        }
        while (tail - head < n) {
            if (eof) {
                throw new IncompleteReadError(take(tail - head), OptionalInt.of(n));
            }
            throwIfFailed();
            waitForData("readExactly");
        }
        return take(n);
    }

    /**
     * Reads one line, up to and including {@code '\n'}. At the end of the stream returns what is
     * left (an empty array when nothing is).
     *
     * <p><b>Cancellation.</b> Nothing is consumed: a partial line stays buffered.
     *
     * @throws LimitOverrunError if no {@code '\n'} comes within {@link #limit()} bytes; unlike
     *     {@link #readUntil}, the over-long data is discarded first (up to and including the
     *     separator when it was found), so the next read starts after it, as asyncio does
     */
    public byte[] readLine() {
        binding.check("readLine");
        try {
            return readUntil(NEWLINE, "readLine");
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            int at = head + e.consumed();
            if (at < tail && buf[at] == '\n') {
                head = at + 1;
            } else {
                head = tail;
            }
            normalise();
            throw e;
        }
    }

    private static final byte[][] NEWLINE = {{'\n'}};

    /**
     * Reads up to and including {@code separator}.
     *
     * <p><b>Cancellation.</b> Nothing is consumed: what arrived stays buffered.
     *
     * @throws IncompleteReadError if the stream ends before the separator; it holds everything that
     *     was buffered, which is consumed
     * @throws LimitOverrunError if the separator is not found within {@link #limit()} bytes; the data
     *     stays buffered
     * @throws IllegalArgumentException if {@code separator} is empty
     */
    public byte[] readUntil(byte[] separator) {
        binding.check("readUntil");
        if (separator.length == 0) {
            throw new IllegalArgumentException("separator should be at least one-byte string");
        }
        return readUntil(new byte[][] {separator.clone()}, "readUntil");
    }

    /**
     * Reads up to and including whichever of {@code separators} ends first in the stream (asyncio
     * 3.13's {@code readuntil} with a tuple): the shortest result that ends with one of them; when
     * two end at the same byte, the shorter separator is the one that matched. The limit counts the
     * bytes before the separator that matched.
     *
     * <p><b>Cancellation.</b> Nothing is consumed: what arrived stays buffered.
     *
     * @throws IncompleteReadError if the stream ends before any separator; it holds everything that
     *     was buffered, which is consumed
     * @throws LimitOverrunError if no separator is found within {@link #limit()} bytes; the data stays
     *     buffered
     * @throws IllegalArgumentException if {@code separators} is empty or one of them is
     */
    public byte[] readUntil(List<byte[]> separators) {
        binding.check("readUntil");
        if (separators.isEmpty()) {
            throw new IllegalArgumentException("Separator should contain at least one element");
        }
        byte[][] sorted = new byte[separators.size()][];
        for (int i = 0; i < sorted.length; i++) {
            byte[] sep = separators.get(i);
            if (sep.length == 0) {
                throw new IllegalArgumentException("Separator should be at least one-byte string");
            }
            sorted[i] = sep.clone();
        }
        // Stable: of two separators of one length, the first given wins a tie, as in asyncio.
        Arrays.sort(sorted, Comparator.comparingInt(sep -> sep.length));
        return readUntil(sorted, "readUntil");
    }

    /** {@code separators} sorted by length, shortest first. */
    private byte[] readUntil(byte[][] separators, String operation) {
        int minSeplen = separators[0].length;
        int maxSeplen = separators[separators.length - 1].length;
        int offset = 0;
        int matchStart = -1;
        int matchEnd = -1;
        while (true) {
            int buflen = tail - head;
            if (buflen - offset >= minSeplen) {
                for (byte[] sep : separators) {
                    int isep = indexOf(sep, offset);
                    if (isep >= 0 && (matchEnd < 0 || isep + sep.length < matchEnd)) {
                        matchStart = isep;
                        matchEnd = isep + sep.length;
                    }
                }
                if (matchEnd >= 0) {
                    break;
                }
                offset = Math.max(0, buflen + 1 - maxSeplen);
                if (offset > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                throw new IncompleteReadError(take(buflen), OptionalInt.empty());
            }
            throwIfFailed();
            waitForData(operation);
        }
        if (matchStart > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
        }
        return take(matchEnd);
    }

    /** Index (from head) of {@code sep} in the buffer at or after {@code from}, or -1. */
    private int indexOf(byte[] sep, int from) {
        byte first = sep[0];
        int last = tail - sep.length;
        outer:
        for (int i = head + from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - head;
        }
        return -1;
    }

    /** Whether the stream ended and every byte was read. */
    public boolean atEof() {
        binding.check("atEof");
        if (!eof && source != null && source.ended()) {
            eof = true;
        }
        return eof && head == tail;
    }

    /** The number of bytes received and not yet read. */
    public int bufferedBytes() {
        binding.check("bufferedBytes");
        return tail - head;
    }

    /** The error reads report, or null. */
    public RuntimeException exception() {
        binding.check("exception");
        return exception;
    }

    // ---- feeding ----

    /**
     * Appends {@code data} for the readers (copied) and wakes a waiting one; asyncio's {@code
     * feed_data}.
     *
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(byte[] data) {
        feedData(data, 0, data.length);
    }

    /** Appends {@code len} bytes of {@code data} from {@code off}; see {@link #feedData(byte[])}. */
    public void feedData(byte[] data, int off, int len) {
        binding.check("feedData");
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        if (len == 0) {
            return;
        }
        append(ByteBuffer.wrap(data, off, len));
        wakeWaiter();
    }

    /** Marks the end of the stream and wakes a waiting reader; asyncio's {@code feed_eof}. */
    public void feedEof() {
        binding.check("feedEof");
        eof = true;
        wakeWaiter();
    }

    /**
     * Makes reads throw {@code error} once the buffered bytes are consumed, and wakes a waiting
     * reader; asyncio's {@code set_exception}.
     */
    public void setException(RuntimeException error) {
        binding.check("setException");
        exception = error;
        wakeWaiter();
    }

    private void wakeWaiter() {
        Task<?> t = waiter;
        if (t != null && source == null) {
            waiter = null;
            Parking.unpark(t);
        }
    }

    // ---- buffer ----

    void append(ByteBuffer data) {
        int n = data.remaining();
        if (buf.length - tail < n) {
            makeRoom(n);
        }
        data.get(buf, tail, n);
        tail += n;
    }

    private void makeRoom(int n) {
        int size = tail - head;
        if (buf.length - size >= n && size <= buf.length / 2) {
            System.arraycopy(buf, head, buf, 0, size);
        } else {
            int capacity = Math.max(Math.max(size + n, buf.length * 2), 1024);
            byte[] bigger = new byte[capacity];
            System.arraycopy(buf, head, bigger, 0, size);
            buf = bigger;
        }
        head = 0;
        tail = size;
    }

    private byte[] take(int n) {
        if (n == 0) {
            return EMPTY;
        }
        byte[] out = Arrays.copyOfRange(buf, head, head + n);
        head += n;
        normalise();
        return out;
    }

    private void normalise() {
        if (head == tail) {
            head = 0;
            tail = 0;
            if (buf.length > KEEP) {
                buf = EMPTY;
            }
        }
    }

    /** Removes and returns every buffered byte (a TLS upgrade takes them as ciphertext). */
    byte[] takeAll() {
        return take(tail - head);
    }

    // ---- waiting ----

    private void throwIfFailed() {
        if (exception != null) {
            throw exception;
        }
    }

    /** Parks until more bytes, the end of the stream, or an error; fills the buffer. */
    private void waitForData(String operation) {
        if (waiter != null) {
            throw new IllegalStateException(
                    operation + "() called while another task (" + waiter + ") is already waiting for incoming data");
        }
        Task<?> me = Parking.currentTaskOrNull();
        if (me == null) {
            Parking.currentTask("StreamReader." + operation); // throws, naming the operation
        }
        if (source != null) {
            pull(me, operation);
            return;
        }
        Parking.checkCancelled(me);
        waiter = me;
        Parking.park(me);
        if (waiter == me) {
            waitSlow(me);
        }
    }

    private void waitSlow(Task<?> me) {
        while (waiter == me) {
            if (Parking.cancelPending(me)) {
                waiter = null;
                throw Parking.cancelledError(me);
            }
            Parking.park(me);
        }
    }

    private void pull(Task<?> me, String operation) {
        try {
            while (true) {
                int n = source.readNow(sink);
                if (n < 0) {
                    eof = true;
                    return;
                }
                if (n > 0) {
                    return;
                }
                waiter = me;
                try {
                    source.awaitReadable();
                } finally {
                    waiter = null;
                }
            }
        } catch (IOException e) {
            exception = new UncheckedIOException(operation + ": " + e.getMessage(), e);
            throw exception;
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("StreamReader[");
        s.append(tail - head).append(" bytes");
        if (eof) {
            s.append(", eof");
        }
        if (exception != null) {
            s.append(", exception=").append(exception);
        }
        if (waiter != null) {
            s.append(", waiter=").append(waiter);
        }
        return s.append(", limit=").append(limit).append(']').toString();
    }
}
