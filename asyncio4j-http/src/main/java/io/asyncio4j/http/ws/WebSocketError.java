package io.asyncio4j.http.ws;

import java.io.IOException;

/**
 * The peer broke the WebSocket protocol, or sent a message this side refuses: aiohttp's {@code
 * WebSocketError}. {@link #code()} is the close code this side sent when it failed the connection
 * ({@link WsCloseCode#PROTOCOL_ERROR}, {@link WsCloseCode#INVALID_TEXT}, {@link
 * WsCloseCode#MESSAGE_TOO_BIG} ...). It arrives as the error of a {@link WsMessage.Error}.
 */
public final class WebSocketError extends IOException {
    private static final long serialVersionUID = 1L;

    private final int code;

    /** An error whose close code is {@code code}. */
    public WebSocketError(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The close code sent for this error. */
    public int code() {
        return code;
    }
}
