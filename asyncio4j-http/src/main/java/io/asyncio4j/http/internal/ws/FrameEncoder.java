package io.asyncio4j.http.internal.ws;

/**
 * Writes WebSocket frames (RFC 6455 section 5.2): a frame is one array, header and payload, so it
 * reaches the socket in one write. A client masks every frame with a fresh key; a server never
 * masks.
 */
public final class FrameEncoder {
    private FrameEncoder() {}

    /** The header length of a frame with a {@code length}-byte payload. */
    static int headerLength(long length, boolean masked) {
        return (length < 126 ? 2 : length <= 0xFFFF ? 4 : 10) + (masked ? 4 : 0);
    }

    /**
     * One frame carrying {@code len} bytes of {@code payload} from {@code off}.
     *
     * @param rsv1 the permessage-deflate bit: set on the first frame of a compressed message
     * @param masked whether to mask (the client's frames), with {@code maskKey}
     */
    public static byte[] frame(
            int opcode, boolean fin, boolean rsv1, byte[] payload, int off, int len, boolean masked, int maskKey) {
        int h = headerLength(len, masked);
        byte[] out = new byte[h + len];
        out[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        int p;
        if (len < 126) {
            out[1] = (byte) len;
            p = 2;
        } else if (len <= 0xFFFF) {
            out[1] = 126;
            out[2] = (byte) (len >>> 8);
            out[3] = (byte) len;
            p = 4;
        } else {
            out[1] = 127;
            long l = len;
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) (l >>> (56 - 8 * i));
            }
            p = 10;
        }
        if (masked) {
            out[1] |= (byte) 0x80;
            out[p] = (byte) (maskKey >>> 24);
            out[p + 1] = (byte) (maskKey >>> 16);
            out[p + 2] = (byte) (maskKey >>> 8);
            out[p + 3] = (byte) maskKey;
            p += 4;
        }
        System.arraycopy(payload, off, out, p, len);
        if (masked) {
            Masking.apply(out, p, len, maskKey, 0);
        }
        return out;
    }

    /** The payload of a close frame: the code, then the reason's UTF-8 bytes. */
    public static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }
}
