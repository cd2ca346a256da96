package io.asyncio4j.http.client;

import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpParseException;
import io.asyncio4j.http.HttpVersion;
import io.asyncio4j.http.internal.HttpParser;
import io.asyncio4j.http.internal.MediaTypes;
import io.asyncio4j.http.internal.ResponseHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.zip.DataFormatException;

/**
 * A response, its head read and its body still on the connection: aiohttp's {@code
 * ClientResponse}. Read the body once, whole ({@link #bytes()}, {@link #text()}, {@link
 * #json(Class)}; each keeps it, so they can be combined) or streamed ({@link #content()}); use it in
 * try-with-resources so that {@link #close()} gives the connection back:
 *
 * {@snippet :
 * try (ClientResponse r = session.get("http://127.0.0.1:8080/")) {
 *     System.out.println(r.status() + " " + r.text());
 * }
 * }
 *
 * <p>The connection returns to the pool as soon as the body has been read to its end (a response
 * without a body, at once). Closed before that, a response whose rest is already received still
 * returns it; otherwise the connection is closed, never left half-read. {@code gzip} and {@code
 * deflate} bodies are decoded (unless the session's {@code autoDecompress} is off).
 *
 * <p>The session's {@code total} and {@code sockRead} timeouts go on applying to body reads. Loop
 * thread only.
 */
public final class ClientResponse implements AutoCloseable {
    private final ClientSession session;
    private final String method;
    private final URI url;
    private final ResponseHead head;
    private final RequestTimer timer;
    /** The request body still being written when the head arrived, or null. */
    private final BodyWriting writing;

    private List<ClientResponse> history = List.of();

    /** The connection while the body is being read; null once released. */
    private Connection conn;

    private ContentDecoder decoder;
    private boolean eof;
    /** The error that ended reading the body; every later read throws it again. */
    private ClientPayloadError failure;

    private byte[] body;
    private ResponseContent content;

    ClientResponse(
            ClientSession session,
            String method,
            URI url,
            ResponseHead head,
            Connection conn,
            RequestTimer timer,
            BodyWriting writing) {
        this.session = session;
        this.method = method;
        this.url = url;
        this.head = head;
        this.conn = conn;
        this.timer = timer;
        this.writing = writing;
    }

    /** Decodes the body's {@code Content-Encoding}, when the session asks for it. */
    void decode(boolean auto) {
        if (auto) {
            decoder = ContentDecoder.forEncoding(head.headers().get(HeaderNames.CONTENT_ENCODING));
        }
    }

    void history(List<ClientResponse> history) {
        this.history = List.copyOf(history);
    }

    /** The status code: {@code 200}. */
    public int status() {
        return head.status();
    }

    /** The reason phrase as the server sent it: {@code "OK"}. */
    public String reason() {
        return head.reason();
    }

    /** Whether the status is below 400 (aiohttp's {@code ok}). */
    public boolean ok() {
        return head.status() < 400;
    }

    /** The header fields. */
    public Headers headers() {
        return head.headers();
    }

    /** The HTTP version of the response. */
    public HttpVersion version() {
        return head.version();
    }

    /** The URL this response answers: the last one, after redirects. */
    public URI url() {
        return url;
    }

    /** The method of the request this response answers (after redirects, {@code GET} for a 303). */
    public String method() {
        return method;
    }

    /** The redirect responses that led here, oldest first (their bodies are not kept); empty when none. */
    public List<ClientResponse> history() {
        return history;
    }

    /** The media type of {@code Content-Type} in lower case, without parameters; {@code application/octet-stream} when absent. */
    public String contentType() {
        return MediaTypes.mediaType(head.headers().get(HeaderNames.CONTENT_TYPE));
    }

    /** The {@code charset} parameter of {@code Content-Type}, or null. */
    public String charset() {
        return MediaTypes.charset(head.headers().get(HeaderNames.CONTENT_TYPE));
    }

    /**
     * Throws {@link ClientResponseError} if the status is 400 or more, after releasing the response;
     * aiohttp's {@code raise_for_status()}.
     */
    public void raiseForStatus() throws ClientResponseError {
        if (head.status() >= 400) {
            close();
            throw ClientResponseError.of(this);
        }
    }

    // ---- whole bodies ----

