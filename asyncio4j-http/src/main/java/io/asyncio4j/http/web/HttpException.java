package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.Reasons;
import java.util.Objects;

/**
 * An HTTP answer thrown from a handler or middleware: aiohttp's {@code web.HTTPException}. The
 * connection answers with its status, headers and text; a middleware can catch it to change the
 * answer. Each status has its subclass ({@link HttpNotFound}, {@link HttpFound}, {@link
 * HttpServiceUnavailable}...), grouped under {@link HttpRedirection}, {@link HttpClientError} and
 * {@link HttpServerError}.
 *
 * {@snippet :
 * Handler user = request -> {
 *     User u = users.get(request.matchInfo().get("id"));
 *     if (u == null) {
 *         throw new HttpNotFound("no user " + request.matchInfo().get("id"));
 *     }
 *     return Response.json(u);
 * };
 * }
 *
 * <p>The body is the text ({@code "404: Not Found"} unless given), as {@code text/plain}; a client
 * whose {@code Accept} asks for JSON gets {@code {"status": 404, "reason": "Not Found", "message":
 * "..."}} instead. Java cannot make one class both an exception and a response, so unlike in aiohttp
 * it is thrown, not returned. It carries no stack trace: it is an answer, not a fault.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final String text;
    private final transient Headers headers = new Headers();

    /**
     * An answer with {@code status} and {@code text} (null: {@code "404: Not Found"}).
     *
     * @throws IllegalArgumentException if {@code status} is not 100-599
     */
    public HttpException(int status, String text) {
        this(status, null, text);
    }

    /**
     * An answer with {@code status}, a reason phrase (null: the standard one) and {@code text}
     * (null: the status and reason).
     *
     * @throws IllegalArgumentException if {@code status} is not 100-599
     */
    public HttpException(int status, String reason, String text) {
        super(null, null, false, false);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599, got " + status);
        }
        this.status = status;
        this.reason = reason != null ? reason : Reasons.of(status);
        this.text = text != null ? text : status + ": " + this.reason;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase. */
    public String reason() {
        return reason;
    }

    /** The body text. */
    public String text() {
        return text;
    }

    /** The headers sent with the answer ({@code Location}, {@code Allow}...); may be changed. */
    public Headers headers() {
        return headers;
    }

    @Override
    public String getMessage() {
        return status + " " + reason + (text.equals(status + ": " + reason) ? "" : ": " + text);
    }

    /**
     * The response this exception answers {@code request} with: text, or JSON when the request's
     * {@code Accept} names {@code application/json} (or a {@code +json} type) and not {@code
     * text/html}.
     */
    public Response toResponse(Request request) {
        Response r = new Response(status, reason);
        if (!headers.isEmpty()) {
            Headers h = r.headers();
            headers.forEach(h::add);
        }
        if (status == 204 || status == 304 || status < 200) {
            return r;
        }
        if (request != null && wantsJson(request.headers().get(HeaderNames.ACCEPT))) {
            r.setBody(json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            r.contentType("application/json; charset=utf-8");
        } else {
            r.setText(text);
        }
        return r;
    }

    private static boolean wantsJson(String accept) {
        return accept != null
                && (accept.contains("application/json") || accept.contains("+json"))
                && !accept.contains("text/html");
    }

    private String json() {
        return "{\"status\": " + status + ", \"reason\": " + quote(reason) + ", \"message\": " + quote(text) + "}";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String requireLocation(String location) {
        Objects.requireNonNull(location, "location");
        if (location.isEmpty()) {
            throw new IllegalArgumentException("a redirect needs a non-empty location");
        }
        return location;
    }
}
