package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpParseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An incremental parser of a multipart body (RFC 2046 section 5.1, RFC 7578), driven by events
 * over buffers its caller owns, as {@link HttpParser} is: {@link #next} consumes what it parsed and
 * leaves in the buffer the bytes it cannot decide on yet (at most a delimiter's length plus two), so
 * any split of the input gives the same parts and the same bytes, and a part of any size passes
 * through a buffer of fixed size.
 *
 * {@snippet :
 * MultipartParser parser = new MultipartParser(boundary, 1000, 8192);
 * while (true) {
 *     switch (parser.next(buffer)) {
 *         case NEED_DATA -> { buffer.compact(); read(buffer); buffer.flip(); }
 *         case PART -> begin(parser.headers());
 *         case DATA -> consume(parser.data()); // a slice of buffer, valid until it is changed
 *         case PART_END -> finish();
 *         case END -> { return; }
 *     }
 * }
 * }
 *
 * <p>What it accepts: a preamble before the first boundary line (discarded), transport padding
 * (spaces and tabs) after a boundary, part heads whose lines end with CRLF (obs-fold is unfolded,
 * since mail producers fold long {@code Content-Disposition} lines), field values holding any byte
 * but controls (browsers send UTF-8 file names raw), and anything after the closing boundary (the
 * epilogue, discarded). A line that starts with {@code --boundary} but goes on with another
 * character is data, as RFC 2046 defines the boundary line (so {@code --boundaryX} inside a part
 * does not end it). Everything else throws {@link HttpParseException}: 400 for a body that is not
 * multipart as declared (no boundary, a bare CR or LF in a head or after a boundary, a head line
 * without a colon or with a bad name, the body ending before the closing boundary), 413 past
 * {@code maxParts} or {@code maxHeadSize}. The parser is then failed and throws the same exception
 * again.
 */
public final class MultipartParser {
    /*
     * Implementation overview.
     *
     * The delimiter is CR LF "--" boundary. A boundary holds no CR (checked), so a candidate starts
     * at a CR, and a comparison that starts at one CR fails at the latest at the next CR: the search
     * touches each byte a bounded number of times whatever the data (no quadratic case for an
     * attacker to craft). CRs are found eight bytes at a time (LineFinder.indexOf).
     *
     * States (state field):
     *   PREAMBLE       before the first boundary; atStart while the body may begin with "--boundary"
     *                  without the CR LF before it.
     *   BOUNDARY_LINE  just after "--boundary": "--" (END), or padding then CR LF (HEADERS).
     *   HEADERS        scanning a part's head for its empty line; scanned and lineStart remember
     *                  how far, relative to the buffer's position, so byte-at-a-time input costs
     *                  linear time.
     *   BODY           a part's data, up to the next delimiter.
     *   EPILOGUE       after the closing boundary: END forever.
     *   FAILED         an exception was thrown: it is thrown again.
     */

    /** What {@link #next} found. */
    public enum Event {
        /** Nothing more can be parsed from the bytes given: append more and call again. */
        NEED_DATA,
        /** A part begins: {@link #headers()}. */
        PART,
        /** A piece of the current part's body: {@link #data()}. */
        DATA,
        /** The current part's body ended. */
        PART_END,
        /** The closing boundary was read: no more parts. */
        END
    }

    /** The most spaces and tabs accepted after a boundary before its CRLF. */
    private static final int MAX_PADDING = 256;

    private static final int PREAMBLE = 0;
    private static final int BOUNDARY_LINE = 1;
    private static final int HEADERS = 2;
    private static final int BODY = 3;
    private static final int EPILOGUE = 4;
    private static final int FAILED = 5;

    private static final int NO = 0;
    private static final int YES = 1;
    private static final int MORE = 2;

    private final byte[] delimiter;
    private final int maxParts;
    private final int maxHeadSize;

    private int state = PREAMBLE;
    private boolean atStart = true;
    private int scanned;
    private int lineStart;
    private int parts;
    private boolean eof;
    private Headers headers;
    private ByteBuffer data;
    private HttpParseException failure;

    /**
     * A parser of the body whose {@code Content-Type} gave {@code boundary}.
     *
     * @param maxParts the most parts accepted (413 beyond)
     * @param maxHeadSize the most bytes of one part's head, its lines and their CRLFs (413 beyond)
     * @throws IllegalArgumentException if {@code boundary} is not 1 to 70 printable ASCII characters
     */
    public MultipartParser(String boundary, int maxParts, int maxHeadSize) {
        String problem = checkBoundary(boundary);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.maxParts = maxParts;
        this.maxHeadSize = maxHeadSize;
    }

    /**
     * What is wrong with {@code boundary} as a multipart boundary (RFC 2046: 1 to 70 characters,
     * not ending with a space), or null when it is fine. Printable ASCII is accepted beyond RFC
     * 2046's {@code bchars}, as other readers do.
     */
    public static String checkBoundary(String boundary) {
        if (boundary == null || boundary.isEmpty()) {
            return "the multipart boundary is empty";
        }
        if (boundary.length() > 70) {
            return "the multipart boundary is " + boundary.length() + " characters long; RFC 2046 allows at most 70";
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return "the multipart boundary holds "
                        + (c > 0xff ? String.format("U+%04X", (int) c) : Ascii.describe(c)) + " at index " + i
                        + "; a boundary is printable ASCII";
            }
        }
        if (boundary.endsWith(" ")) {
            return "the multipart boundary ends with a space, which RFC 2046 forbids";
        }
        return null;
    }

    /** The head of the part that the last {@link Event#PART} began. */
    public Headers headers() {
        return headers;
    }

    /**
     * The bytes of the last {@link Event#DATA}: a slice of the buffer given to {@link #next}, valid
     * until that buffer is changed.
     */
    public ByteBuffer data() {
        return data;
    }

    /** The number of parts begun so far. */
    public int parts() {
        return parts;
    }

    /** Marks the end of the input: the next calls finish what the buffer holds, or throw. */
    public void feedEof() {
        eof = true;
    }

    /**
     * Parses what it can of {@code in}'s remaining bytes, moving its position past what it consumed.
     *
     * @throws HttpParseException if the body is not a valid multipart body or exceeds a limit
     */
    public Event next(ByteBuffer in) {
        try {
            while (true) {
                Event e = switch (state) {
                    case PREAMBLE -> preamble(in);
                    case BOUNDARY_LINE -> boundaryLine(in);
                    case HEADERS -> headers(in);
                    case BODY -> body(in);
                    case EPILOGUE -> {
                        in.position(in.limit());
                        yield Event.END;
                    }
                    default -> throw failure;
                };
                if (e != null) {
                    return e;
                }
            }
        } catch (HttpParseException e) {
            state = FAILED;
            failure = e;
            throw e;
        }
    }

    private static HttpParseException bad(String reason) {
        return new HttpParseException(400, reason);
    }

    /**
     * Whether a delimiter starts at {@code at}, compared from {@code delimiter[from]} (2 at the very
     * start of a body, which may begin with "--boundary"): YES when the boundary is followed by what
     * may follow one ("--", a space, a tab, CR or LF), NO when it is not a delimiter, MORE when the
     * bytes up to {@code limit} cannot tell.
     */
    private int match(ByteBuffer in, int at, int from, int limit) {
        int p = at;
        for (int k = from; k < delimiter.length; k++, p++) {
            if (p == limit) {
                return MORE;
            }
            if (in.get(p) != delimiter[k]) {
                return NO;
            }
        }
        if (p == limit) {
            return MORE;
        }
        byte c = in.get(p);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            return YES;
        }
        if (c != '-') {
            return NO;
        }
        if (p + 1 == limit) {
            return MORE;
        }
        return in.get(p + 1) == '-' ? YES : NO;
    }

    /** The index of the next CR in [from, limit), or -1. */
    private static int indexOfCr(ByteBuffer in, int from, int limit) {
        if (in.hasArray()) {
            int base = in.arrayOffset();
            int i = LineFinder.indexOf(in.array(), base + from, base + limit, (byte) '\r');
            return i < 0 ? -1 : i - base;
        }
        for (int i = from; i < limit; i++) {
            if (in.get(i) == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Set by {@link #scan}: whether the index it returned starts a confirmed delimiter. */
    private boolean found;

    /**
     * Searches [position, limit) for a delimiter: returns the index where the data before the first
     * delimiter or undecided candidate ends (limit when there is neither), and sets {@link #found}
     * when a delimiter starts there.
     */
    private int scan(ByteBuffer in) {
        int limit = in.limit();
        int p = in.position();
        found = false;
        while (true) {
            int cr = indexOfCr(in, p, limit);
            if (cr < 0) {
                return limit;
            }
            int m = match(in, cr, 0, limit);
            if (m == NO) {
                p = cr + 1;
                continue;
            }
            found = m == YES;
            return cr;
        }
    }

    private Event preamble(ByteBuffer in) {
        if (atStart) {
            if (!in.hasRemaining()) {
                if (eof) {
                    throw bad("the multipart body is empty: it has no boundary line --" + boundary());
                }
                return Event.NEED_DATA;
            }
            int m = match(in, in.position(), 2, in.limit());
            if (m == YES) {
                atStart = false;
                in.position(in.position() + delimiter.length - 2);
                state = BOUNDARY_LINE;
                return null;
            }
            if (m == MORE && !eof) {
                return Event.NEED_DATA;
            }
            atStart = false;
        }
        int end = scan(in);
        if (found) {
            in.position(end + delimiter.length);
            state = BOUNDARY_LINE;
            return null;
        }
        in.position(end);
        if (eof) {
            throw bad("the multipart body has no boundary line --" + boundary()
                    + ": the boundary in Content-Type does not match the body");
        }
        return Event.NEED_DATA;
    }

    private Event boundaryLine(ByteBuffer in) {
        int start = in.position();
        int limit = in.limit();
        if (start < limit && in.get(start) == '-') {
            // scan() saw "--" here: the closing boundary.
            in.position(start + 2);
            state = EPILOGUE;
            return Event.END;
        }
        int p = start;
        while (p < limit && (in.get(p) == ' ' || in.get(p) == '\t')) {
            p++;
            if (p - start > MAX_PADDING) {
                throw bad("more than " + MAX_PADDING + " spaces or tabs after the boundary --" + boundary());
            }
        }
        if (p == limit || (in.get(p) == '\r' && p + 1 == limit)) {
            if (eof) {
                throw bad("the multipart body ends after a boundary line without its closing '--': the upload"
                        + " was cut short");
            }
            return Event.NEED_DATA;
        }
        byte c = in.get(p);
        if (c == '\r' && in.get(p + 1) == '\n') {
            in.position(p + 2);
            if (++parts > maxParts) {
                throw new HttpParseException(413, "the multipart body has more than " + maxParts + " parts");
            }
            state = HEADERS;
            scanned = 0;
            lineStart = 0;
            return null;
        }
        if (c == '\n' || c == '\r') {
            throw bad("the boundary line --" + boundary() + " ends with a bare " + (c == '\n' ? "LF" : "CR")
                    + "; multipart lines end with CRLF");
        }
        throw bad("the boundary line --" + boundary() + " goes on with " + Ascii.describe(c)
                + "; only spaces and tabs may follow a boundary before its CRLF");
    }

    private Event headers(ByteBuffer in) {
        int start = in.position();
        int limit = in.limit();
        int i = start + scanned;
        int ls = start + lineStart;
        for (; i < limit; i++) {
            if (i + 1 - start > maxHeadSize) {
                throw new HttpParseException(
                        413, "the head of multipart part " + parts + " exceeds " + maxHeadSize + " bytes");
            }
            byte b = in.get(i);
            boolean afterCr = i > start && in.get(i - 1) == '\r';
            if (b == '\n') {
                if (!afterCr) {
                    throw bad("a line in the head of multipart part " + parts
                            + " ends with a bare LF; multipart lines end with CRLF");
                }
                if (i - 1 == ls) {
                    byte[] raw = new byte[ls - start];
                    in.get(start, raw);
                    in.position(i + 1);
                    headers = parseHead(raw);
                    state = BODY;
                    return Event.PART;
                }
                ls = i + 1;
            } else if (afterCr) {
                throw bad("a bare CR in the head of multipart part " + parts);
            }
        }
        scanned = i - start;
        lineStart = ls - start;
        if (eof) {
            throw bad("the multipart body ends inside the head of part " + parts);
        }
        return Event.NEED_DATA;
    }

    /** Parses the lines of a head, each ending with CRLF, without the empty line. */
    private Headers parseHead(byte[] raw) {
        Headers h = new Headers();
        StringBuilder folded = null;
        String foldedName = null;
        int p = 0;
        while (p < raw.length) {
            int eol = p;
            while (raw[eol] != '\r') {
                eol++;
            }
            if (raw[p] == ' ' || raw[p] == '\t') {
                if (foldedName == null) {
                    throw bad("the head of multipart part " + parts + " begins with a continuation line");
                }
                String more = value(raw, p, eol);
                if (!more.isEmpty()) {
                    if (folded.length() > 0) {
                        folded.append(' ');
                    }
                    folded.append(more);
                }
            } else {
                if (foldedName != null) {
                    h.add(foldedName, folded.toString());
                }
                int colon = p;
                while (colon < eol && raw[colon] != ':') {
                    colon++;
                }
                if (colon == eol) {
                    throw bad("a line in the head of multipart part " + parts + " has no colon: \""
                            + new String(raw, p, Math.min(eol - p, 60), StandardCharsets.ISO_8859_1) + "\"");
                }
                for (int k = p; k < colon; k++) {
                    if (!Ascii.is(raw[k], Ascii.TOKEN)) {
                        throw bad("a field name in the head of multipart part " + parts + " holds "
                                + Ascii.describe(raw[k])
                                + (raw[k] == ' ' || raw[k] == '\t' ? " before its colon" : ""));
                    }
                }
                if (colon == p) {
                    throw bad("a field in the head of multipart part " + parts + " has an empty name");
                }
                foldedName = new String(raw, p, colon - p, StandardCharsets.ISO_8859_1);
                folded = new StringBuilder(value(raw, colon + 1, eol));
            }
            p = eol + 2;
        }
        if (foldedName != null) {
            h.add(foldedName, folded.toString());
        }
        return h;
    }

    /** The value in raw[from, to) without surrounding spaces and tabs; controls but HTAB refused. */
    private String value(byte[] raw, int from, int to) {
        while (from < to && (raw[from] == ' ' || raw[from] == '\t')) {
            from++;
        }
        while (to > from && (raw[to - 1] == ' ' || raw[to - 1] == '\t')) {
            to--;
        }
        for (int k = from; k < to; k++) {
            int b = raw[k] & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw bad("a field value in the head of multipart part " + parts + " holds " + Ascii.describe(b));
            }
        }
        return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private Event body(ByteBuffer in) {
        int start = in.position();
        int end = scan(in);
        if (end > start) {
            data = in.slice(start, end - start);
            in.position(end);
            return Event.DATA;
        }
        if (found) {
            in.position(start + delimiter.length);
            state = BOUNDARY_LINE;
            return Event.PART_END;
        }
        if (eof) {
            throw bad("the multipart body ends inside part " + parts + ", before its closing boundary --" + boundary()
                    + "--: the upload was cut short");
        }
        return Event.NEED_DATA;
    }

    private String boundary() {
        return new String(delimiter, 4, delimiter.length - 4, StandardCharsets.US_ASCII);
    }
}
