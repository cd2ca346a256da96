package io.asyncio4j.http.internal.ws;

/** The frame opcodes of RFC 6455 section 5.2. */
public final class Opcodes {
    private Opcodes() {}

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** Whether {@code opcode} is a control frame's (section 5.5: the high bit of the opcode). */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** The opcode's name, for error messages. */
    public static String name(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "continuation";
            case TEXT -> "text";
            case BINARY -> "binary";
            case CLOSE -> "close";
            case PING -> "ping";
            case PONG -> "pong";
            default -> "reserved opcode 0x" + Integer.toHexString(opcode);
        };
    }
}
