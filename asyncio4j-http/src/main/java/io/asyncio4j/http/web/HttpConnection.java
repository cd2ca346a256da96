package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.ContextVar;
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
import java.net.SocketTimeoutException;
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
     * The hot path (readHead, exchange, sendHead) is guarded by asyncio4j-bench's HttpServerCpu
     * (the server loop's CPU time and bytes per request, pipelined and not) and W5 (wrk).
     *
     * Timeouts: one TimerHandle at a time. `deadline` says when the current phase expires (NONE in
     * BUSY and after, except while the handler waits for body bytes: `awaitingBody`, the body read
     * timeout); the timer fires at or before it and re-arms itself if the deadline moved, so a
     * keep-alive connection costs one timer per timeout period, not one per request. A deadline can
     * move earlier (a head starts while the longer keep-alive timeout runs): the timer is therefore
     * never armed further ahead than the shortest of the timeouts, so it fires by any deadline set
     * after it was armed.
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
    private Task<?> task;
    private String connectionName;

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
    /** The handler's task is parked reading the body: the body read timeout runs. */
    private boolean awaitingBody;
    /** Why the body cannot be read any more (its read timed out): every later read throws it. */
    private UncheckedIOException bodyFailure;

    /** The answer the connection itself sent for the request in hand (a 408), for the access log. */
    private StreamResponse answeredByConnection;

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
        connectionName = task.getName();
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
                if (closeAfter || phase == DETACHED || (closing && !nextRequestBuffered())) {
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
            try {
                flush();
            } catch (UncheckedIOException e) {
                // the client has gone
            }
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
        flush();
        ByteBuffer b = in;
        b.compact();
        if (!b.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(b.capacity() * 2);
            bigger.put(b.flip());
            b = bigger;
            in = b;
        }
        try {
            if (reader.readInto(b) < 0) {
                parser.feedEof();
            }
        } finally {
            b.flip();
        }
    }

    // ---- one exchange ----

    private void exchange(RequestHead h) {
        phase = BUSY;
        deadline = NONE;
        long start = server.logsRequests() ? System.nanoTime() : 0;
        RequestEvent event = server.beginEvent();
        bodyDone = h.bodyKind() == BodyKind.NONE;
        continueSent = false;
        bodyReceived = 0;
        bodyFailure = null;
        answeredByConnection = null;
        response = null;
        chunks = null;
        // A request to switch protocols that no response takes up ends the connection after its
        // answer: what the client sends next may already be the other protocol.
        closeAfter = !h.keepAlive() || h.upgrade();
        Request req = newRequest(h);
        request = req;
        StreamResponse resp = null;
        try {
            resp = handle(req);
            if (resp == null) {
                throw new IllegalStateException(
                        "the handler of " + req + " returned null; return a Response (or throw an HttpException)");
            }
        } catch (HttpException e) {
            resp = response == null ? e.toResponse(req) : null;
        } catch (HttpParseException e) {
            // The body was malformed or too large for the parser: answer its status, then close.
            bodyUnreadable();
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
            req.cleanup();
            server.requestDone(
                    req, response != null ? response : resp != null ? resp : answeredByConnection, start, event);
            request = null;
            response = null;
            chunks = null;
        }
    }

    /**
     * Runs the handler chain in this task, named after the route meanwhile ({@code "GET
     * /users/{id} (conn /127.0.0.1:50312)"}, for {@code pstree}), in a copy of the task's context
     * (what the handler sets in a {@code ContextVar} ends with it).
     */
    private StreamResponse handle(Request req) throws Exception {
        Task<?> t = task;
        Route route = req.route();
        String name;
        if (route != null && route == namedRoute) {
            name = routeName;
        } else {
            name = (route == null ? req.method() + " " + req.rawPath() : route.method() + " " + route.path()) + " ("
                    + connectionName + ")";
            if (route != null) {
                namedRoute = route;
                routeName = name;
            }
        }
        t.setName(name);
        try {
            return ContextVar.runInCopy(callHandler);
        } finally {
            t.setName(connectionName);
        }
    }

    /** The handler of the request in hand, as runInCopy takes it (made once, not per request). */
    private final io.asyncio4j.Coroutine<StreamResponse> callHandler =
            () -> request.chain().handle(request);

    /** The route the task's name was last made for, and that name: a connection mostly repeats one route. */
    private Route namedRoute;

    private String routeName;

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
                flush();
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
        try {
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
        } catch (HttpParseException e) {
            bodyUnreadable();
        }
    }

    /** Reads and drops the rest of a small body, within the header timeout. */
    private void drainBody() {
        phase = DRAIN;
        setDeadline(server.headerTimeoutNanos());
        try {
            while (!bodyDone) {
                HttpParser.Event e = parser.next(in);
                switch (e) {
                    case BODY -> bodyReceived += parser.body().remaining();
                    case NEED_DATA -> fill();
                    default -> bodyDone = true;
                }
            }
        } catch (HttpParseException e) {
            bodyUnreadable();
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
        if (bodyFailure != null) {
            throw bodyFailure;
        }
        if (bodyDone) {
            return null;
        }
        if (!continueSent && req.head().expectContinue()) {
            continueSent = true;
            if (response == null) {
                flush();
                writer.write(CONTINUE);
            }
        }
        try {
            while (true) {
                HttpParser.Event e = parser.next(in);
                switch (e) {
                    case BODY -> {
                        ByteBuffer b = parser.body();
                        bodyReceived += b.remaining();
                        return b;
                    }
                    case NEED_DATA -> fillBody();
                    default -> {
                        bodyDone = true;
                        return null;
                    }
                }
            }
        } catch (HttpParseException e) {
            bodyUnreadable();
            throw e;
        }
    }

    /** Reads more of the body for the handler, waiting at most the body read timeout. */
    private void fillBody() {
        awaitingBody = true;
        setDeadline(server.bodyReadTimeoutNanos());
        try {
            fill();
        } catch (UncheckedIOException e) {
            if (bodyFailure != null) {
                bodyFailure.addSuppressed(e);
                throw bodyFailure;
            }
            throw e;
        } finally {
            awaitingBody = false;
            deadline = NONE;
        }
    }

    /**
     * No byte of the body came within the body read timeout: answer 408 if the handler has nothing
     * of the body yet and no response started, else cut the connection; closing it wakes the
     * handler's read, which then throws {@link #bodyFailure}.
     */
    private void bodyStalled() {
        boolean answer = bodyReceived == 0 && response == null;
        bodyFailure = new UncheckedIOException(new SocketTimeoutException("no byte of the body of " + request
                + " arrived for " + java.time.Duration.ofNanos(server.bodyReadTimeoutNanos())
                + " (RunnerOptions.bodyReadTimeout) after " + bodyReceived + " bytes; the connection was closed"
                + (answer ? " after answering 408" : "")));
        bodyUnreadable();
        LOG.log(
                System.Logger.Level.DEBUG,
                () -> peerAddress() + ": " + bodyFailure.getCause().getMessage());
        if (answer) {
            Response timedOut = simple(408, "the request body did not arrive in time");
            answeredByConnection = timedOut;
            sendSimple(timedOut);
        } else {
            writer.abort();
        }
    }

    /** The body is malformed or past a limit: nothing more can be read, and the connection ends. */
    private void bodyUnreadable() {
        bodyDone = true;
        closeAfter = true;
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
        r.addCookieFields();
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
        if (r.forcesClose() || (closing && !nextRequestBuffered())) {
            // Shutting down, the last request already received gets Connection: close.
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
        head.response(
                HttpVersion.HTTP_1_1,
                status,
                r.reason(),
                hs != null ? hs : NO_HEADERS,
                hs == null ? r.contentTypeLine() : null,
                framing);
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
            appendOut(head.array(), 0, head.length());
            if (body != null && mode != StreamResponse.LENGTH) {
                sendOut(); // a whole answer without a body (HEAD, 204, 304): it may wait for the next
            } else {
                flush();
            }
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

    /** Sends a head and the whole body after it: one write, or none yet if another request is here. */
    private void writeHeadAndBody(byte[] body, int off, int len) {
        appendOut(head.array(), 0, head.length());
        if (len >= COPY_BODY_BELOW) {
            flush();
            writer.write(body, off, len);
            return;
        }
        appendOut(body, off, len);
        sendOut();
    }

    /*
     * Answers waiting to be written: out[0, outLen). Answers to pipelined requests (whose heads are
     * already here) are gathered and written together, one system call for many; they go out
     * before anything else is written or read, and at the latest at the loop's next turn (a
     * handler that suspends lets them go).
     */
    private byte[] out = new byte[1024];
    private int outLen;
    private ByteBuffer outBuffer = ByteBuffer.wrap(out);
    private boolean flushScheduled;
    private final Runnable scheduledFlush = this::scheduledFlush;

    /** Gathering stops at this many bytes. */
    private static final int GATHER_LIMIT = 32 * 1024;

    private void appendOut(byte[] src, int off, int len) {
        if (outLen + len > out.length) {
            out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, outLen + len));
            outBuffer = ByteBuffer.wrap(out);
        }
        System.arraycopy(src, off, out, outLen, len);
        outLen += len;
    }

    /** Writes the gathered answers, or leaves them for the next when another request is already here. */
    private void sendOut() {
        if (outLen < GATHER_LIMIT && bodyDone && nextRequestBuffered()) {
            if (!flushScheduled) {
                flushScheduled = true;
                loop.callSoon(scheduledFlush);
            }
            return;
        }
        flush();
    }

    /** Writes the gathered answers now. */
    private void flush() {
        int n = outLen;
        if (n == 0) {
            return;
        }
        outLen = 0;
        if (!writer.isClosing()) {
            writer.write(outBuffer.limit(n).position(0));
        }
    }

    private void scheduledFlush() {
        flushScheduled = false;
        try {
            flush();
        } catch (UncheckedIOException e) {
            // The connection broke: its task sees it at its next read or write.
        }
    }

    void writeBody(StreamResponse r, byte[] data, int off, int len) {
        flush();
        if (r.bodyMode == StreamResponse.CHUNKED) {
            chunks.write(data, off, len);
        } else {
            writer.write(data, off, len);
        }
    }

    void writeBody(StreamResponse r, ByteBuffer data) {
        flush();
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
        flush();
        return writer.sendfile(file, offset, count);
    }

    void endBody(StreamResponse r) {
        switch (r.bodyMode) {
            case StreamResponse.CHUNKED -> {
                flush();
                if (!writer.isClosing()) {
                    chunks.finish(null);
                }
            }
            case StreamResponse.LENGTH -> {
                if (r.remaining > 0) {
                    closeAfter = true;
                    flush();
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
        flush();
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
        appendOut(head.array(), 0, head.length());
        appendOut(body, 0, body.length);
        flush();
        closeAfter = true;
        writer.close();
    }

    /** The head (or a body) was malformed: answer the parser's status, then close. */
    private void refuse(HttpParseException e) {
        LOG.log(System.Logger.Level.DEBUG, () -> "refused a request from " + peerAddress() + ": " + e.getMessage());
        if (response == null) {
            sendSimple(simple(e.status(), e.reason()));
        } else {
            flush();
            writer.close();
        }
    }

    // ---- timeouts and shutdown ----

    private void setDeadline(long timeoutNanos) {
        long now = loop.time();
        deadline = now + timeoutNanos;
        if (timer == null) {
            timer = loop.callAt(now + server.shortestTimeoutNanos(), onTimer);
        }
    }

    private void deadlinePassed() {
        timer = null;
        if (deadline == NONE || phase == DONE) {
            return;
        }
        long now = loop.time();
        if (now < deadline) {
            timer = loop.callAt(Math.min(deadline, now + server.shortestTimeoutNanos()), onTimer);
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
            case BUSY -> {
                if (awaitingBody) {
                    bodyStalled();
                }
            }
            default -> {}
        }
    }

    /**
     * Whether the whole head of another request is already here (pipelined), after a fully read
     * body: a shutting-down connection still answers it.
     */
    private boolean nextRequestBuffered() {
        if (!bodyDone) {
            return false;
        }
        ByteBuffer b = in;
        int end = b.limit() - 3;
        for (int i = b.position(); i < end; i++) {
            if (b.get(i) == '\r' && b.get(i + 1) == '\n' && b.get(i + 2) == '\r' && b.get(i + 3) == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * Asks the connection to end for a shutdown: closed now if idle, else after the requests already
     * received (the last response says {@code Connection: close} if it has not started). On the
     * connection's loop.
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
