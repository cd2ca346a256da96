package io.asyncio4j.http.internal.ws;

import io.asyncio4j.http.ws.WebSocketError;
import io.asyncio4j.http.ws.WsCloseCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads WebSocket frames (RFC 6455 section 5) from buffers its caller owns and gives whole messages
 * back: data messages reassembled from their fragments (and inflated, with permessage-deflate),
 * control frames as they come, also between the fragments of a message. The shape of the HTTP
 * parser: {@link #next(ByteBuffer)} consumes what it parsed and returns an opcode, or {@link
 * #NEED_DATA}; it never blocks and keeps no reference to the buffer.
 *
 * <p>Everything the peer can get wrong is refused with a {@link WebSocketError} carrying the close
 * code to send, at the first byte that shows it: a reserved bit or opcode, a mask on the wrong side,
 * a control frame that is fragmented or longer than 125 bytes, a fragment out of sequence, text that
 * is not UTF-8 (even when its invalid sequence is split across frames: the text is checked as it
 * arrives), a message over the size limit (also once inflated), a bad close code or reason. After
 * an error the decoder is dead: the connection must be failed.
 *
 * <p>Not thread-safe: one reader at a time.
 */
public final class FrameDecoder {
    /*
     * Implementation overview.
     *
     * Frame state: `inPayload` is false while the next bytes are a frame header; the header is only
     * consumed once complete (2 to 14 bytes), but its first two bytes are checked as soon as they
     * are there. In a payload, `left` bytes remain; each call copies what the buffer has into the
     * message (data frames) or the control buffer (control frames), unmasking during the copy.
     *
     * Message state: `messageOpcode` is TEXT or BINARY from the first frame of a data message to its
     * final frame, 0 between messages. Compressed payloads are inflated as they arrive, so the
     * size limit applies to the inflated bytes before they are all produced (a small frame that
     * inflates to gigabytes stops at the limit), and text is validated as it is produced.
     *
     * A returned message's bytes stay in `message` (or `control`) until the next call, which starts
     * over (`delivered`).
     */

    /** {@link #next} needs more bytes. */
    public static final int NEED_DATA = -1;

    private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final boolean expectMasked;
    private final long maxMessageSize;
    private final Inflater inflater;
    private final boolean inflaterResetsPerMessage;
    private final Utf8Validator utf8 = new Utf8Validator();

    // the current frame
    private boolean inPayload;
    private int opcode;
    private boolean fin;
    private boolean masked;
    private int maskKey;
    private long left;
    private long done;

    // the current data message
    private int messageOpcode;
    private boolean compressed;
    private byte[] message = new byte[256];
    private int messageLength;

    private final byte[] control = new byte[125];
    private int controlLength;

    private boolean delivered;
    private boolean deliveredControl;
    private WebSocketError failure;

    private int closeCode;
    private String closeReason;
    private byte[] scratch;

    /**
     * A decoder for one side of a connection.
     *
     * @param server true on the server, which accepts only masked frames; false on the client, which
     *     accepts only unmasked ones (section 5.1)
     * @param maxMessageSize the largest message accepted, in bytes once inflated; 0 for no limit
     * @param inflate whether permessage-deflate was agreed: then RSV1 marks a compressed message
     * @param resetInflaterPerMessage whether the peer compresses each message alone ({@code
     *     server_no_context_takeover} on the client, {@code client_no_context_takeover} on the server)
     */
    public FrameDecoder(boolean server, long maxMessageSize, boolean inflate, boolean resetInflaterPerMessage) {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must be >= 0 (0: no limit), got " + maxMessageSize);
        }
        this.expectMasked = server;
        this.maxMessageSize = maxMessageSize;
        this.inflater = inflate ? new Inflater(true) : null;
        this.inflaterResetsPerMessage = resetInflaterPerMessage;
    }

    /**
     * Decodes from {@code buf} (read mode) and consumes what it decoded. Returns the opcode of the
     * next whole message or control frame ({@link Opcodes#TEXT}, {@link Opcodes#BINARY}, {@link
     * Opcodes#PING}, {@link Opcodes#PONG}, {@link Opcodes#CLOSE}), whose bytes {@link #payload()}
     * holds until the next call; or {@link #NEED_DATA} when {@code buf} ends before one.
     *
     * @throws WebSocketError if the bytes break the protocol; every later call throws it again
     */
    public int next(ByteBuffer buf) throws WebSocketError {
        if (failure != null) {
            throw failure;
        }
        if (delivered) {
            delivered = false;
            if (deliveredControl) {
                controlLength = 0;
            } else {
                messageLength = 0;
                messageOpcode = 0;
            }
        }
        try {
            while (true) {
                if (!inPayload && !readHeader(buf)) {
                    return NEED_DATA;
                }
                int n = (int) Math.min(left, buf.remaining());
                if (n > 0) {
                    payload(buf, n);
                }
                if (left > 0) {
                    return NEED_DATA;
                }
                inPayload = false;
                int result = frameDone();
                if (result != NEED_DATA) {
                    delivered = true;
                    deliveredControl = Opcodes.isControl(result);
                    return result;
                }
            }
        } catch (WebSocketError e) {
            failure = e;
            throw e;
        }
    }

    /** The bytes of the message or control frame that {@link #next} returned last. */
    public byte[] payload() {
        return deliveredControl ? control : message;
    }

    /** How many bytes of {@link #payload()} belong to it. */
    public int payloadLength() {
        return deliveredControl ? controlLength : messageLength;
    }

    /** The payload as a fresh array of its length. */
    public byte[] payloadCopy() {
        return java.util.Arrays.copyOf(payload(), payloadLength());
    }

    /** The payload as text (a text message's payload is valid UTF-8). */
    public String payloadText() {
        return new String(payload(), 0, payloadLength(), StandardCharsets.UTF_8);
    }

    /** The code of the close frame just returned ({@link WsCloseCode#NO_STATUS_RECEIVED} if it had none). */
    public int closeCode() {
        return closeCode;
    }

    /** The reason of the close frame just returned, empty if it had none. */
    public String closeReason() {
        return closeReason;
    }

    /** Whether a data message has begun and not yet ended (its first fragments arrived). */
    public boolean inMessage() {
        return messageOpcode != 0 && !(delivered && !deliveredControl);
    }

    /** Frees the inflater's native memory; the decoder is unusable afterwards. */
    public void release() {
        if (inflater != null) {
            inflater.end();
        }
        failure = new WebSocketError(WsCloseCode.ABNORMAL_CLOSURE, "the decoder was released");
    }

    // ---- headers ----

    private boolean readHeader(ByteBuffer buf) throws WebSocketError {
        int avail = buf.remaining();
        if (avail < 2) {
            return false;
        }
        int p = buf.position();
        int b0 = buf.get(p) & 0xFF;
        int b1 = buf.get(p + 1) & 0xFF;
        boolean finBit = (b0 & 0x80) != 0;
        boolean rsv1 = (b0 & 0x40) != 0;
        int op = b0 & 0x0F;
        boolean maskBit = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;

        if ((b0 & 0x30) != 0) {
            throw protocol("a frame with RSV2 or RSV3 set, which no agreed extension defines (RFC 6455 5.2)");
        }
        switch (op) {
            case Opcodes.CONTINUATION, Opcodes.TEXT, Opcodes.BINARY, Opcodes.CLOSE, Opcodes.PING, Opcodes.PONG -> {}
            default -> throw protocol("a frame with the " + Opcodes.name(op) + " (RFC 6455 5.2)");
        }
        if (Opcodes.isControl(op)) {
            if (!finBit) {
                throw protocol("a fragmented " + Opcodes.name(op) + " frame: control frames are never fragmented"
                        + " (RFC 6455 5.5)");
            }
            if (len7 > 125) {
                throw protocol("a " + Opcodes.name(op) + " frame longer than 125 bytes (RFC 6455 5.5)");
            }
            if (rsv1) {
                throw protocol("a " + Opcodes.name(op) + " frame with RSV1 set (RFC 7692 6.1: only on a data"
                        + " message's first frame)");
            }
        } else if (op == Opcodes.CONTINUATION) {
            if (messageOpcode == 0) {
                throw protocol("a continuation frame with no message to continue (RFC 6455 5.4)");
            }
            if (rsv1) {
                throw protocol(
                        "a continuation frame with RSV1 set (RFC 7692 6.1: only on a message's first" + " frame)");
            }
        } else {
            if (messageOpcode != 0) {
                throw protocol("a new " + Opcodes.name(op) + " message before the fragmented "
                        + Opcodes.name(messageOpcode) + " message ended (RFC 6455 5.4)");
            }
            if (rsv1 && inflater == null) {
                throw protocol("a frame with RSV1 set, but permessage-deflate was not agreed (RFC 6455 5.2)");
            }
        }
        if (maskBit != expectMasked) {
            throw protocol(
                    expectMasked
                            ? "an unmasked frame from the client (RFC 6455 5.1: a client masks every frame)"
                            : "a masked frame from the server (RFC 6455 5.1: a server never masks)");
        }

        int headerLength = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (maskBit ? 4 : 0);
        if (avail < headerLength) {
            return false;
        }
        long length;
        if (len7 == 126) {
            length = ((buf.get(p + 2) & 0xFF) << 8) | (buf.get(p + 3) & 0xFF);
        } else if (len7 == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (buf.get(p + 2 + i) & 0xFF);
            }
            if (length < 0) {
                throw protocol("a 64-bit payload length with its most significant bit set (RFC 6455 5.2)");
            }
        } else {
            length = len7;
        }
        if (maskBit) {
            int k = p + headerLength - 4;
            maskKey = ((buf.get(k) & 0xFF) << 24)
                    | ((buf.get(k + 1) & 0xFF) << 16)
                    | ((buf.get(k + 2) & 0xFF) << 8)
                    | (buf.get(k + 3) & 0xFF);
        }
        if (!Opcodes.isControl(op)) {
            if (op != Opcodes.CONTINUATION) {
                messageOpcode = op;
                compressed = rsv1;
                utf8.reset();
            }
            if (!compressed && maxMessageSize > 0 && messageLength + length > maxMessageSize) {
                throw new WebSocketError(
                        WsCloseCode.MESSAGE_TOO_BIG,
                        "a message of " + (messageLength + length) + " bytes or more, over the limit of "
                                + maxMessageSize + " (maxMessageSize)");
            }
        }
        buf.position(p + headerLength);
        opcode = op;
        fin = finBit;
        masked = maskBit;
        left = length;
        done = 0;
        inPayload = true;
        return true;
    }

    // ---- payloads ----

    private void payload(ByteBuffer buf, int n) throws WebSocketError {
        if (Opcodes.isControl(opcode)) {
            buf.get(control, controlLength, n);
            if (masked) {
                Masking.apply(control, controlLength, n, maskKey, done);
            }
            controlLength += n;
        } else if (!compressed) {
            ensureCapacity(messageLength + n);
            buf.get(message, messageLength, n);
            if (masked) {
                Masking.apply(message, messageLength, n, maskKey, done);
            }
            if (messageOpcode == Opcodes.TEXT && !utf8.update(message, messageLength, n)) {
                throw invalidText();
            }
            messageLength += n;
        } else {
            if (scratch == null || scratch.length < n) {
                scratch = new byte[Math.max(n, 4096)];
            }
            buf.get(scratch, 0, n);
            if (masked) {
                Masking.apply(scratch, 0, n, maskKey, done);
            }
            inflate(scratch, n);
        }
        left -= n;
        done += n;
    }

    private void inflate(byte[] in, int n) throws WebSocketError {
        if (inflater.finished()) {
            return; // the peer ended its deflate stream (BFINAL) inside this message: the rest is padding
        }
        inflater.setInput(in, 0, n);
        while (true) {
            if (message.length - messageLength < 1024) {
                grow(messageLength + 1024);
            }
            int produced;
            try {
                produced = inflater.inflate(message, messageLength, message.length - messageLength);
            } catch (DataFormatException e) {
                throw new WebSocketError(
                        WsCloseCode.INVALID_TEXT,
                        "a compressed message that does not inflate (RFC 7692 7.2.2): " + e.getMessage());
            }
            if (produced > 0) {
                if (messageOpcode == Opcodes.TEXT && !utf8.update(message, messageLength, produced)) {
                    throw invalidText();
                }
                messageLength += produced;
                if (maxMessageSize > 0 && messageLength > maxMessageSize) {
                    throw new WebSocketError(
                            WsCloseCode.MESSAGE_TOO_BIG,
                            "a compressed message that inflates to more than the limit of " + maxMessageSize
                                    + " bytes (maxMessageSize)");
                }
            } else if (inflater.needsInput() || inflater.finished()) {
                return;
            } else if (inflater.needsDictionary()) {
                throw new WebSocketError(
                        WsCloseCode.INVALID_TEXT, "a compressed message that asks for a preset dictionary");
            }
        }
    }

    private int frameDone() throws WebSocketError {
        if (Opcodes.isControl(opcode)) {
            if (opcode == Opcodes.CLOSE) {
                readClose();
            }
            return opcode;
        }
        if (!fin) {
            return NEED_DATA;
        }
        if (compressed) {
            inflate(DEFLATE_TAIL, DEFLATE_TAIL.length);
            if (inflaterResetsPerMessage || inflater.finished()) {
                inflater.reset();
            }
        }
        if (messageOpcode == Opcodes.TEXT && !utf8.isComplete()) {
            throw new WebSocketError(
                    WsCloseCode.INVALID_TEXT, "a text message that ends inside a UTF-8 sequence (RFC 6455 8.1)");
        }
        return messageOpcode;
    }

    private void readClose() throws WebSocketError {
        if (controlLength == 0) {
            closeCode = WsCloseCode.NO_STATUS_RECEIVED;
            closeReason = "";
            return;
        }
        if (controlLength == 1) {
            throw protocol("a close frame with a one-byte payload (RFC 6455 5.5.1: a code takes two)");
        }
        int code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
        if (!WsCloseCode.isSendable(code)) {
            throw protocol("a close frame with the code " + code
                    + ", which may not be sent (RFC 6455 7.4: 1000-1003, 1007-1014, 3000-4999)");
        }
        if (!Utf8Validator.isValid(control, 2, controlLength - 2)) {
            throw new WebSocketError(
                    WsCloseCode.INVALID_TEXT, "a close frame whose reason is not UTF-8 (RFC 6455 5.5.1)");
        }
        closeCode = code;
        closeReason = new String(control, 2, controlLength - 2, StandardCharsets.UTF_8);
    }

    private void ensureCapacity(long needed) {
        if (needed > message.length) {
            grow(needed);
        }
    }

    private void grow(long needed) {
        long cap = Math.max(needed, (long) message.length * 2);
        if (maxMessageSize > 0) {
            cap = Math.max(needed, Math.min(cap, maxMessageSize + 1024));
        }
        if (cap > Integer.MAX_VALUE - 16) {
            cap = Integer.MAX_VALUE - 16;
            if (needed > cap) {
                throw new OutOfMemoryError("a WebSocket message over 2 GiB; set a maxMessageSize");
            }
        }
        message = java.util.Arrays.copyOf(message, (int) cap);
    }

    private static WebSocketError protocol(String what) {
        return new WebSocketError(WsCloseCode.PROTOCOL_ERROR, "the peer sent " + what);
    }

    private static WebSocketError invalidText() {
        return new WebSocketError(WsCloseCode.INVALID_TEXT, "a text message that is not valid UTF-8 (RFC 6455 8.1)");
    }
}
