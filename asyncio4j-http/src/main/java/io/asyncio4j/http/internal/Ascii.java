package io.asyncio4j.http.internal;

/**
 * The byte classes of RFC 9110 and RFC 9112 as one 256-entry table, so the parser's inner loops
 * test a byte with one load and one mask instead of a chain of comparisons.
 */
public final class Ascii {
    private Ascii() {}

    /** {@code tchar}: the bytes of a token (method, field name, transfer coding). */
    public static final int TOKEN = 1;

    /** A byte of a field value: VCHAR, obs-text, SP or HTAB. */
    public static final int FIELD_VALUE = 2;

    /** A byte of a request target: VCHAR or obs-text (no space, no control byte). */
    public static final int TARGET = 4;

    /** A hexadecimal digit. */
    public static final int HEX = 8;

    /** A byte of a {@code Host} value: unreserved, sub-delims, {@code : [ ] %}. */
    public static final int HOST = 16;

    private static final byte[] CLASSES = new byte[256];

    /** The value of a hex digit, or -1. */
    private static final byte[] HEX_VALUE = new byte[256];

    static {
        String tchar = "!#$%&'*+-.^_`|~";
        for (int b = 0; b < 256; b++) {
            int c = 0;
            boolean alpha = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
            boolean digit = b >= '0' && b <= '9';
            if (alpha || digit || tchar.indexOf(b) >= 0) {
                c |= TOKEN;
            }
            boolean vchar = b > 0x20 && b < 0x7f;
            if (vchar || b >= 0x80 || b == ' ' || b == '\t') {
                c |= FIELD_VALUE;
            }
            if (vchar || b >= 0x80) {
                c |= TARGET;
            }
            if (alpha || digit || "-._~!$&'()*+,;=:[]%".indexOf(b) >= 0) {
                c |= HOST;
            }
            HEX_VALUE[b] = -1;
            if (digit) {
                HEX_VALUE[b] = (byte) (b - '0');
            } else if (b >= 'a' && b <= 'f') {
                HEX_VALUE[b] = (byte) (b - 'a' + 10);
            } else if (b >= 'A' && b <= 'F') {
                HEX_VALUE[b] = (byte) (b - 'A' + 10);
            }
            if (HEX_VALUE[b] >= 0) {
                c |= HEX;
            }
            CLASSES[b] = (byte) c;
        }
    }

    /** Whether byte {@code b} belongs to {@code klass} (one of the constants above). */
    public static boolean is(byte b, int klass) {
        return (CLASSES[b & 0xff] & klass) != 0;
    }

    /** The value of hex digit {@code b}, or -1. */
    public static int hexValue(byte b) {
        return HEX_VALUE[b & 0xff];
    }

    /** Whether {@code c} is a token character. */
    public static boolean isToken(char c) {
        return c < 256 && (CLASSES[c] & TOKEN) != 0;
    }

    /** A byte for an error message: {@code 'a'} or {@code 0x0D (CR)}. */
    public static String describe(int b) {
        b &= 0xff;
        return switch (b) {
            case '\r' -> "CR (0x0D)";
            case '\n' -> "LF (0x0A)";
            case 0 -> "NUL (0x00)";
            case ' ' -> "SP (0x20)";
            case '\t' -> "HTAB (0x09)";
            default -> b > 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02X", b);
        };
    }
}
