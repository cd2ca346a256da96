package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Loop;
import io.asyncio4j.Task;
import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpParseException;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.internal.BodyKind;
import io.asyncio4j.http.internal.ChunkedWriter;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.Reasons;
import io.asyncio4j.http.internal.RequestHead;
import io.asyncio4j.lowlevel.TimerHandle;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.net.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client connection: reads requests, runs each one's handler, writes the responses, in order.
 * Loop thread only; one per socket, driven by the connection's task.
 */
final class HttpConnection {
    /*
     * Implementation overview.
     *
     * The connection's own task reads a request head, runs the handler chain in place (no task per
     * request: pipelined requests are served in order straight from this buffer), sends the
     * response, and loops while the connection is kept alive. The handler is an ordinary function
     * of that task, so it may suspend, block in JDK I/O (parking only this connection), or be
     * cancelled (the connection answers 503 if its response had not started, then closes).
     *
     * `in` is the read buffer (read mode: the unparsed bytes are [position, limit)); the parser
     * hands out body slices of it, valid until the next fill.
     *
     * Phases (field `phase`, loop thread only):
     *   IDLE      before a request, no byte of its head received (keep-alive timeout running; for
     *             the first request, the header timeout)
     *   HEAD      part of a head received (header timeout running)
     *   BUSY      a request is being handled: its handler runs or its response is written
     *   DRAIN     after a response, the unread rest of a small request body is skipped
     *   DETACHED  a 101 response took the connection over
     *   DONE      serve() returned
     *
     * Timeouts: one TimerHandle at a time. `deadline` says when the current phase expires (NONE in
     * BUSY and after); the timer fires at or before it and re-arms itself if the deadline moved,
     * so a keep-alive connection costs one timer per timeout period, not one per request.
     */
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.http.web");

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Headers NO_HEADERS = new Headers();
    private static final long NONE = Long.MAX_VALUE;
    /** A request body left unread up to this size is skipped to keep the connection; a longer one closes it. */
    private static final long DRAIN_LIMIT = 256 * 1024;
    /** Bodies up to this size go out in one write with their head. */
    private static final int COPY_BODY_BELOW = 16 * 1024;

    private static final int IDLE = 0;
    private static final int HEAD = 1;
    private static final int BUSY = 2;
    private static final int DRAIN = 3;
    private static final int DETACHED = 4;
    private static final int DONE = 5;

    private final WebServer server;
    private final Loop loop;
    private final StreamReader reader;
    private final StreamWriter writer;
    private final HttpParser parser;
    private final HeadWriter head = new HeadWriter();
    private ByteBuffer in = ByteBuffer.allocate(4096).flip();
    private byte[] out = new byte[1024];
    private Task<?> task;

    private int phase = IDLE;
    /** The server is shutting down: answer the request in hand with Connection: close, then end. */
    private boolean closing;

    private long deadline = NONE;
    private TimerHandle timer;
    private final Runnable onTimer = this::deadlinePassed;

    // ---- the exchange in hand ----
    private Request request;
    private StreamResponse response;
    private ChunkedWriter chunks;
    private boolean bodyDone;
    private boolean continueSent;
    private boolean closeAfter;
    private long bodyReceived;

    HttpConnection(WebServer server, StreamReader reader, StreamWriter writer) {
        this.server = server;
        this.loop = Asyncio.currentLoop();
        this.reader = reader;
        this.writer = writer;
        this.parser = HttpParser.forRequests(server.options().limits());
    }

    WebServer server() {
        return server;
    }

    Loop loop() {
        return loop;
    }

    SocketAddress peerAddress() {
        return writer.peerAddress();
    }

    SocketAddress localAddress() {
        return writer.localAddress();
    }

    boolean secure() {
        return writer.sslSession() != null;
    }

    boolean closesAfterResponse() {
        return closeAfter;
    }

    // ---- the request loop ----

