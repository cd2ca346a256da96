package io.asyncio4j.http.ws;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link WebSocket#receive()} returns: aiohttp's {@code WSMessage}, one record per {@link
 * WsMsgType}, for a {@code switch} with patterns:
 *
 * {@snippet :
 * for (WsMessage msg : ws) {                                 // async for msg in ws:
 *     switch (msg) {
 *         case WsMessage.Text t -> ws.sendText("echo " + t.data());
 *         case WsMessage.Binary b -> ws.sendBytes(b.data());
 *         case WsMessage.Error e -> System.out.println("failed: " + e.error());
 *         default -> {}
 *     }
 * }
 * }
 */
public sealed interface WsMessage {
    /** The kind of this message. */
    WsMsgType type();

    /** A text message: its whole text, reassembled from its fragments and checked as UTF-8. */
    record Text(String data) implements WsMessage {
        /** A text message. */
        public Text {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public WsMsgType type() {
            return WsMsgType.TEXT;
        }
    }

    /** A binary message: its whole payload, reassembled from its fragments. */
    record Binary(byte[] data) implements WsMessage {
        /** A binary message. */
        public Binary {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public WsMsgType type() {
            return WsMsgType.BINARY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(data, b.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes]";
        }
    }

    /** A ping and its application data (at most 125 bytes); returned only with {@code autoPing(false)}. */
    record Ping(byte[] data) implements WsMessage {
        /** A ping. */
        public Ping {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public WsMsgType type() {
            return WsMsgType.PING;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ping p && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Ping[" + data.length + " bytes]";
        }
    }

    /** A pong and its application data; returned only with {@code autoPing(false)}. */
    record Pong(byte[] data) implements WsMessage {
        /** A pong. */
        public Pong {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public WsMsgType type() {
            return WsMsgType.PONG;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pong p && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Pong[" + data.length + " bytes]";
        }
    }

    /**
     * The peer's close frame: its code ({@link WsCloseCode#NO_STATUS_RECEIVED} when it had none) and
     * reason. With {@code autoClose} on (the default) the close was answered before this returns.
     */
    record Close(int code, String reason) implements WsMessage {
        /** A close. */
        public Close {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public WsMsgType type() {
            return WsMsgType.CLOSE;
        }
    }

    /** This side sent its close frame ({@link WebSocket#close} was called): no more messages will come. */
    record Closing() implements WsMessage {
        @Override
        public WsMsgType type() {
            return WsMsgType.CLOSING;
        }
    }

    /** The connection is closed; every further {@code receive} returns this again. */
    record Closed() implements WsMessage {
        @Override
        public WsMsgType type() {
            return WsMsgType.CLOSED;
        }
    }

    /**
     * The connection failed: a {@link WebSocketError} (the peer broke the protocol; its code was sent
     * in a close frame), a {@link java.util.concurrent.TimeoutException} (no pong in time), or the {@link java.io.IOException} of a broken connection.
     */
    record Error(Throwable error) implements WsMessage {
        /** An error. */
        public Error {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public WsMsgType type() {
            return WsMsgType.ERROR;
        }
    }
}
