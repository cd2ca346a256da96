package io.asyncio4j.http.internal.ws;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses outgoing messages for permessage-deflate (RFC 7692 section 7.2.1): raw DEFLATE ended
 * by a sync flush, whose final empty stored block ({@code 00 00 FF FF}) is removed.
 *
 * <p><b>Window bits.</b> The JDK's {@link Deflater} always uses a 32 KiB window (15 bits). When
 * the peer allows this side only {@code N < 15} bits, a message is compressed only when it is at
 * most {@code 2^N} bytes long, and the deflater is reset before each one: a back-reference never
 * reaches further back than the start of its own message, so no distance exceeds the message's
 * length and the peer's {@code 2^N}-byte window suffices. Longer messages are sent uncompressed
 * (RSV1 clear), which the extension allows for any message.
 */
public final class MessageDeflater {
    private static final int MAX_WINDOW_BITS = 15;

    private final Deflater deflater;
    private final boolean resetPerMessage;
    private final long maxCompressible;
    private byte[] out = new byte[512];
    private int length;

    /**
     * @param noContextTakeover whether each message must be compressed alone (this side's {@code
     *     *_no_context_takeover})
     * @param windowBits the largest window the peer accepts from this side, 8 to 15
     * @param level the {@link Deflater} level
     */
    public MessageDeflater(boolean noContextTakeover, int windowBits, int level) {
        if (windowBits < 8 || windowBits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("window bits must be 8..15, got " + windowBits);
        }
        this.deflater = new Deflater(level, true);
        this.resetPerMessage = noContextTakeover || windowBits < MAX_WINDOW_BITS;
        this.maxCompressible = windowBits < MAX_WINDOW_BITS ? 1L << windowBits : Long.MAX_VALUE;
    }

    /**
     * Compresses {@code len} bytes of {@code data} from {@code off} into {@link #output()}; returns
     * false (and compresses nothing) when the message must go uncompressed.
     */
    public boolean compress(byte[] data, int off, int len) {
        if (len > maxCompressible) {
            return false;
        }
        deflater.setInput(data, off, len);
        int n = 0;
        while (true) {
            if (out.length - n < 64) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            int k = deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            n += k;
            if (n < out.length) {
                break; // room left over: the flush is complete
            }
        }
        if (n >= 4 && out[n - 4] == 0 && out[n - 3] == 0 && out[n - 2] == (byte) 0xFF && out[n - 1] == (byte) 0xFF) {
            n -= 4;
        }
        if (n == 0) {
            out[0] = 0; // an empty message: RFC 7692 7.2.3.6's single 0x00
            n = 1;
        }
        length = n;
        if (resetPerMessage) {
            deflater.reset();
        }
        return true;
    }

    /** The compressed bytes of the last {@link #compress} (valid until the next). */
    public byte[] output() {
        return out;
    }

    /** Their length. */
    public int outputLength() {
        return length;
    }

    /** Frees the deflater's native memory. */
    public void release() {
        deflater.end();
    }
}
