package io.asyncio4j.http.ws;

/** The kind of a {@link WsMessage}: aiohttp's {@code WSMsgType}. */
public enum WsMsgType {
    /** A text message ({@link WsMessage.Text}). */
    TEXT,
    /** A binary message ({@link WsMessage.Binary}). */
    BINARY,
    /** A ping, seen only with {@code autoPing(false)} ({@link WsMessage.Ping}). */
    PING,
    /** A pong, seen only with {@code autoPing(false)} ({@link WsMessage.Pong}). */
    PONG,
    /** The peer's close frame ({@link WsMessage.Close}). */
    CLOSE,
    /** This side is closing: {@link WebSocket#close} was called ({@link WsMessage.Closing}). */
    CLOSING,
    /** The connection is closed ({@link WsMessage.Closed}). */
    CLOSED,
    /** The connection failed ({@link WsMessage.Error}). */
    ERROR
}