    /**
     * The whole body, decoded; aiohttp's {@code read()}. Kept, so later calls (and {@link #text()},
     * {@link #json(Class)}) return it again. After part of it was streamed, the rest.
     *
     * <p><b>Cancellation.</b> The connection is closed (a body read halfway cannot be resumed) and
     * the response is released.
     *
     * @throws ClientPayloadError if the body is cut short, malformed or does not decode
     * @throws TimeoutException if the {@code total} or {@code sockRead} timeout fires
     */
    public byte[] bytes() throws IOException, TimeoutException {
        if (body != null) {
            return body;
        }
        // A small body comes in one piece: then it is returned as it is, not copied.
        byte[] a = content != null ? content.takeBuffered() : new byte[0];
        byte[] b = nextPiece();
        if (b == null) {
            body = a;
            return body;
        }
        if (a.length == 0) {
            byte[] c = nextPiece();
            if (c == null) {
                body = b;
                return body;
            }
            a = b;
            b = c;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(a.length + b.length);
        all.writeBytes(a);
        all.writeBytes(b);
        byte[] piece;
        while ((piece = nextPiece()) != null) {
            all.writeBytes(piece);
        }
        body = all.toByteArray();
        return body;
    }

    /**
     * The whole body as text, in the {@code charset} of {@code Content-Type}, else UTF-8; malformed
     * bytes become U+FFFD. aiohttp's {@code text()}.
     *
     * @throws ClientPayloadError as {@link #bytes()}, or when the charset is unknown to the JVM
     */
    public String text() throws IOException, TimeoutException {
        String name = charset();
        Charset cs = name == null ? StandardCharsets.UTF_8 : MediaTypes.known(name);
        if (cs == null) {
            throw new ClientPayloadError(
                    "the charset '" + name + "' of " + method + " " + url + " is unknown; read bytes() instead",
                    url,
                    null);
        }
        return new String(bytes(), cs);
    }

    /**
     * Decodes the JSON body as {@code type} with the session's {@link JsonCodec}; aiohttp's {@code
     * json()}. The {@code Content-Type} must be JSON ({@code application/json} or {@code
     * +json}).
     *
     * @throws ContentTypeError if the {@code Content-Type} is not JSON
     * @throws IOException as {@link #bytes()}, or when the codec cannot read the body as {@code type}
     */
    public <T> T json(Class<T> type) throws IOException, TimeoutException {
        return json(type, "application/json");
    }

    /**
     * Decodes the JSON body as {@code type}, checking that the media type is {@code contentType}
     * (null: no check); aiohttp's {@code json(content_type=...)}.
     */
    public <T> T json(Class<T> type, String contentType) throws IOException, TimeoutException {
        checkJson(contentType);
        return session.jsonCodec().decode(bytes(), type);
    }

    /**
     * Decodes the JSON body as the generic type {@code type}: {@code r.json(new
     * TypeRef<List<User>>() {})}. The {@code Content-Type} must be JSON, as for {@link
     * #json(Class)}.
     *
     * @throws ContentTypeError if the {@code Content-Type} is not JSON
     * @throws IOException as {@link #bytes()}, or when the codec cannot read the body as {@code type}
     */
    public <T> T json(TypeRef<T> type) throws IOException, TimeoutException {
        return json(type, "application/json");
    }

    /** Decodes the JSON body as the generic type {@code type}, checking the media type as {@link #json(Class, String)}. */
    public <T> T json(TypeRef<T> type, String contentType) throws IOException, TimeoutException {
        checkJson(contentType);
        return session.jsonCodec().decode(bytes(), type);
    }

    private void checkJson(String contentType) throws ContentTypeError {
        if (contentType == null) {
            return;
        }
        String actual = contentType();
        boolean json = contentType.equals("application/json")
                ? actual.equals("application/json") || actual.endsWith("+json")
                : actual.equals(contentType.toLowerCase(Locale.ROOT));
        if (!json) {
            close();
            throw new ContentTypeError(
                    "expected " + contentType + " but the response to " + method + " " + url + " is " + actual + " ("
                            + head.status() + " " + head.reason() + ")",
                    url,
                    head.status(),
                    head.reason(),
                    head.headers(),
                    history);
        }
    }

    // ---- streaming ----

    /** The body as a stream, for reading it piece by piece; aiohttp's {@code response.content}. */
    public ResponseContent content() {
        if (content == null) {
            content = new ResponseContent(this);
        }
        return content;
    }

    /**
     * The next decoded piece of body, or null at its end (when the connection has been released).
     * Pieces are whatever arrived: their sizes mean nothing.
     */
    byte[] nextPiece() throws IOException, TimeoutException {
        // Kept small, the rare cases in methods of their own: every body read goes through here.
        if (failure != null) {
            throw failure;
        }
        while (!eof) {
            HttpParser.Event e = nextEvent();
            if (e == HttpParser.Event.BODY) {
                ByteBuffer b = conn.parser().body();
                byte[] piece = new byte[b.remaining()];
                b.get(piece);
                if (decoder != null) {
                    piece = decoded(piece);
                }
                if (piece.length > 0) {
                    return piece;
                }
            } else if (e == HttpParser.Event.END) {
                end();
            } else {
                throw payloadError("unexpected " + e + " in the body", null);
            }
        }
        return null;
    }

    /** The next event of the body: from what is received, else read within {@code sockRead}. */
    private HttpParser.Event nextEvent() throws IOException, TimeoutException {
        Connection c = conn;
        if (c == null) {
            throw new IllegalStateException("the response to " + method + " " + url
                    + " was closed before its body was read; read it inside the try block");
        }
        try {
            HttpParser.Event e = c.in.nextBuffered();
            return e != HttpParser.Event.NEED_DATA
                    ? e
                    : timer.within("sockRead", timer.timeout().sockRead(), "reading the body", c.in::next);
        } catch (HttpParseException ex) {
            throw payloadError("the body is malformed: " + ex.reason(), ex);
        } catch (UncheckedIOException ex) {
            Throwable source = writing == null ? null : writing.sourceFailure();
            if (source != null) {
                throw payloadError("sending the request body failed: " + source, source);
            }
            throw payloadError("the connection broke while reading the body: " + ex.getMessage(), ex);
        } catch (TimeoutException | RuntimeException | Error ex) {
            releaseConnection(false);
            throw ex;
        }
    }

    private byte[] decoded(byte[] raw) throws ClientPayloadError {
        try {
            return decoder.decode(raw);
        } catch (DataFormatException ex) {
            throw payloadError("cannot decode the " + encoding() + " body: " + ex.getMessage(), ex);
        }
    }

    /** The body ended: the decoder's end is checked, the connection goes back. */
    private void end() throws ClientPayloadError {
        eof = true;
        if (decoder != null) {
            try {
                decoder.finish();
            } catch (DataFormatException ex) {
                throw payloadError("cannot decode the " + encoding() + " body: " + ex.getMessage(), ex);
            }
        }
        releaseConnection(head.keepAlive());
    }

    private String encoding() {
        return head.headers().get(HeaderNames.CONTENT_ENCODING);
    }

    private ClientPayloadError payloadError(String what, Throwable cause) {
        releaseConnection(false);
        failure = new ClientPayloadError(
                "response payload of " + method + " " + url + " is not complete: " + what, url, cause);
        return failure;
    }

    /** Whether the body has been read to its end. */
    boolean atEof() {
        return eof;
    }

    // ---- releasing ----

    /**
     * Releases the response: as {@link #close()}; aiohttp's {@code release()}.
     */
    public void release() {
        close();
    }

    /**
     * Gives the connection back: to the pool when the body was read to its end or its rest is
     * already received, else closed. Never waits; calling it again does nothing. The body, if read,
     * stays available.
     */
    @Override
    public void close() {
        Connection c = conn;
        if (c == null) {
            return;
        }
        try {
            HttpParser.Event e;
            while ((e = c.in.nextBuffered()) == HttpParser.Event.BODY) {
                // the rest of the body is already here: skip it and keep the connection
            }
            if (e == HttpParser.Event.END) {
                eof = true;
                releaseConnection(head.keepAlive());
                return;
            }
        } catch (HttpParseException e) {
            // a malformed rest: the connection is closed below
        }
        releaseConnection(false);
    }

    /**
     * Reads and drops what is left of a redirect's body when it is small, so its connection can be
     * reused; closes the connection otherwise. Within the request's timeouts.
     */
    void discardSmallBody() throws IOException, TimeoutException {
        if (conn == null) {
            return;
        }
        long length = head.contentLength();
        if (length >= 0 && length <= 64 * 1024) {
            try {
                while (nextPiece() != null) {
                    // dropped
                }
            } catch (ClientPayloadError e) {
                // the redirect is followed all the same; the connection was closed
            }
        }
        close();
    }

    private void releaseConnection(boolean keep) {
        Connection c = conn;
        if (c == null) {
            return;
        }
        conn = null;
        if (decoder != null) {
            decoder.close();
        }
        if (writing != null && !writing.complete()) {
            writing.stop(); // the server answered before the whole body was sent: the request is cut
            keep = false;
        }
        session.connector().release(c, keep);
    }

    /** Whether the connection was given back. */
    boolean isReleased() {
        return conn == null;
    }

    /** {@code <ClientResponse(http://...) [200 OK]>}, as aiohttp prints one. */
    @Override
    public String toString() {
        return "<ClientResponse(" + url + ") [" + head.status() + " " + head.reason() + "]>";
    }
}
