package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.net.StreamWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response whose body is written piece by piece: aiohttp's {@code web.StreamResponse}. Set the
 * status and headers, {@link #prepare} it (the head goes out), {@link #write} the body, and return
 * it from the handler (which ends it, or call {@link #writeEof()}).
 *
 * {@snippet :
 * Handler events = request -> {
 *     StreamResponse response = new StreamResponse();
 *     response.contentType("text/event-stream");
 *     response.prepare(request);
 *     for (int i = 0; i < 3; i++) {
 *         response.write("data: tick " + i + "\n\n");
 *         Asyncio.sleep(Duration.ofSeconds(1));
 *     }
 *     return response;
 * };
 * }
 *
 * <p>Framing: with a {@link #contentLength(long) Content-Length} the body must be exactly that
 * long; without one, an HTTP/1.1 client gets {@code Transfer-Encoding: chunked} and an HTTP/1.0
 * client a body that ends when the connection closes. A response to {@code HEAD}, and a 1xx, 204 or
 * 304, has no body: what is written is dropped. {@link #write} waits while the client is slow to
 * read (back-pressure), so a handler streaming a large body holds little memory.
 *
 * <p><b>Extending it.</b> {@link Response} (a body in memory) extends it; so can responses that
 * send a file or switch protocols. A subclass overrides {@link #prepare} to choose its status and
 * headers from the request before calling {@code super.prepare(request)}, then writes with {@link
 * #write}, {@link #sendfile} (zero-copy on a plain socket) or, after a {@code 101}, takes the
 * connection over with {@link #detach()}.
 *
 * <p>A response belongs to the task handling its request; it is answered once, on one connection.
 */
public class StreamResponse {
    private int status;
    private String reason;
    private Headers headers;
    /**
     * The Content-Type while {@link #headers} is null (then it moves there): the usual answer sends
     * it as a prepared line, without a Headers made for it.
     */
    private String contentType;

    private byte[] contentTypeLine;
    private long contentLength = -1;
    private boolean chunked = true;
    private boolean forceClose;
    private Map<String, ResponseCookie> cookies;

    /** The connection after {@link #prepare}, else null. */
    HttpConnection conn;

    /** How the body goes out once prepared. */
    static final int NO_BODY = 0;

    static final int LENGTH = 1;
    static final int CHUNKED = 2;
    static final int UNTIL_CLOSE = 3;

    int bodyMode;
    /** With {@link #LENGTH}: the bytes still to write. */
    long remaining;

    long bodyBytes;
    boolean eof;

    /** A 200 response. */
    public StreamResponse() {
        this(200, null);
    }

    /**
     * A response with {@code status} and the standard reason phrase.
     *
     * @throws IllegalArgumentException if {@code status} is not 100-599
     */
    public StreamResponse(int status) {
        this(status, null);
    }

    /**
     * A response with {@code status} and {@code reason} (null: the standard phrase).
     *
     * @throws IllegalArgumentException if {@code status} is not 100-599
     */
    public StreamResponse(int status, String reason) {
        checkStatus(status, reason);
        this.status = status;
        this.reason = reason;
    }

    // ---- status and headers ----

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase, or null for the standard one of the status. */
    public String reason() {
        return reason;
    }

    /**
     * Sets the status (and the standard reason phrase); aiohttp's {@code set_status}.
     *
     * @return this response
     * @throws IllegalArgumentException if {@code status} is not 100-599
     * @throws IllegalStateException after {@link #prepare}
     */
    public StreamResponse status(int status) {
        setStatus(status, null);
        return this;
    }

    /**
     * Sets the status and reason phrase (null: the standard one).
     *
     * @throws IllegalArgumentException if {@code status} is not 100-599, or the reason holds a line break
     * @throws IllegalStateException after {@link #prepare}
     */
    public final void setStatus(int status, String reason) {
        checkNotPrepared("change the status");
        checkStatus(status, reason);
        this.status = status;
        this.reason = reason;
    }

    private static void checkStatus(int status, String reason) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599, got " + status);
        }
        if (reason != null && (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("a reason phrase cannot hold a line break (header injection)");
        }
    }

    /** The header fields to send; change them before {@link #prepare}. */
    public Headers headers() {
        Headers h = headers;
        if (h == null) {
            h = new Headers();
            if (contentType != null) {
                h.add(HeaderNames.CONTENT_TYPE, contentType);
                contentType = null;
                contentTypeLine = null;
            }
            headers = h;
        }
        return h;
    }

    /** The prepared Content-Type line while no Headers were made, else null. */
    final byte[] contentTypeLine() {
        return contentTypeLine;
    }

    /** The headers if any were set, else null (no allocation). */
    Headers headersOrNull() {
        return headers;
    }

    /**
     * Sets a header field, replacing any of that name; for chaining.
     *
     * @return this response
     * @throws IllegalArgumentException as {@link Headers#set}
     */
    public StreamResponse header(String name, String value) {
        headers().set(name, value);
        return this;
    }

    /**
     * Sets a cookie: a {@code Set-Cookie} field goes out with the head, after the fields set with
     * {@link #header}; a cookie set before under the same name is replaced. aiohttp's {@code
     * set_cookie}.
     *
     * @throws IllegalStateException if the head was sent, or the cookie's attributes break a rule
     *     browsers enforce ({@link ResponseCookie#headerValue()})
     */
    public StreamResponse setCookie(ResponseCookie cookie) {
        Objects.requireNonNull(cookie, "cookie");
        checkNotPrepared("set cookie " + cookie.name());
        cookie.headerValue();
        if (cookies == null) {
            cookies = new LinkedHashMap<>();
        }
        cookies.remove(cookie.name());
        cookies.put(cookie.name(), cookie);
        return this;
    }

    /**
     * Sets cookie {@code name} to {@code value}, with path {@code /}; see {@link
     * #setCookie(ResponseCookie)}.
     *
     * @throws IllegalArgumentException if the name is not a token or the value holds a character a
     *     cookie value cannot hold
     */
    public StreamResponse setCookie(String name, String value) {
        return setCookie(ResponseCookie.of(name, value));
    }

    /** Deletes cookie {@code name} of path {@code /} from the client; aiohttp's {@code del_cookie}. */
    public StreamResponse delCookie(String name) {
        return delCookie(name, "/", null);
    }

    /**
     * Deletes cookie {@code name} from the client: the path and domain must be those it was set with
     * ({@link ResponseCookie#deleting}).
     */
    public StreamResponse delCookie(String name, String path, String domain) {
        return setCookie(ResponseCookie.deleting(name, path, domain));
    }

    /** The cookies set on this response, by name, in the order set (unmodifiable). */
    public Map<String, ResponseCookie> cookies() {
        return cookies == null ? Map.of() : Collections.unmodifiableMap(cookies);
    }

    /** Adds a {@code Set-Cookie} field per cookie; called once, as the head is built. */
    final void addCookieFields() {
        if (cookies != null) {
            Headers h = headers();
            for (ResponseCookie c : cookies.values()) {
                h.add(HeaderNames.SET_COOKIE, c.headerValue());
            }
        }
    }

    /** The {@code Content-Type}, or null. */
    public String contentType() {
        return headers == null ? contentType : headers.get(HeaderNames.CONTENT_TYPE);
    }

    /**
     * Sets {@code Content-Type} ({@code "text/html; charset=utf-8"}).
     *
     * @return this response
     * @throws IllegalArgumentException if the value holds a control byte (as {@link Headers#set})
     */
    public StreamResponse contentType(String value) {
        checkNotPrepared("change the content type");
        if (headers != null) {
            headers.set(HeaderNames.CONTENT_TYPE, value);
        } else {
            contentTypeLine = ContentTypeLines.line(value);
            contentType = value;
        }
        return this;
    }

    /** The declared body length, or -1 when the body is streamed without one. */
    public long contentLength() {
        return contentLength;
    }

    /**
     * Declares the body's length: {@code Content-Length} is sent and the body must be exactly that
     * long ({@link #writeEof()} fails otherwise). -1 streams without one.
     *
     * @return this response
     * @throws IllegalStateException after {@link #prepare}
     */
    public StreamResponse contentLength(long length) {
        checkNotPrepared("change the content length");
        if (length < -1) {
            throw new IllegalArgumentException("a content length is >= 0, or -1 for none: " + length);
        }
        contentLength = length;
        return this;
    }

    /**
     * Whether an HTTP/1.1 body without a length goes chunked (true, the default) or ends with the
     * connection (false); aiohttp's {@code enable_chunked_encoding}.
     */
    public StreamResponse chunked(boolean chunked) {
        checkNotPrepared("change the framing");
        this.chunked = chunked;
        return this;
    }

    boolean chunkedAllowed() {
        return chunked;
    }

    /** Closes the connection after this response (no keep-alive); aiohttp's {@code force_close}. */
    public StreamResponse forceClose() {
        checkNotPrepared("force the connection to close");
        forceClose = true;
        return this;
    }

    boolean forcesClose() {
        return forceClose;
    }

    /**
     * Whether the connection stays open after this response: known once prepared (the client's
     * wish, {@link #forceClose}, the framing and a server shutting down decide).
     */
    public boolean keepAlive() {
        return conn != null && !conn.closesAfterResponse();
    }

    /** Whether {@link #prepare} has sent the head. */
    public boolean prepared() {
        return conn != null;
    }

    /** The number of body bytes written so far. */
    public long bodyLength() {
        return bodyBytes;
    }

    // ---- sending ----

    /**
     * Sends the head: status line and headers, with the framing chosen as the class comment says;
     * aiohttp's {@code prepare}. Calling it again does nothing. A subclass that chooses its status or
     * headers from the request overrides this and calls {@code super.prepare(request)}.
     *
     * @throws IllegalStateException if another response was already prepared for the request, or
     *     the request's handling has ended
     * @throws java.io.UncheckedIOException if the client has gone
     */
    public void prepare(Request request) throws IOException {
        Objects.requireNonNull(request, "request");
        if (conn != null) {
            return;
        }
        beforeHead(request);
        request.connection().sendHead(request, this, null, 0, 0);
    }

    /** Called just before the head is built, once; {@link Response} sets its length here. */
    void beforeHead(Request request) throws IOException {}

    /**
     * Writes body bytes, then waits while the client is behind (back-pressure); aiohttp's {@code
     * await response.write(data)}.
     *
     * <p><b>Cancellation.</b> The bytes are written (queued) before the wait; cancelled in the wait,
     * nothing is lost.
     *
     * @throws IllegalStateException before {@link #prepare}, after {@link #writeEof()}, or past the
     *     declared {@code Content-Length}
     * @throws java.io.UncheckedIOException if the client has gone
     */
    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    /** Writes {@code len} bytes of {@code data} from {@code off}; see {@link #write(byte[])}. */
    public void write(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        checkWritable();
        if (len == 0 || bodyMode == NO_BODY) {
            return;
        }
        count(len);
        conn.writeBody(this, data, off, len);
        conn.drain();
    }

    /** Writes the remaining bytes of {@code data}; see {@link #write(byte[])}. */
    public void write(ByteBuffer data) {
        checkWritable();
        int len = data.remaining();
        if (len == 0 || bodyMode == NO_BODY) {
            data.position(data.limit());
            return;
        }
        count(len);
        conn.writeBody(this, data);
        conn.drain();
    }

    /** Writes {@code text} as UTF-8; see {@link #write(byte[])}. */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void count(long len) {
        if (bodyMode == LENGTH) {
            if (len > remaining) {
                throw new IllegalStateException("writing " + len + " bytes would exceed the Content-Length of "
                        + contentLength + " (" + remaining + " left)");
            }
            remaining -= len;
        }
        bodyBytes += len;
    }

    /**
     * Ends the body: the last chunk of a chunked body; aiohttp's {@code write_eof}. The handler's
     * return does this for it. Calling it again does nothing.
     *
     * @throws IllegalStateException before {@link #prepare}, or when a declared {@code
     *     Content-Length} was not reached (the connection is then closed: the client sees the body
     *     cut short)
     */
    public void writeEof() {
        if (conn == null) {
            throw new IllegalStateException("writeEof() before prepare(request)");
        }
        if (eof) {
            return;
        }
        eof = true;
        conn.endBody(this);
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} as body bytes ({@code count}
     * must fit in the declared length): on a plain socket the kernel copies the file straight to
     * the socket ({@code transferTo}); over TLS it is read in chunks off the loop. For subclasses
     * that serve files.
     *
     * @return the bytes sent (fewer if the file is shorter)
     * @throws IllegalStateException as {@link #write(byte[])}
     */
    protected final long sendfile(FileChannel file, long offset, long count) throws IOException {
        checkWritable();
        if (count == 0 || bodyMode == NO_BODY) {
            return 0;
        }
        if (bodyMode == CHUNKED) {
            throw new IllegalStateException("sendfile needs a Content-Length (or a body until close), not chunked:"
                    + " set contentLength(...) before prepare");
        }
        count(count);
        long sent = conn.sendfile(file, offset, count);
        if (sent < count && bodyMode == LENGTH) {
            remaining += count - sent;
        }
        bodyBytes -= count - sent;
        return sent;
    }

    /**
     * The connection's streams, taken over after a {@code 101 Switching Protocols} was prepared (a
     * WebSocket): the server reads no further request from them and closes them when the handler
     * returns.
     *
     * @param buffered bytes the client sent after the request, already read: the first bytes of
     *     the new protocol, to consume before reading {@code reader}
     * @param reader the connection's reader
     * @param writer the connection's writer
     */
    public record Detached(byte[] buffered, StreamReader reader, StreamWriter writer) {}

    /**
     * Takes the connection over, for a response that switched protocols: see {@link Detached}.
     *
     * @throws IllegalStateException unless this response was prepared with status 101 for a
     *     request that asked to upgrade
     */
    protected final Detached detach() {
        if (conn == null || status != 101) {
            throw new IllegalStateException("detach() needs a prepared 101 response");
        }
        eof = true;
        return conn.detach(this);
    }

    private void checkWritable() {
        if (conn == null) {
            throw new IllegalStateException("write before prepare(request): prepare the response first");
        }
        if (eof) {
            throw new IllegalStateException("write after writeEof()");
        }
    }

    final void checkNotPrepared(String what) {
        if (conn != null) {
            throw new IllegalStateException("cannot " + what + ": the head was sent (prepare was called)");
        }
    }

    /** {@code <StreamResponse 200 OK not prepared>}, as aiohttp prints one. */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + status + " "
                + (reason != null ? reason : io.asyncio4j.http.internal.Reasons.of(status))
                + (conn == null ? " not prepared" : eof ? " eof" : " prepared") + ">";
    }
}
