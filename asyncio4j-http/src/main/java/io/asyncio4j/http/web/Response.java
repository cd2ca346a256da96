package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A response with its body in memory: aiohttp's {@code web.Response} and {@code json_response}.
 * Return it from a handler; the connection sends it with {@code Content-Length}, head and body in
 * one write when the body is small.
 *
 * {@snippet :
 * Handler hello = request -> Response.text("Hello, World!");
 * Handler user = request -> Response.json(new User(request.matchInfo().get("id"), "Ann"));
 * Handler created = request -> Response.json(201, Map.of("id", 42)).header("Location", "/users/42");
 * Handler empty = request -> new Response(204);
 * }
 *
 * <p>{@link #json(Object)} encodes with the application's {@link Application#jsonCodec()} when the
 * response is prepared (Jackson 3 by default, when it is on the class path).
 */
public final class Response extends StreamResponse {
    private static final byte[] EMPTY = {};
    private static final String TEXT_PLAIN = ContentTypeLines.TEXT_PLAIN;
    private static final String TEXT_HTML = ContentTypeLines.TEXT_HTML;
    private static final String APPLICATION_JSON = ContentTypeLines.APPLICATION_JSON;

    private byte[] body = EMPTY;
    private Object json;
    private boolean hasJson;

    /** An empty 200 response. */
    public Response() {
        super(200, null);
    }

    /**
     * An empty response with {@code status}.
     *
     * @throws IllegalArgumentException if {@code status} is not 100-599
     */
    public Response(int status) {
        super(status, null);
    }

    /** An empty response with {@code status} and {@code reason} (null: the standard phrase). */
    public Response(int status, String reason) {
        super(status, reason);
    }

    /** A 200 {@code text/plain; charset=utf-8} response; aiohttp's {@code web.Response(text=...)}. */
    public static Response text(String text) {
        return text(200, text);
    }

    /** A {@code text/plain; charset=utf-8} response with {@code status}. */
    public static Response text(int status, String text) {
        Response r = new Response(status);
        r.setText(text);
        return r;
    }

    /** A 200 {@code text/html; charset=utf-8} response. */
    public static Response html(String html) {
        Response r = new Response(200);
        r.body = html.getBytes(StandardCharsets.UTF_8);
        r.contentType(TEXT_HTML);
        return r;
    }

    /** A 200 response with {@code body} as {@code contentType} (null: no {@code Content-Type}). */
    public static Response bytes(byte[] body, String contentType) {
        Response r = new Response(200);
        r.body = Objects.requireNonNull(body, "body");
        if (contentType != null) {
            r.contentType(contentType);
        }
        return r;
    }

    /**
     * A 200 {@code application/json; charset=utf-8} response holding {@code value} as JSON; aiohttp's
     * {@code json_response}. Encoded when prepared, by the application's codec.
     */
    public static Response json(Object value) {
        return json(200, value);
    }

    /** A JSON response with {@code status}. */
    public static Response json(int status, Object value) {
        Response r = new Response(status);
        r.json = value;
        r.hasJson = true;
        r.contentType(APPLICATION_JSON);
        return r;
    }

    // ---- body ----

    /** The body (for a {@link #json} response, once prepared). */
    public byte[] body() {
        return body;
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Replaces the body with {@code body} (not copied).
     *
     * @return this response
     * @throws IllegalStateException after {@link #prepare}
     */
    public Response setBody(byte[] body) {
        checkNotPrepared("change the body");
        this.body = Objects.requireNonNull(body, "body");
        hasJson = false;
        json = null;
        return this;
    }

    /**
     * Replaces the body with {@code text} in UTF-8, and sets {@code Content-Type} to {@code
     * text/plain; charset=utf-8} unless one is set.
     *
     * @return this response
     */
    public Response setText(String text) {
        setBody(text.getBytes(StandardCharsets.UTF_8));
        if (contentType() == null) {
            contentType(TEXT_PLAIN);
        }
        return this;
    }

    // ---- covariant setters, for chaining ----

    @Override
    public Response status(int status) {
        super.status(status);
        return this;
    }

    @Override
    public Response header(String name, String value) {
        super.header(name, value);
        return this;
    }

    @Override
    public Response contentType(String value) {
        super.contentType(value);
        return this;
    }

    @Override
    public Response forceClose() {
        super.forceClose();
        return this;
    }

    // ---- sending ----

    @Override
    void beforeHead(Request request) throws IOException {
        if (hasJson) {
            body = request.app().jsonCodec().encode(json);
            hasJson = false;
        }
        if (headersOrNull() != null && headersOrNull().contains(HeaderNames.CONTENT_LENGTH)) {
            headersOrNull().remove(HeaderNames.CONTENT_LENGTH);
        }
        contentLength(body.length);
    }

    /**
     * Sends the head and the body; the response is then complete. Calling it again does nothing.
     *
     * @throws IOException if the JSON codec cannot encode the value
     */
    @Override
    public void prepare(Request request) throws IOException {
        Objects.requireNonNull(request, "request");
        if (prepared()) {
            return;
        }
        beforeHead(request);
        request.connection().sendHead(request, this, body, 0, body.length);
    }
}
