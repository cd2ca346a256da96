package io.asyncio4j.http.internal.ws;

/**
 * Checks UTF-8 (RFC 3629) piece by piece, keeping its place across calls, so a text message is
 * refused at the first byte that cannot be part of a valid sequence, whatever frame or read it
 * arrives in (RFC 6455 section 8.1: fail fast on invalid text). Overlong forms, surrogates (U+D800
 * to U+DFFF) and code points above U+10FFFF are invalid.
 */
public final class Utf8Validator {
    /*
     * A deterministic automaton over byte classes. States:
     *   ACCEPT  between sequences
     *   NEED1   one continuation byte (80..BF) left
     *   NEED2   two left
     *   NEED3   three left
     *   E0      after E0: the next must be A0..BF (no overlong 3-byte form)
     *   ED      after ED: 80..9F (no surrogate)
     *   F0      after F0: 90..BF (no overlong 4-byte form)
     *   F4      after F4: 80..8F (nothing above U+10FFFF)
     *   REJECT  sink: invalid
     */
    private static final int ACCEPT = 0;
    private static final int REJECT = 1;
    private static final int NEED1 = 2;
    private static final int NEED2 = 3;
    private static final int NEED3 = 4;
    private static final int AFTER_E0 = 5;
    private static final int AFTER_ED = 6;
    private static final int AFTER_F0 = 7;
    private static final int AFTER_F4 = 8;
    private static final int STATES = 9;

    // byte classes
    private static final int ASCII = 0;
    private static final int C80_8F = 1;
    private static final int C90_9F = 2;
    private static final int CA0_BF = 3;
    private static final int BAD = 4; // C0, C1, F5..FF
    private static final int LEAD2 = 5; // C2..DF
    private static final int E0 = 6;
    private static final int LEAD3 = 7; // E1..EC, EE, EF
    private static final int ED = 8;
    private static final int F0 = 9;
    private static final int LEAD4 = 10; // F1..F3
    private static final int F4 = 11;
    private static final int CLASSES = 12;

    private static final byte[] CLASS = new byte[256];
    private static final byte[] NEXT = new byte[STATES * CLASSES];

    static {
        for (int b = 0; b < 256; b++) {
            int c;
            if (b < 0x80) {
                c = ASCII;
            } else if (b < 0x90) {
                c = C80_8F;
            } else if (b < 0xA0) {
                c = C90_9F;
            } else if (b < 0xC0) {
                c = CA0_BF;
            } else if (b < 0xC2) {
                c = BAD;
            } else if (b < 0xE0) {
                c = LEAD2;
            } else if (b == 0xE0) {
                c = E0;
            } else if (b == 0xED) {
                c = ED;
            } else if (b < 0xF0) {
                c = LEAD3;
            } else if (b == 0xF0) {
                c = F0;
            } else if (b < 0xF4) {
                c = LEAD4;
            } else if (b == 0xF4) {
                c = F4;
            } else {
                c = BAD;
            }
            CLASS[b] = (byte) c;
        }
        java.util.Arrays.fill(NEXT, (byte) REJECT);
        set(ACCEPT, ASCII, ACCEPT);
        set(ACCEPT, LEAD2, NEED1);
        set(ACCEPT, E0, AFTER_E0);
        set(ACCEPT, LEAD3, NEED2);
        set(ACCEPT, ED, AFTER_ED);
        set(ACCEPT, F0, AFTER_F0);
        set(ACCEPT, LEAD4, NEED3);
        set(ACCEPT, F4, AFTER_F4);
        for (int c : new int[] {C80_8F, C90_9F, CA0_BF}) {
            set(NEED1, c, ACCEPT);
            set(NEED2, c, NEED1);
            set(NEED3, c, NEED2);
            set(AFTER_F0, c, c == C80_8F ? REJECT : NEED2);
        }
        set(AFTER_E0, CA0_BF, NEED1);
        set(AFTER_ED, C80_8F, NEED1);
        set(AFTER_ED, C90_9F, NEED1);
        set(AFTER_F4, C80_8F, NEED2);
    }

    private static void set(int state, int byteClass, int next) {
        NEXT[state * CLASSES + byteClass] = (byte) next;
    }

    private int state = ACCEPT;

    /**
     * Checks the next {@code len} bytes of the text from {@code off}; returns false as soon as the
     * text so far cannot be valid UTF-8, whatever follows (and from then on).
     */
    public boolean update(byte[] b, int off, int len) {
        int s = state;
        int i = off;
        int end = off + len;
        while (i < end) {
            if (s == ACCEPT) {
                // ASCII runs, the common case, eight bytes at a time
                while (i + 8 <= end && (readLong(b, i) & 0x8080808080808080L) == 0) {
                    i += 8;
                }
                while (i < end && b[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    break;
                }
            }
            s = NEXT[s * CLASSES + CLASS[b[i] & 0xFF]];
            if (s == REJECT) {
                state = REJECT;
                return false;
            }
            i++;
        }
        state = s;
        return true;
    }

    /** Whether the text checked so far is valid and ends at a sequence's end. */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** Whether an invalid byte was seen. */
    public boolean failed() {
        return state == REJECT;
    }

    /** Starts over, for the next text. */
    public void reset() {
        state = ACCEPT;
    }

    /** Whether {@code len} bytes of {@code b} from {@code off} are a complete valid UTF-8 text. */
    public static boolean isValid(byte[] b, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.update(b, off, len) && v.isComplete();
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static long readLong(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }
}