    /** Serves the connection until the client closes, keep-alive ends, or the server shuts down. */
    void serve() {
        task = Asyncio.currentTask();
        setDeadline(server.headerTimeoutNanos());
        try {
            while (true) {
                if (in.hasRemaining()) {
                    phase = HEAD;
                    setDeadline(server.headerTimeoutNanos());
                } else {
                    phase = IDLE;
                }
                HttpParser.Event e = readHead();
                if (e != HttpParser.Event.HEAD) {
                    return;
                }
                exchange(parser.request());
                if (closeAfter || closing || phase == DETACHED) {
                    return;
                }
                setDeadline(server.keepaliveTimeoutNanos());
            }
        } catch (HttpParseException e) {
            refuse(e);
        } catch (UncheckedIOException e) {
            // The client went away or the connection was closed (a timeout, a shutdown): nobody
            // is left to answer.
            LOG.log(System.Logger.Level.DEBUG, () -> "connection from " + peerAddress() + " ended: " + e.getMessage());
        } finally {
            phase = DONE;
            deadline = NONE;
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }

    private HttpParser.Event readHead() {
        while (true) {
            HttpParser.Event e = parser.next(in);
            switch (e) {
                case HEAD, CLOSED -> {
                    return e;
                }
                case UPGRADE -> {
                    // The last request asked to switch protocols and its handler declined.
                    try {
                        parser.continueHttp();
                    } catch (IllegalStateException notHttp) {
                        return HttpParser.Event.CLOSED;
                    }
                    continue;
                }
                case BODY, END -> {
                    continue;
                }
                default -> {}
            }
            if (phase == IDLE && closing) {
                return HttpParser.Event.CLOSED;
            }
            fill();
            if (phase == IDLE && in.hasRemaining()) {
                phase = HEAD;
                setDeadline(server.headerTimeoutNanos());
            }
        }
    }

    private void fill() {
        ByteBuffer b = in;
        b.compact();
        if (!b.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(b.capacity() * 2);
            bigger.put(b.flip());
            b = bigger;
            in = b;
        }
        byte[] data = reader.read(b.remaining());
        if (data.length == 0) {
            parser.feedEof();
        } else {
            b.put(data);
        }
        b.flip();
    }

    // ---- one exchange ----

    private void exchange(RequestHead h) {
        phase = BUSY;
        deadline = NONE;
        long start = System.nanoTime();
        RequestEvent event = server.beginEvent();
        bodyDone = h.bodyKind() == BodyKind.NONE;
        continueSent = false;
        bodyReceived = 0;
        response = null;
        chunks = null;
        closeAfter = !h.keepAlive() || closing;
        Request req = newRequest(h);
        request = req;
        StreamResponse resp = null;
        try {
            resp = req.chain().handle(req);
            if (resp == null) {
                throw new IllegalStateException(
                        "the handler of " + req + " returned null; return a Response (or throw an HttpException)");
            }
        } catch (HttpException e) {
            resp = response == null ? e.toResponse(req) : null;
        } catch (HttpParseException e) {
            // The body was malformed or too large for the parser: answer its status, then close.
            closeAfter = true;
            resp = response == null ? simple(e.status(), e.reason()) : null;
        } catch (CancelledError e) {
            cancelled(req);
            throw e;
        } catch (UncheckedIOException e) {
            if (!writer.isClosing()) {
                server.reportHandlerError(req, e, task);
                resp = response == null ? internalError() : null;
            }
        } catch (Throwable e) {
            server.reportHandlerError(req, e, task);
            resp = response == null ? internalError() : null;
        }
        try {
            finish(req, resp);
        } finally {
            server.requestDone(req, response != null ? response : resp, start, event);
            request = null;
            response = null;
            chunks = null;
        }
    }

    private Request newRequest(RequestHead h) {
        String target = h.target();
        String rawPath;
        int query;
        switch (h.targetForm()) {
            case ORIGIN -> {
                query = target.indexOf('?');
                rawPath = query < 0 ? target : target.substring(0, query);
            }
            case ABSOLUTE -> {
                int scheme = target.indexOf("://");
                int slash = target.indexOf('/', scheme + 3);
                query = target.indexOf('?', scheme + 3);
                if (slash < 0 || (query >= 0 && query < slash)) {
                    rawPath = "/";
                } else {
                    rawPath = query < 0 ? target.substring(slash) : target.substring(slash, query);
                }
            }
            default -> {
                query = -1;
                rawPath = target;
            }
        }
        Router.Resolved resolved = server.app().router().resolve(h.method(), UrlCodec.normalizePath(rawPath));
        return new Request(this, h, rawPath, query, resolved);
    }

    /** Sends the response the handler returned (if it has not), and settles the request body. */
    private void finish(Request req, StreamResponse resp) {
        if (writer.isClosing()) {
            closeAfter = true;
            return;
        }
        if (resp == null) {
            // The handler failed after its response had started: the client cannot be told but by
            // the connection ending before the response does.
            closeAfter = true;
            writer.abort();
            return;
        }
        if (response != null && resp != response) {
            server.reportHandlerError(
                    req,
                    new IllegalStateException("the handler of " + req + " prepared " + response + " but returned "
                            + resp + "; return the response it prepared"),
                    task);
            closeAfter = true;
            writer.abort();
            return;
        }
        try {
            if (!resp.prepared()) {
                settleUnreadBody();
                resp.prepare(req);
            }
            resp.writeEof();
        } catch (CancelledError e) {
            cancelled(req);
            throw e;
        } catch (UncheckedIOException e) {
            closeAfter = true;
            return;
        } catch (Exception e) {
            server.reportHandlerError(req, e, task);
            closeAfter = true;
            if (response == null) {
                sendSimple(internalError());
            } else {
                writer.close();
            }
            return;
        }
        if (!bodyDone && !closeAfter) {
            skipBufferedBody();
            if (!bodyDone) {
                if (request.head().bodyKind() == BodyKind.LENGTH
                        && request.head().contentLength() - bodyReceived <= DRAIN_LIMIT
                        && (continueSent || !request.head().expectContinue())) {
                    drainBody();
                } else {
                    closeAfter = true;
                }
            }
        }
    }

    /**
     * Before an answer to a request whose body was not read: skips what is already here, and decides
     * whether the connection can go on after the answer.
     */
    private void settleUnreadBody() {
        if (bodyDone) {
            return;
        }
        skipBufferedBody();
        if (bodyDone) {
            return;
        }
        RequestHead h = request.head();
        if (h.expectContinue() && !continueSent) {
            // The client waits for 100 Continue before sending the body, or sends it after a
            // while: whether it comes cannot be known, so the connection ends after the answer.
            closeAfter = true;
        } else if (h.bodyKind() != BodyKind.LENGTH || h.contentLength() - bodyReceived > DRAIN_LIMIT) {
            closeAfter = true;
        }
    }

    private void skipBufferedBody() {
        while (!bodyDone) {
            HttpParser.Event e = parser.next(in);
            if (e == HttpParser.Event.BODY) {
                ByteBuffer b = parser.body();
                bodyReceived += b.remaining();
            } else if (e == HttpParser.Event.NEED_DATA) {
                return;
            } else {
                bodyDone = true;
            }
        }
    }

    /** Reads and drops the rest of a small body, within the header timeout. */
    private void drainBody() {
        phase = DRAIN;
        setDeadline(server.headerTimeoutNanos());
        while (!bodyDone) {
            HttpParser.Event e = parser.next(in);
            switch (e) {
                case BODY -> bodyReceived += parser.body().remaining();
                case NEED_DATA -> fill();
                default -> bodyDone = true;
            }
        }
        phase = BUSY;
        deadline = NONE;
    }

    /** The handler was cancelled (a shutdown past its grace period): answer 503 if nothing was sent. */
    private void cancelled(Request req) {
        closeAfter = true;
        if (writer.isClosing()) {
            return;
        }
        if (response == null) {
            sendSimple(new HttpServiceUnavailable("the server is shutting down").toResponse(req));
        } else {
            writer.abort();
        }
    }

    // ---- the body of the request ----

    /**
     * The next piece of the request body (a slice of the read buffer, valid until the next read),
     * or null at its end. Answers {@code Expect: 100-continue} first.
     */
    ByteBuffer nextBodyPiece(Request req) {
        if (req != request || phase != BUSY) {
            throw new IllegalStateException(
                    "the body of " + req + " can be read only while its handler runs, by the task running it");
        }
        if (bodyDone) {
            return null;
        }
        if (!continueSent && req.head().expectContinue()) {
            continueSent = true;
            if (response == null) {
                writer.write(CONTINUE);
            }
        }
        while (true) {
            HttpParser.Event e = parser.next(in);
            switch (e) {
                case BODY -> {
                    ByteBuffer b = parser.body();
                    bodyReceived += b.remaining();
                    return b;
                }
                case NEED_DATA -> fill();
                default -> {
                    bodyDone = true;
                    return null;
                }
            }
        }
    }

    // ---- the response ----

    /**
     * Sends the head of {@code r} (and {@code body}, all of a {@link Response}'s, when given),
     * choosing the framing; called by {@link StreamResponse#prepare}.
     */
    void sendHead(Request req, StreamResponse r, byte[] body, int off, int len) {
        if (req != request || phase != BUSY) {
            throw new IllegalStateException("cannot prepare a response for " + req
                    + ": its handling has ended (or it is another" + " connection's)");
        }
        if (response != null) {
            throw new IllegalStateException("a response was already prepared for " + req + ": " + response);
        }
        if (writer.isClosing()) {
            throw new UncheckedIOException(new IOException("the client of " + req + " has gone"));
        }
        RequestHead h = req.head();
        int status = r.status();
        boolean http11 = h.version() == HttpVersion.HTTP_1_1;
        boolean headRequest = h.method().equals("HEAD");
        Headers hs = r.headersOrNull();
        long length = r.contentLength();
        if (hs != null && !hs.isEmpty()) {
            length = takeFramingFields(hs, length);
            String conn = hs.get(HeaderNames.CONNECTION);
            if (conn != null && conn.toLowerCase(java.util.Locale.ROOT).contains("close")) {
                closeAfter = true;
            }
        }
        long framing;
        int mode;
        if (status < 200 || status == 204 || status == 304) {
            framing = HeadWriter.NO_FRAMING;
            mode = StreamResponse.NO_BODY;
        } else if (length >= 0) {
            framing = length;
            mode = headRequest ? StreamResponse.NO_BODY : StreamResponse.LENGTH;
        } else if (headRequest) {
            framing = HeadWriter.NO_FRAMING;
            mode = StreamResponse.NO_BODY;
        } else if (http11 && r.chunkedAllowed()) {
            framing = HeadWriter.CHUNKED;
            mode = StreamResponse.CHUNKED;
        } else {
            framing = HeadWriter.NO_FRAMING;
            mode = StreamResponse.UNTIL_CLOSE;
            closeAfter = true;
        }
        if (r.forcesClose()) {
            closeAfter = true;
        }
        if (status != 101) {
            if (closeAfter) {
                if (http11 || h.keepAlive()) {
                    hs = r.headers();
                    hs.set(HeaderNames.CONNECTION, "close");
                }
            } else if (!http11) {
                hs = r.headers();
                hs.set(HeaderNames.CONNECTION, "keep-alive");
            }
        }
        head.response(HttpVersion.HTTP_1_1, status, r.reason(), hs != null ? hs : NO_HEADERS, framing);
        response = r;
        r.conn = this;
        r.bodyMode = mode;
        r.remaining = mode == StreamResponse.LENGTH ? length : 0;
        if (mode == StreamResponse.CHUNKED) {
            chunks = new ChunkedWriter(writer);
        }
        if (body != null && len > 0 && mode == StreamResponse.LENGTH && len <= r.remaining) {
            r.remaining -= len;
            r.bodyBytes += len;
            writeHeadAndBody(body, off, len);
        } else {
            writer.write(head.array(), 0, head.length());
        }
    }

    /** Moves a {@code Content-Length} set as a header into the length; drops {@code Transfer-Encoding}. */
    private static long takeFramingFields(Headers hs, long length) {
        String cl = hs.get(HeaderNames.CONTENT_LENGTH);
        if (cl != null) {
            if (length < 0) {
                try {
                    length = Long.parseLong(cl.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the response's Content-Length header is not a number: " + cl);
                }
            }
            hs.remove(HeaderNames.CONTENT_LENGTH);
        }
        if (hs.contains(HeaderNames.TRANSFER_ENCODING)) {
            hs.remove(HeaderNames.TRANSFER_ENCODING);
        }
        return length;
    }

    private void writeHeadAndBody(byte[] body, int off, int len) {
        int n = head.length();
        if (len >= COPY_BODY_BELOW) {
            writer.write(head.array(), 0, n);
            writer.write(body, off, len);
            return;
        }
        byte[] o = out;
        if (o.length < n + len) {
            o = new byte[Math.max(o.length * 2, n + len)];
            out = o;
        }
        System.arraycopy(head.array(), 0, o, 0, n);
        System.arraycopy(body, off, o, n, len);
        writer.write(o, 0, n + len);
    }

    void writeBody(StreamResponse r, byte[] data, int off, int len) {
        if (r.bodyMode == StreamResponse.CHUNKED) {
            chunks.write(data, off, len);
        } else {
            writer.write(data, off, len);
        }
    }

    void writeBody(StreamResponse r, ByteBuffer data) {
        if (r.bodyMode == StreamResponse.CHUNKED) {
            chunks.write(data);
        } else {
            writer.write(data);
        }
    }

    void drain() {
        writer.drain();
    }

    long sendfile(FileChannel file, long offset, long count) throws IOException {
        return writer.sendfile(file, offset, count);
    }

    void endBody(StreamResponse r) {
        switch (r.bodyMode) {
            case StreamResponse.CHUNKED -> {
                if (!writer.isClosing()) {
                    chunks.finish(null);
                }
            }
            case StreamResponse.LENGTH -> {
                if (r.remaining > 0) {
                    closeAfter = true;
                    writer.close();
                    throw new IllegalStateException("the response to " + request + " declared Content-Length "
                            + r.contentLength() + " but its body ended after " + r.bodyBytes + " bytes;"
                            + " the connection was closed");
                }
            }
            case StreamResponse.UNTIL_CLOSE -> closeAfter = true;
            default -> {}
        }
    }

    StreamResponse.Detached detach(StreamResponse r) {
        if (r != response) {
            throw new IllegalStateException("detach() by a response that is not the one prepared for the request");
        }
        phase = DETACHED;
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        return new StreamResponse.Detached(rest, reader, writer);
    }

    // ---- answers of the connection's own ----

    private static Response internalError() {
        return Response.text(500, "500 Internal Server Error\n\nServer got itself in trouble");
    }

    private static Response simple(int status, String reason) {
        return Response.text(status, status + " " + Reasons.of(status) + "\n\n" + reason);
    }

    /** Sends a response built by the connection itself, then closes. */
    private void sendSimple(Response r) {
        if (writer.isClosing()) {
            return;
        }
        Headers hs = r.headers();
        hs.set(HeaderNames.CONNECTION, "close");
        byte[] body = r.body();
        head.response(HttpVersion.HTTP_1_1, r.status(), r.reason(), hs, body.length);
        writeHeadAndBody(body, 0, body.length);
        closeAfter = true;
        writer.close();
    }

    /** The head (or a body) was malformed: answer the parser's status, then close. */
    private void refuse(HttpParseException e) {
        LOG.log(System.Logger.Level.DEBUG, () -> "refused a request from " + peerAddress() + ": " + e.getMessage());
        if (response == null) {
            sendSimple(simple(e.status(), e.reason()));
        } else {
            writer.close();
        }
    }

    // ---- timeouts and shutdown ----

    private void setDeadline(long timeoutNanos) {
        long when = loop.time() + timeoutNanos;
        deadline = when;
        if (timer == null) {
            timer = loop.callAt(when, onTimer);
        }
    }

    private void deadlinePassed() {
        timer = null;
        if (deadline == NONE || phase == DONE) {
            return;
        }
        if (loop.time() < deadline) {
            timer = loop.callAt(deadline, onTimer);
            return;
        }
        deadline = NONE;
        switch (phase) {
            case IDLE, DRAIN -> writer.close();
            case HEAD -> {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        () -> peerAddress() + " did not send a whole request head in time: 408");
                sendSimple(simple(408, "the request head did not arrive in time"));
            }
            default -> {}
        }
    }

    /**
     * Asks the connection to end for a shutdown: closed now if idle, else after the response in hand
     * (which says {@code Connection: close} if it has not started). On the connection's loop.
     */
    void shutdown() {
        closing = true;
        if (phase == IDLE) {
            writer.close();
        }
    }

    /** Cancels the connection's task: the grace period of a shutdown has passed. On the connection's loop. */
    void cancel(String why) {
        Task<?> t = task;
        if (t != null && phase != DONE) {
            t.cancel(why);
        } else if (phase != DONE) {
            writer.abort();
        }
    }

    @Override
    public String toString() {
        return "HttpConnection[" + peerAddress() + ", " + phaseName() + "]";
    }

    private String phaseName() {
        return switch (phase) {
            case IDLE -> "idle";
            case HEAD -> "reading a head";
            case BUSY -> "handling " + request;
            case DRAIN -> "skipping a body";
            case DETACHED -> "detached";
            default -> "done";
        };
    }
}
