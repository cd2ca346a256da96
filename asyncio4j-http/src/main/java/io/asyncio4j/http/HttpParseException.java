package io.asyncio4j.http;

/**
 * A message that cannot be read safely: malformed, ambiguous in its framing (the stuff of request
 * smuggling), or beyond a limit. It carries the status a server answers with before it closes the
 * connection: 400 (malformed or ambiguous), 413 (body too large), 414 (request line too long), 431
 * (header field or header block too large), 501 (a transfer coding this parser does not implement)
 * or 505 (an HTTP version other than 1.x). A client that gets it from a response closes the
 * connection too: the bytes after an unreadable message cannot be trusted.
 *
 * <p>The parser that threw it is finished: every later call throws the same exception.
 */
public final class HttpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The status a server answers with. */
    private final int status;

    /** What is wrong, without the status: {@code "Content-Length and Transfer-Encoding together"}. */
    private final String reason;

    /**
     * An error with the status a server should answer and the reason, which becomes the message.
     *
     * @throws IllegalArgumentException if {@code status} is not a 4xx or 5xx code
     */
    public HttpParseException(int status, String reason) {
        super(status + " " + reason);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HTTP parse error carries a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.reason = reason;
    }

    /** The status a server answers with: 400, 413, 414, 431, 501 or 505. */
    public int status() {
        return status;
    }

    /** What is wrong, in words (the message without the status). */
    public String reason() {
        return reason;
    }
}
