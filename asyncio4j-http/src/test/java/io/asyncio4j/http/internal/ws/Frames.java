package io.asyncio4j.http.internal.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;

/** Builds frames byte by byte for the decoder's cases, and runs a decoder over them as a transcript. */
final class Frames {
    /** The masking key of RFC 6455 section 5.7's examples. */
    static final int KEY = 0x37FA213D;

    static final int FIN = 0x80;
    static final int RSV1 = 0x40;
    static final int RSV2 = 0x20;
    static final int RSV3 = 0x10;

    private Frames() {}

    /** A client's (masked) frame: {@code flags} are FIN and RSV bits. */
    static byte[] masked(int flags, int opcode, byte[] payload) {
        return raw(flags, opcode, payload, true);
    }

    /** A server's (unmasked) frame. */
    static byte[] unmasked(int flags, int opcode, byte[] payload) {
        return raw(flags, opcode, payload, false);
    }

    static byte[] raw(int flags, int opcode, byte[] payload, boolean mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags | opcode);
        int m = mask ? 0x80 : 0;
        int n = payload.length;
        if (n < 126) {
            out.write(m | n);
        } else if (n <= 0xFFFF) {
            out.write(m | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(m | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) n >>> (8 * i)));
            }
        }
        byte[] p = payload.clone();
        if (mask) {
            out.write(KEY >>> 24);
            out.write(KEY >>> 16);
            out.write(KEY >>> 8);
            out.write(KEY);
            for (int i = 0; i < p.length; i++) {
                p[i] ^= (byte) (KEY >>> (24 - 8 * (i & 3)));
            }
        }
        out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    static byte[] bytes(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] close(int code, String reason) {
        return cat(new byte[] {(byte) (code >>> 8), (byte) code}, utf8(reason));
    }

    /** Raw DEFLATE with a sync flush and without its final 00 00 FF FF: one permessage-deflate message. */
    static byte[] deflate(Deflater d, byte[] data) {
        d.setInput(data);
        byte[] out = new byte[data.length + 1024];
        int n = 0;
        while (true) {
            n += d.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length) {
                break;
            }
            out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        return java.util.Arrays.copyOf(out, n - 4);
    }

    /** What a decoder made of {@code input}, fed {@code piece} bytes at a time. */
    record Run(List<String> events, int errorAt) {}

    static Run run(FrameDecoder d, byte[] input, int piece) {
        List<String> events = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(input.length).flip();
        int fed = 0;
        while (true) {
            int op;
            try {
                op = d.next(buf);
            } catch (io.asyncio4j.http.ws.WebSocketError e) {
                events.add("ERROR " + e.code());
                return new Run(events, fed);
            }
            if (op == FrameDecoder.NEED_DATA) {
                if (fed == input.length) {
                    return new Run(events, -1);
                }
                int n = Math.min(piece, input.length - fed);
                buf.compact().put(input, fed, n).flip();
                fed += n;
                continue;
            }
            events.add(describe(d, op));
        }
    }

    static String describe(FrameDecoder d, int op) {
        return switch (op) {
            case Opcodes.TEXT -> {
                String t = d.payloadText();
                yield "TEXT " + (t.length() > 40 ? t.length() + " chars" : "'" + t + "'");
            }
            case Opcodes.BINARY ->
                "BINARY " + d.payloadLength()
                        + (d.payloadLength() > 0 && d.payloadLength() <= 16
                                ? " " + HexFormat.of().formatHex(d.payload(), 0, d.payloadLength())
                                : "");
            case Opcodes.PING -> "PING " + HexFormat.of().formatHex(d.payload(), 0, d.payloadLength());
            case Opcodes.PONG -> "PONG " + HexFormat.of().formatHex(d.payload(), 0, d.payloadLength());
            case Opcodes.CLOSE -> "CLOSE " + d.closeCode() + " '" + d.closeReason() + "'";
            default -> "?" + op;
        };
    }
}
