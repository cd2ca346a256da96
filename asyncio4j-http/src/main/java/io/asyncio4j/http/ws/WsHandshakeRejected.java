package io.asyncio4j.http.ws;

import java.io.IOException;

/**
 * A server refused a WebSocket opening handshake that was not valid (not a GET, no {@code Upgrade:
 * websocket}, a bad key, an unsupported version, a refused origin): it answered with {@link
 * #status()} and closed the connection.
 */
public final class WsHandshakeRejected extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A rejection answered with {@code status}, for the reason {@code message}. */
    public WsHandshakeRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status the client was answered with: 400, 403, 405 or 426. */
    public int status() {
        return status;
    }
}
