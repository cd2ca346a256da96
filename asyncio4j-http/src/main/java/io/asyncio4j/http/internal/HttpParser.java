package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpParseException;
import io.asyncio4j.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An incremental HTTP/1.1 parser (RFC 9110, RFC 9112) for the requests a server reads or the
 * responses a client reads, one connection each. It is fed the connection's bytes in whatever
 * pieces they arrive and answers with events, in the style of h11: the caller owns the buffer and
 * the parser never blocks, so the same parser serves a task pulling from a {@code StreamReader}
 * ({@link MessageReader}) and a loop feeding it the buffers it read.
 *
 * {@snippet :
 * HttpParser parser = HttpParser.forRequests(HttpLimits.defaults());
 * while (true) {
 *     switch (parser.next(buffer)) {
 *         case NEED_DATA -> { buffer.compact(); read(buffer); buffer.flip(); }
 *         case HEAD -> handle(parser.request());
 *         case BODY -> consume(parser.body()); // a slice of buffer, valid until the next call
 *         case END -> finish(parser.trailers());
 *         case UPGRADE, CLOSED -> { return; }
 *     }
 * }
 * }
 *
 * <p>{@link #next} consumes what it has parsed ({@code in}'s position moves) and leaves an
 * incomplete head, chunk-size line or trailer section in {@code in}: the caller keeps those bytes
 * and appends more after them. It remembers how far it has scanned, so feeding a head one byte at a
 * time costs linear time, and gives the same events as feeding it at once (bodies may come in more
 * pieces). A head or a trailer section is copied once into an array that its {@link Headers} keep;
 * body bytes are never copied.
 *
 * <p>Strict where laxness is a known attack (request smuggling, response splitting): a framing
 * that two parsers could read two ways is refused, not guessed. Any error throws {@link
 * HttpParseException} with the status a server answers before closing the connection, and leaves
 * the parser failed. The rules, each with its status:
 *
 * <ul>
 *   <li>400: {@code Content-Length} with {@code Transfer-Encoding}; {@code Content-Length}
 *       repeated, listed, signed or not a number; {@code chunked} repeated or not last; {@code
 *       Transfer-Encoding} in an HTTP/1.0 request; obs-fold in a request (a response's is replaced
 *       by a space, as RFC 9112 section 5.2 asks); a bare CR; a bare LF in a request; a control byte
 *       in a name or value; whitespace before a colon; a chunk size that is empty, signed, not hex,
 *       over 2^63 or followed by junk; chunk data not followed by CRLF; a request without {@code
 *       Host} (HTTP/1.1) or with two; a target in a form its method may not use; the connection
 *       closed mid-message. 413 past {@code maxBodySize}; 414 past {@code maxLineSize} in a request
 *       line; 431 past the field, field count or head limits; 501 for a transfer coding other than
 *       {@code chunked}; 505 for an HTTP major version other than 1.
 * </ul>
 *
 * <p>The parser does not decode bodies ({@code Content-Encoding} is the caller's), does not
 * interpret {@code Expect} beyond {@code 100-continue}, and stops at {@link Event#UPGRADE} after a
 * message that switches protocols: the bytes after it belong to the new protocol. Not thread-safe:
 * one connection, one task.
 */
public final class HttpParser {
    /*
     * Implementation overview.
     *
     * State machine (state field):
     *   HEAD        scanning for the end of a head (request or status line + fields); on success,
     *               the head is copied into `raw`, parsed, and the state becomes one of the body
     *               states, or END_PENDING for a message without a body.
     *   LENGTH      `left` body bytes to hand out as slices.
     *   CHUNK_SIZE  scanning a chunk-size line; size 0 leads to TRAILERS.
     *   CHUNK_DATA  `left` bytes of the current chunk.
     *   CHUNK_END   the CRLF after chunk data.
     *   TRAILERS    scanning the trailer section (like a head without a start line).
     *   UNTIL_CLOSE every byte is body until feedEof.
     *   END_PENDING the next call returns END, then HEAD (keep-alive), DONE or SWITCHED.
     *   DONE        the connection carries no further message: CLOSED forever.
     *   SWITCHED    after a message that switches protocols: UPGRADE until continueHttp().
     *   FAILED      an error was thrown: it is thrown again.
     *
     * `scanned` is how many bytes past in.position() an incomplete line or section has been
     * searched already; it is reset whenever the position moves.
     */

    /** What {@link #next} found. */
    public enum Event {
        /** Nothing more can be parsed from the bytes given: append more and call again. */
        NEED_DATA,
        /** A head: {@link #request()} or {@link #response()}. A 1xx response is followed by another. */
        HEAD,
        /** A piece of body: {@link #body()}. */
        BODY,
        /** The message is complete; {@link #trailers()} holds a chunked body's trailer fields. */
        END,
        /**
         * The last message switched protocols (an upgrade request, 101, CONNECT): the bytes left in
         * the buffer belong to the new protocol. A server that declined the upgrade calls {@link
         * #continueHttp()}.
         */
        UPGRADE,
        /**
         * No further message on this connection: the last one was not keep-alive, or the peer closed
         * between two messages ({@link #feedEof()}).
         */
        CLOSED
    }

    private static final int HEAD = 0;
    private static final int LENGTH = 1;
    private static final int CHUNK_SIZE = 2;
    private static final int CHUNK_DATA = 3;
    private static final int CHUNK_END = 4;
    private static final int TRAILERS = 5;
    private static final int UNTIL_CLOSE = 6;
    private static final int END_PENDING = 7;
    private static final int DONE = 8;
    private static final int SWITCHED = 9;
    private static final int FAILED = 10;

    private static final Headers NO_TRAILERS = new Headers();

    private final boolean requests;
    private final HttpLimits limits;

    private int state = HEAD;
    private int scanned;
    /** While scanning a head: where the current line starts, relative to in.position(). */
    private int lineStart;
    /** While scanning a head: the number of complete lines so far. */
    private int lines;
    /** While scanning a head: the bytes of empty lines before the start line. */
    private int leading;

    private boolean eof;
    private HttpParseException failure;

    private RequestHead request;
    private ResponseHead response;
    private MessageHead head;
    private ByteBuffer body;
    private Headers trailers = NO_TRAILERS;
    private long left;
    private long bodyRead;
    private int extensionBytes;
    /** For responses: the method of the request being answered. */
    private String requestMethod = "GET";

    /** The ids ({@link KnownHeaders}) of the fields being parsed; reused from message to message. */
    private int[] ids = new int[16];

    /** The result of the field section being parsed; reused. */
    private final FieldScan fieldScan = new FieldScan();

    private HttpParser(boolean requests, HttpLimits limits) {
        this.requests = requests;
        this.limits = limits;
    }

    /** A parser for the requests a server reads. */
    public static HttpParser forRequests(HttpLimits limits) {
        return new HttpParser(true, limits);
    }

    /** A parser for the responses a client reads; say which request each answers with {@link #expectResponseTo}. */
    public static HttpParser forResponses(HttpLimits limits) {
        return new HttpParser(false, limits);
    }

    /**
     * Tells a response parser the method of the request the next response answers: a response to
     * {@code HEAD} has no body whatever its headers say, and a 2xx to {@code CONNECT} opens a tunnel.
     * Stays in force until changed; {@code "GET"} at first.
     */
    public void expectResponseTo(String method) {
        if (requests) {
            throw new IllegalStateException("expectResponseTo is for a response parser; this one reads requests");
        }
        requestMethod = method;
    }

    /** The limits. */
    public HttpLimits limits() {
        return limits;
    }

    /** The head of the current request (after {@link Event#HEAD}). */
    public RequestHead request() {
        return request;
    }

    /** The head of the current response (after {@link Event#HEAD}). */
    public ResponseHead response() {
        return response;
    }

    /** The head of the current message, request or response. */
    public MessageHead head() {
        return head;
    }

    /**
     * The body piece of the last {@link Event#BODY}: a slice of the buffer given to {@link #next},
     * valid until that buffer is changed.
     */
    public ByteBuffer body() {
        return body;
    }

    /** The trailer fields of the message just ended (empty unless a chunked body sent some). */
    public Headers trailers() {
        return trailers;
    }

    /** Whether the parser is between messages, with no byte of the next one seen. */
    public boolean atMessageStart() {
        return state == HEAD && scanned == 0;
    }

    /**
     * Marks the end of the input: the peer closed. The next calls of {@link #next} finish a body
     * read until close, return {@link Event#CLOSED} between messages, and throw {@link
     * HttpParseException} (400) in the middle of one.
     */
    public void feedEof() {
        eof = true;
    }

    /**
     * Goes on reading HTTP after {@link Event#UPGRADE}: a server that declined an upgrade request
     * answers it normally, and the next request follows.
     *
     * @throws IllegalStateException if the parser is not at {@link Event#UPGRADE}, or the message was
     *     a CONNECT or 101 (after which the bytes cannot be HTTP)
     */
    public void continueHttp() {
        if (state != SWITCHED || !(head instanceof RequestHead r) || r.method().equals("CONNECT")) {
            throw new IllegalStateException("continueHttp() is for a server that declined an upgrade request");
        }
        state = head.keepAlive() ? HEAD : DONE;
    }

    /**
     * Parses what it can of {@code in}'s remaining bytes, moving its position past what it consumed.
     *
     * @throws HttpParseException if the input is not a valid message; the parser is then failed
     */
    public Event next(ByteBuffer in) {
        try {
            return switch (state) {
                case HEAD -> head(in);
                case LENGTH -> lengthBody(in);
                case CHUNK_SIZE -> chunkSize(in);
                case CHUNK_DATA -> chunkData(in);
                case CHUNK_END -> chunkEnd(in);
                case TRAILERS -> trailers(in);
                case UNTIL_CLOSE -> untilClose(in);
                case END_PENDING -> end();
                case DONE -> Event.CLOSED;
                case SWITCHED -> Event.UPGRADE;
                default -> throw failure;
            };
        } catch (HttpParseException e) {
            state = FAILED;
            failure = e;
            throw e;
        }
    }

    private static HttpParseException bad(String reason) {
        return new HttpParseException(400, reason);
    }

    // ------------------------------------------------------------------ heads

    private Event head(ByteBuffer in) {
        int start = in.position();
        int limit = in.limit();
        if (scanned == 0) {
            lineStart = 0;
            lines = 0;
            leading = 0;
        }
        int end = scanHead(in, start, limit, true);
        if (end < 0) {
            if (eof) {
                if (start + leading >= limit - (limit > start && in.get(limit - 1) == '\r' ? 1 : 0)) {
                    state = DONE;
                    return Event.CLOSED;
                }
                throw bad("the connection closed in the middle of a message head");
            }
            return Event.NEED_DATA;
        }
        int from = start + leading;
        int length = end - from;
        byte[] raw = new byte[length];
        in.get(from, raw, 0, length);
        in.position(end);
        scanned = 0;
        if (requests) {
            parseRequest(raw, lines);
        } else {
            parseResponse(raw, lines);
        }
        return Event.HEAD;
    }

    /**
     * Scans {@code in} from {@code start + scanned} for the empty line that ends a head (or trailer
     * section, when {@code startLine} is false), checking the limits as it goes. Returns the index
     * just past the empty line, or -1 if it has not arrived (remembering how far it looked).
     *
     * <p>The limits are checked in the order of the bytes, as if the input came one byte at a time,
     * so that the error for an input beyond several limits does not depend on how it was split: for
     * each byte, the line it ends (if an LF), then the head size, then the length of the line so
     * far.
     */
    private int scanHead(ByteBuffer in, int start, int limit, boolean startLine) {
        int i = start + scanned;
        int ls = start + lineStart;
        while (true) {
            int lf = LineFinder.indexOfLf(in, i, limit);
            int segmentEnd = lf < 0 ? limit : lf;
            checkPartial(start, ls, segmentEnd, startLine && lines == 0);
            if (lf < 0) {
                break;
            }
            i = lf;
            int len = i - ls;
            if (len > 0 && in.get(i - 1) == '\r') {
                len--;
            }
            if (len == 0 && startLine && lines == 0) {
                // RFC 9112 section 2.2: empty lines before a start line are ignored.
                i++;
                ls = i;
                leading = i - start;
                checkHeadSize(i - start);
                continue;
            }
            if (len == 0) {
                scanned = 0;
                lineStart = 0;
                checkHeadSize(i + 1 - start);
                return i + 1;
            }
            checkLineLength(len, startLine && lines == 0);
            lines++;
            if (lines > limits.maxHeaders() + (startLine ? 1 : 0)) {
                throw new HttpParseException(
                        431, "more than " + limits.maxHeaders() + (startLine ? " header" : " trailer") + " fields");
            }
            i++;
            ls = i;
            checkHeadSize(i - start);
        }
        scanned = limit - start;
        lineStart = ls - start;
        return -1;
    }

    /**
     * The checks that bytes [ls, end) of an unfinished line would fire one by one: the head size
     * once {@code maxHeadSize} bytes are exceeded, the line length once the line holds more than its
     * limit (a last CR may still be the line's end, so a line is over only with one byte more).
     */
    private void checkPartial(int start, int ls, int end, boolean startLine) {
        int maxHead = limits.maxHeadSize();
        int lineLimit = startLine ? limits.maxLineSize() : limits.maxFieldSize();
        long kSize = (long) start + maxHead; // the byte whose arrival makes the head too large
        long kLine = (long) ls + lineLimit + 1; // the byte whose arrival makes the line too long
        boolean size = kSize >= ls && kSize < end;
        boolean line = kLine < end;
        if (size && (!line || kSize <= kLine)) {
            checkHeadSize(maxHead + 1);
        }
        if (line) {
            checkLineLength(lineLimit + 1, startLine);
        }
    }

    private void checkHeadSize(int size) {
        if (size > limits.maxHeadSize()) {
            throw new HttpParseException(431, "the message head exceeds " + limits.maxHeadSize() + " bytes");
        }
    }

    private void checkLineLength(int len, boolean startLine) {
        if (startLine) {
            if (len > limits.maxLineSize()) {
                throw new HttpParseException(
                        requests ? 414 : 400,
                        (requests ? "the request line" : "the status line") + " exceeds " + limits.maxLineSize()
                                + " bytes");
            }
        } else if (len > limits.maxFieldSize()) {
            throw new HttpParseException(431, "a header field line exceeds " + limits.maxFieldSize() + " bytes");
        }
    }

    /** Index of the LF ending the line that starts at {@code p} (the head ends with LF, so there is one). */
    private static int lineEnd(byte[] raw, int p) {
        while (raw[p] != '\n') {
            p++;
        }
        return p;
    }

    /** The end of a line's content: the LF at {@code lf}, or the CR before it. Checks CRLF in requests. */
    private int contentEnd(byte[] raw, int lineStart, int lf, String what) {
        if (lf > lineStart && raw[lf - 1] == '\r') {
            return lf - 1;
        }
        if (requests) {
            throw bad(what + " ends with a bare LF; HTTP/1.1 lines end with CRLF");
        }
        return lf;
    }

    private void parseRequest(byte[] raw, int lineCount) {
        int lf = lineEnd(raw, 0);
        int eol = contentEnd(raw, 0, lf, "the request line");
        int p = 0;
        while (p < eol && Ascii.is(raw[p], Ascii.TOKEN)) {
            p++;
        }
        if (p == 0) {
            throw bad("the request line does not start with a method (found " + Ascii.describe(raw[0]) + ")");
        }
        if (raw[p] != ' ') {
            throw bad(unexpected(raw[p], "in the method"));
        }
        String method = Methods.intern(raw, p);
        int ts = ++p;
        while (p < eol && Ascii.is(raw[p], Ascii.TARGET)) {
            p++;
        }
        if (p == ts) {
            throw bad(raw[p] == ' ' ? "two spaces after the method" : "the request line has no target");
        }
        if (p == eol) {
            throw bad("the request line has no HTTP version (HTTP/0.9 is not supported)");
        }
        if (raw[p] != ' ') {
            throw bad(unexpected(raw[p], "in the request target"));
        }
        int te = p;
        HttpVersion version = version(raw, p + 1, eol, "request line");
        String target = new String(raw, ts, te - ts, StandardCharsets.ISO_8859_1);
        TargetForm form = targetForm(method, raw, ts, te);

        FieldScan f = parseFields(raw, lf + 1, lineCount - 1);
        Headers headers = f.headers;

        int hostCount = 0;
        int hostIndex = -1;
        boolean close = false;
        boolean keepAliveAsked = false;
        boolean upgradeToken = false;
        boolean upgradeField = false;
        boolean expectContinue = false;
        int clIndex = -1;
        boolean te100 = false;
        for (int i = 0; i < f.count; i++) {
            switch (f.ids[i]) {
                case KnownHeaders.HOST -> {
                    hostCount++;
                    hostIndex = i;
                }
                case KnownHeaders.CONTENT_LENGTH -> {
                    if (clIndex >= 0) {
                        throw bad("Content-Length repeated");
                    }
                    clIndex = i;
                }
                case KnownHeaders.TRANSFER_ENCODING -> te100 = true;
                case KnownHeaders.CONNECTION -> {
                    int tokens = connectionTokens(raw, f.spans, i);
                    close |= (tokens & CLOSE) != 0;
                    keepAliveAsked |= (tokens & KEEP_ALIVE) != 0;
                    upgradeToken |= (tokens & UPGRADE) != 0;
                }
                case KnownHeaders.UPGRADE -> upgradeField = true;
                case KnownHeaders.EXPECT ->
                    expectContinue |= equalsIgnoreCase(raw, f.spans[4 * i + 2], f.spans[4 * i + 3], "100-continue");
                default -> {}
            }
        }
        boolean http11 = version == HttpVersion.HTTP_1_1;
        if (hostCount > 1) {
            throw bad("Host repeated");
        }
        if (hostCount == 0 && http11) {
            throw bad("an HTTP/1.1 request must have a Host field");
        }
        if (hostIndex >= 0) {
            int off = f.spans[4 * hostIndex + 2];
            int len = f.spans[4 * hostIndex + 3];
            for (int i = off; i < off + len; i++) {
                if (!Ascii.is(raw[i], Ascii.HOST)) {
                    throw bad(unexpected(raw[i], "in the Host field"));
                }
            }
        }
        BodyKind kind = BodyKind.NONE;
        long length = -1;
        if (te100) {
            if (!http11) {
                throw bad("Transfer-Encoding in an HTTP/1.0 request (its framing cannot be trusted)");
            }
            if (clIndex >= 0) {
                throw bad("Content-Length and Transfer-Encoding together (a request smuggling pattern)");
            }
            checkChunkedOnly(raw, f);
            kind = BodyKind.CHUNKED;
        } else if (clIndex >= 0) {
            length = contentLength(raw, f.spans, clIndex);
            kind = length > 0 ? BodyKind.LENGTH : BodyKind.NONE;
        }
        boolean keepAlive = http11 ? !close : keepAliveAsked && !close;
        boolean connect = form == TargetForm.AUTHORITY;
        if (connect && kind != BodyKind.NONE) {
            throw bad("a CONNECT request cannot have a body");
        }
        boolean upgrade = connect || (http11 && upgradeToken && upgradeField);
        request = new RequestHead(
                method, target, form, version, headers, kind, length, keepAlive, upgrade, http11 && expectContinue);
        head = request;
        startBody(kind, length);
    }

    private void parseResponse(byte[] raw, int lineCount) {
        int lf = lineEnd(raw, 0);
        int eol = contentEnd(raw, 0, lf, "the status line");
        if (eol < 12 || raw[8] != ' ') {
            throw bad("malformed status line: expected \"HTTP/1.1 200 OK\"");
        }
        HttpVersion version = version(raw, 0, 8, "status line");
        int status = 0;
        for (int p = 9; p < 12; p++) {
            if (raw[p] < '0' || raw[p] > '9') {
                throw bad("the status code is not three digits");
            }
            status = status * 10 + (raw[p] - '0');
        }
        if (status < 100 || status > 599) {
            throw bad("status code " + status + " is outside 100-599");
        }
        String reason = "";
        if (eol > 12) {
            if (raw[12] != ' ') {
                throw bad("the status code is not three digits");
            }
            for (int p = 13; p < eol; p++) {
                if (!Ascii.is(raw[p], Ascii.FIELD_VALUE)) {
                    throw bad(unexpected(raw[p], "in the reason phrase"));
                }
            }
            reason = eol - 13 == 2 && raw[13] == 'O' && raw[14] == 'K'
                    ? "OK"
                    : new String(raw, 13, eol - 13, StandardCharsets.ISO_8859_1);
        }
        FieldScan f = parseFields(raw, lf + 1, lineCount - 1);
        boolean close = false;
        boolean keepAliveAsked = false;
        int clIndex = -1;
        boolean hasTe = false;
        for (int i = 0; i < f.count; i++) {
            switch (f.ids[i]) {
                case KnownHeaders.CONTENT_LENGTH -> {
                    if (clIndex >= 0) {
                        throw bad("Content-Length repeated");
                    }
                    clIndex = i;
                }
                case KnownHeaders.TRANSFER_ENCODING -> hasTe = true;
                case KnownHeaders.CONNECTION -> {
                    int tokens = connectionTokens(raw, f.spans, i);
                    close |= (tokens & CLOSE) != 0;
                    keepAliveAsked |= (tokens & KEEP_ALIVE) != 0;
                }
                default -> {}
            }
        }
        boolean http11 = version == HttpVersion.HTTP_1_1;
        boolean keepAlive = http11 ? !close : keepAliveAsked && !close;
        BodyKind kind;
        long length = -1;
        if (hasTe && clIndex >= 0) {
            throw bad("Content-Length and Transfer-Encoding together (a response splitting pattern)");
        }
        if (status == 101 || (requestMethod.equals("CONNECT") && status >= 200 && status < 300)) {
            kind = BodyKind.SWITCH;
        } else if (status < 200 || status == 204 || status == 304 || requestMethod.equals("HEAD")) {
            kind = BodyKind.NONE;
            if (clIndex >= 0) {
                contentLength(raw, f.spans, clIndex); // still refuse a malformed one
            }
        } else if (hasTe) {
            checkChunkedOnly(raw, f);
            kind = BodyKind.CHUNKED;
        } else if (clIndex >= 0) {
            length = contentLength(raw, f.spans, clIndex);
            kind = length > 0 ? BodyKind.LENGTH : BodyKind.NONE;
        } else {
            kind = BodyKind.UNTIL_CLOSE;
            keepAlive = false;
        }
        response = new ResponseHead(version, status, reason, f.headers, kind, length, keepAlive);
        head = response;
        if (response.informational()) {
            state = HEAD;
            return;
        }
        startBody(kind, length);
    }

    private void startBody(BodyKind kind, long length) {
        bodyRead = 0;
        extensionBytes = 0;
        trailers = NO_TRAILERS;
        switch (kind) {
            case LENGTH -> {
                if (length > limits.maxBodySize()) {
                    throw new HttpParseException(
                            413,
                            "Content-Length " + length + " exceeds the limit of " + limits.maxBodySize() + " bytes");
                }
                left = length;
                state = LENGTH;
            }
            case CHUNKED -> state = CHUNK_SIZE;
            case UNTIL_CLOSE -> state = UNTIL_CLOSE;
            default -> state = END_PENDING;
        }
    }

    private HttpVersion version(byte[] raw, int p, int end, String where) {
        if (end - p != 8
                || raw[p] != 'H'
                || raw[p + 1] != 'T'
                || raw[p + 2] != 'T'
                || raw[p + 3] != 'P'
                || raw[p + 4] != '/'
                || raw[p + 6] != '.') {
            throw bad("malformed HTTP version in the " + where + ": expected HTTP/1.1");
        }
        byte major = raw[p + 5];
        byte minor = raw[p + 7];
        if (major < '0' || major > '9' || minor < '0' || minor > '9') {
            throw bad("malformed HTTP version in the " + where + ": expected HTTP/1.1");
        }
        if (major != '1') {
            throw new HttpParseException(505, "HTTP/" + (char) major + "." + (char) minor + " is not supported");
        }
        return minor == '0' ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    private static TargetForm targetForm(String method, byte[] raw, int ts, int te) {
        byte first = raw[ts];
        boolean connect = method.equals("CONNECT");
        if (first == '/' && !connect) {
            checkNoFragment(raw, ts, te);
            return TargetForm.ORIGIN;
        }
        if (first == '*' && te - ts == 1) {
            if (!method.equals("OPTIONS")) {
                throw bad("the asterisk-form target * is for OPTIONS only");
            }
            return TargetForm.ASTERISK;
        }
        if (connect) {
            // authority-form: host ":" port, nothing else
            int colon = -1;
            for (int i = ts; i < te; i++) {
                if (!Ascii.is(raw[i], Ascii.HOST)) {
                    throw bad("a CONNECT target must be host:port (authority-form)");
                }
                if (raw[i] == ':') {
                    colon = i;
                }
            }
            if (colon <= ts || colon == te - 1 || !digits(raw, colon + 1, te)) {
                throw bad("a CONNECT target must be host:port (authority-form)");
            }
            return TargetForm.AUTHORITY;
        }
        // absolute-form: scheme "://" ...
        int i = ts;
        if (Character.isLetter(first)) {
            while (i < te && (Character.isLetterOrDigit(raw[i]) || raw[i] == '+' || raw[i] == '-' || raw[i] == '.')) {
                i++;
            }
            if (te - i > 3 && raw[i] == ':' && raw[i + 1] == '/' && raw[i + 2] == '/') {
                checkNoFragment(raw, ts, te);
                return TargetForm.ABSOLUTE;
            }
        }
        throw bad("the request target must start with / (or be an absolute URI; host:port is for CONNECT only)");
    }

    private static void checkNoFragment(byte[] raw, int ts, int te) {
        for (int i = ts; i < te; i++) {
            if (raw[i] == '#') {
                throw bad("the request target holds a fragment (#), which is never sent");
            }
        }
    }

    private static boolean digits(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] < '0' || raw[i] > '9') {
                return false;
            }
        }
        return to > from;
    }

    // ------------------------------------------------------------------ fields

    /** The result of parsing a field section. */
    private static final class FieldScan {
        Headers headers;
        int[] spans;
        int[] ids;
        int count;
    }

    /**
     * Parses the field lines of {@code raw} from {@code p} up to the empty line. {@code maxLines} is
     * the number of lines there (the scanner counted them), which bounds the number of fields.
     */
    private FieldScan parseFields(byte[] raw, int p, int maxLines) {
        int n = Math.max(maxLines, 0);
        int[] spans = new int[4 * n];
        if (ids.length < n) {
            ids = new int[Math.max(n, 2 * ids.length)];
        }
        int[] ids = this.ids;
        String[] names = new String[n];
        String[] values = null;
        int count = 0;
        while (true) {
            byte b = raw[p];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && raw[p + 1] != '\n') {
                    throw bad("bare CR in the message head");
                }
                contentEnd(raw, p, b == '\r' ? p + 1 : p, "the empty line ending the head");
                break;
            }
            if (b == ' ' || b == '\t') {
                if (requests || count == 0) {
                    throw bad(
                            count == 0
                                    ? "the first field line starts with whitespace"
                                    : "obsolete line folding (obs-fold) in a request; send each field on one line");
                }
                if (values == null) {
                    values = new String[n];
                }
                p = unfold(raw, p, spans, names, values, count - 1);
                continue;
            }
            int ns = p;
            // A name spelled exactly as a known one is a valid token without a byte-by-byte check.
            int stop = LineFinder.nameEnd(raw, p);
            int slot = raw[stop] == ':' ? KnownHeaders.findExact(raw, ns, stop - ns) : -1;
            String shared = null;
            if (slot >= 0) {
                p = stop;
                shared = KnownHeaders.canonical(slot);
            } else {
                while (Ascii.is(b, Ascii.TOKEN)) {
                    b = raw[++p];
                }
                if (p == ns) {
                    throw bad(
                            b == ':'
                                    ? "a field line has no name before its colon"
                                    : unexpected(b, "at the start of a field line"));
                }
                if (b != ':') {
                    if (b == ' ' || b == '\t') {
                        throw bad("whitespace between the field name and the colon (a request smuggling pattern)");
                    }
                    throw bad(unexpected(b, "in a field name"));
                }
                slot = KnownHeaders.find(raw, ns, p - ns);
                if (slot >= 0) {
                    shared = KnownHeaders.sharedName(slot, raw, ns);
                }
            }
            int nameLen = p - ns;
            p++;
            while (raw[p] == ' ' || raw[p] == '\t') {
                p++;
            }
            int vs = p;
            p = LineFinder.skipFieldValue(raw, p);
            b = raw[p];
            int lf;
            if (b == '\r') {
                if (raw[p + 1] != '\n') {
                    throw bad("bare CR in the value of " + name(raw, ns, nameLen));
                }
                lf = p + 1;
            } else if (b == '\n') {
                contentEnd(raw, vs, p, "a field line");
                lf = p;
            } else {
                throw bad(unexpected(b, "in the value of " + name(raw, ns, nameLen)));
            }
            int ve = p;
            while (ve > vs && (raw[ve - 1] == ' ' || raw[ve - 1] == '\t')) {
                ve--;
            }
            names[count] = shared;
            ids[count] = KnownHeaders.id(slot);
            int s = 4 * count;
            spans[s] = ns;
            spans[s + 1] = nameLen;
            spans[s + 2] = vs;
            spans[s + 3] = ve - vs;
            count++;
            p = lf + 1;
        }
        FieldScan f = fieldScan;
        f.headers = HeadersAccess.get().parsed(raw, spans, names, values, count);
        f.spans = spans;
        f.ids = ids;
        f.count = count;
        return f;
    }

    /**
     * Joins an obs-fold continuation line (response only) to field {@code index}, with one space for
     * the fold, as RFC 9112 section 5.2 asks of a user agent. Returns the start of the next line.
     */
    private int unfold(byte[] raw, int p, int[] spans, String[] names, String[] values, int index) {
        int lf = lineEnd(raw, p);
        int end = contentEnd(raw, p, lf, "a folded field line");
        int s = p;
        while (s < end && (raw[s] == ' ' || raw[s] == '\t')) {
            s++;
        }
        int e = end;
        while (e > s && (raw[e - 1] == ' ' || raw[e - 1] == '\t')) {
            e--;
        }
        for (int i = s; i < e; i++) {
            if (!Ascii.is(raw[i], Ascii.FIELD_VALUE)) {
                throw bad(unexpected(raw[i], "in a folded field value"));
            }
        }
        String before = values[index] != null
                ? values[index]
                : new String(raw, spans[4 * index + 2], spans[4 * index + 3], StandardCharsets.ISO_8859_1);
        String more = new String(raw, s, e - s, StandardCharsets.ISO_8859_1);
        values[index] = before.isEmpty() ? more : more.isEmpty() ? before : before + " " + more;
        if (names[index] == null) {
            names[index] = new String(raw, spans[4 * index], spans[4 * index + 1], StandardCharsets.ISO_8859_1);
        }
        return lf + 1;
    }

    private static String name(byte[] raw, int off, int len) {
        return new String(raw, off, len, StandardCharsets.ISO_8859_1);
    }

    private static String unexpected(byte b, String where) {
        if (b == '\r') {
            return "bare CR " + where;
        }
        if (b == 0) {
            return "NUL " + where;
        }
        return "invalid byte " + Ascii.describe(b) + " " + where;
    }

    private static final int CLOSE = 1;
    private static final int KEEP_ALIVE = 2;
    private static final int UPGRADE = 4;

    /** The options of a {@code Connection} field (a comma-separated token list) that matter here. */
    private static int connectionTokens(byte[] raw, int[] spans, int i) {
        int p = spans[4 * i + 2];
        int end = p + spans[4 * i + 3];
        int found = 0;
        while (p < end) {
            while (p < end && (raw[p] == ' ' || raw[p] == '\t' || raw[p] == ',')) {
                p++;
            }
            int s = p;
            while (p < end && raw[p] != ',' && raw[p] != ' ' && raw[p] != '\t') {
                p++;
            }
            int len = p - s;
            if (equalsIgnoreCase(raw, s, len, "close")) {
                found |= CLOSE;
            } else if (equalsIgnoreCase(raw, s, len, "keep-alive")) {
                found |= KEEP_ALIVE;
            } else if (equalsIgnoreCase(raw, s, len, "upgrade")) {
                found |= UPGRADE;
            }
        }
        return found;
    }

    private static boolean equalsIgnoreCase(byte[] raw, int off, int len, String lower) {
        if (len != lower.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int c = raw[off + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that the transfer codings of every {@code Transfer-Encoding} field, in order, are
     * exactly one {@code chunked}: chunked repeated or not last is ambiguous (400), any other coding
     * is one this parser does not implement (501).
     */
    private static void checkChunkedOnly(byte[] raw, FieldScan f) {
        int chunked = 0;
        String other = null;
        boolean empty = true;
        for (int i = 0; i < f.count; i++) {
            if (f.ids[i] != KnownHeaders.TRANSFER_ENCODING) {
                continue;
            }
            int p = f.spans[4 * i + 2];
            int end = p + f.spans[4 * i + 3];
            while (p < end) {
                while (p < end && (raw[p] == ' ' || raw[p] == '\t')) {
                    p++;
                }
                int s = p;
                while (p < end && raw[p] != ',') {
                    p++;
                }
                int e = p;
                while (e > s && (raw[e - 1] == ' ' || raw[e - 1] == '\t')) {
                    e--;
                }
                p++;
                if (e == s) {
                    continue;
                }
                empty = false;
                boolean isChunked = equalsIgnoreCase(raw, s, e - s, "chunked");
                if (isChunked && chunked > 0) {
                    throw bad("chunked applied more than once");
                }
                if (chunked > 0) {
                    throw bad("chunked is not the final transfer coding");
                }
                if (isChunked) {
                    chunked++;
                } else {
                    for (int k = s; k < e; k++) {
                        if (!Ascii.is(raw[k], Ascii.TOKEN)) {
                            throw bad("invalid transfer coding \""
                                    + new String(raw, s, e - s, StandardCharsets.ISO_8859_1) + "\"");
                        }
                    }
                    if (other == null) {
                        other = new String(raw, s, e - s, StandardCharsets.ISO_8859_1);
                    }
                }
            }
        }
        if (empty) {
            throw bad("empty Transfer-Encoding");
        }
        if (other != null) {
            throw new HttpParseException(501, "transfer coding " + other + " is not implemented (only chunked is)");
        }
    }

    private static long contentLength(byte[] raw, int[] spans, int i) {
        int off = spans[4 * i + 2];
        int len = spans[4 * i + 3];
        if (len == 0) {
            throw bad("empty Content-Length");
        }
        if (len > 18) {
            throw bad("Content-Length too large or malformed");
        }
        long n = 0;
        for (int k = off; k < off + len; k++) {
            byte b = raw[k];
            if (b < '0' || b > '9') {
                throw bad("Content-Length \"" + new String(raw, off, len, StandardCharsets.ISO_8859_1)
                        + "\" is not a number of bytes");
            }
            n = n * 10 + (b - '0');
        }
        return n;
    }

    // ------------------------------------------------------------------ bodies

    private Event end() {
        MessageHead h = head;
        if (h.bodyKind() == BodyKind.SWITCH || (h instanceof RequestHead r && r.upgrade())) {
            state = SWITCHED;
        } else {
            state = h.keepAlive() ? HEAD : DONE;
        }
        body = null;
        return Event.END;
    }

    private Event lengthBody(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), left);
        if (n == 0) {
            if (eof) {
                throw bad("the connection closed after " + (head.contentLength() - left) + " of " + head.contentLength()
                        + " body bytes");
            }
            return Event.NEED_DATA;
        }
        body = slice(in, n);
        left -= n;
        if (left == 0) {
            state = END_PENDING;
        }
        return Event.BODY;
    }

    private Event untilClose(ByteBuffer in) {
        int n = in.remaining();
        if (n == 0) {
            if (eof) {
                state = DONE;
                body = null;
                return Event.END;
            }
            return Event.NEED_DATA;
        }
        bodyRead += n;
        if (bodyRead > limits.maxBodySize()) {
            throw new HttpParseException(413, "the body exceeds the limit of " + limits.maxBodySize() + " bytes");
        }
        body = slice(in, n);
        return Event.BODY;
    }

    private static ByteBuffer slice(ByteBuffer in, int n) {
        int p = in.position();
        ByteBuffer s = in.slice(p, n);
        in.position(p + n);
        return s;
    }

    private Event chunkSize(ByteBuffer in) {
        int start = in.position();
        int limit = in.limit();
        int i = start + scanned;
        // The line's length is checked before anything else, on complete and partial lines alike,
        // so that the error does not depend on how the bytes were split.
        int maxLine = 18 + (limits.maxChunkExtensionsSize() - extensionBytes);
        int lf = LineFinder.indexOfLf(in, i, limit);
        if (lf < 0) {
            scanned = limit - start;
            boolean crLast = limit > start && in.get(limit - 1) == '\r';
            if (scanned - (crLast ? 1 : 0) > maxLine) {
                throw chunkLineTooLong(maxLine);
            }
            if (eof) {
                throw bad("the connection closed in the middle of a chunked body");
            }
            return Event.NEED_DATA;
        }
        scanned = 0;
        int lineEnd = lf;
        boolean crlf = lineEnd > start && in.get(lineEnd - 1) == '\r';
        int contentEnd = crlf ? lineEnd - 1 : lineEnd;
        if (contentEnd - start > maxLine) {
            throw chunkLineTooLong(maxLine);
        }
        if (!crlf && requests) {
            throw bad("the chunk-size line ends with a bare LF; HTTP/1.1 lines end with CRLF");
        }
        long size = 0;
        int p = start;
        while (p < contentEnd && Ascii.is(in.get(p), Ascii.HEX)) {
            if (size > (Long.MAX_VALUE >> 4)) {
                throw bad("the chunk size overflows");
            }
            size = (size << 4) | Ascii.hexValue(in.get(p));
            p++;
        }
        if (p == start) {
            throw bad("invalid chunk size: "
                    + (p == contentEnd ? "empty" : Ascii.describe(in.get(p)) + " is not a hex digit"));
        }
        if (p < contentEnd) {
            chunkExtensions(in, p, contentEnd);
        }
        in.position(lineEnd + 1);
        if (size == 0) {
            state = TRAILERS;
            lineStart = 0;
            lines = 0;
            return trailers(in);
        }
        bodyRead += size;
        if (bodyRead > limits.maxBodySize()) {
            throw new HttpParseException(413, "the body exceeds the limit of " + limits.maxBodySize() + " bytes");
        }
        left = size;
        state = CHUNK_DATA;
        return chunkData(in);
    }

    private HttpParseException chunkLineTooLong(int maxLine) {
        return bad("a chunk-size line exceeds " + maxLine + " bytes (chunk extensions are limited to "
                + limits.maxChunkExtensionsSize() + " bytes in one message)");
    }

    /** Validates the chunk extensions in [p, end) and counts them against the message's limit. */
    private void chunkExtensions(ByteBuffer in, int p, int end) {
        int q = p;
        while (q < end && (in.get(q) == ' ' || in.get(q) == '\t')) {
            q++;
        }
        if (q == end || in.get(q) != ';') {
            throw bad(unexpected(in.get(q < end ? q : p), "after the chunk size"));
        }
        for (int k = q; k < end; k++) {
            byte b = in.get(k);
            if (!Ascii.is(b, Ascii.FIELD_VALUE)) {
                throw bad(unexpected(b, "in a chunk extension"));
            }
        }
        extensionBytes += end - p;
        if (extensionBytes > limits.maxChunkExtensionsSize()) {
            throw bad("chunk extensions exceed " + limits.maxChunkExtensionsSize() + " bytes in one message");
        }
    }

    private Event chunkData(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), left);
        if (n == 0) {
            if (eof) {
                throw bad("the connection closed in the middle of a chunk");
            }
            return Event.NEED_DATA;
        }
        body = slice(in, n);
        left -= n;
        if (left == 0) {
            state = CHUNK_END;
        }
        return Event.BODY;
    }

    private Event chunkEnd(ByteBuffer in) {
        int p = in.position();
        int remaining = in.remaining();
        if (remaining == 0) {
            return needData("the connection closed in the middle of a chunked body");
        }
        byte b = in.get(p);
        if (b == '\r') {
            if (remaining < 2) {
                return needData("the connection closed in the middle of a chunked body");
            }
            if (in.get(p + 1) != '\n') {
                throw bad("chunk data not followed by CRLF (longer than its chunk size)");
            }
            in.position(p + 2);
        } else if (b == '\n' && !requests) {
            in.position(p + 1);
        } else {
            throw bad(
                    b == '\n'
                            ? "chunk data followed by a bare LF; HTTP/1.1 lines end with CRLF"
                            : "chunk data not followed by CRLF (longer than its chunk size)");
        }
        state = CHUNK_SIZE;
        return chunkSize(in);
    }

    private Event needData(String eofReason) {
        if (eof) {
            throw bad(eofReason);
        }
        return Event.NEED_DATA;
    }

    private Event trailers(ByteBuffer in) {
        int start = in.position();
        int limit = in.limit();
        if (scanned == 0 && limit - start >= 2 && in.get(start) == '\r' && in.get(start + 1) == '\n') {
            in.position(start + 2);
            trailers = NO_TRAILERS;
            state = END_PENDING;
            return end();
        }
        int end = scanHead(in, start, limit, false);
        if (end < 0) {
            return needData("the connection closed in the middle of the trailer section");
        }
        int length = end - start;
        byte[] raw = new byte[length];
        in.get(start, raw, 0, length);
        in.position(end);
        FieldScan f = parseFields(raw, 0, lines);
        trailers = f.headers;
        return end();
    }
}
