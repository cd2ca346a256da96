package io.asyncio4j.http.client;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a {@code Content-Encoding} of {@code gzip} (RFC 1952, its CRC and length checked) or
 * {@code deflate} (zlib, RFC 1950; raw deflate too, which some servers send) piece by piece, as
 * the body arrives. Loop thread only; {@link #close()} frees the inflater's native memory.
 */
final class ContentDecoder implements AutoCloseable {
    private static final int FTEXT_HCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final boolean gzip;
    private Inflater inflater;
    /** Bytes held back until a header (gzip's, or zlib's two bytes) or gzip's trailer is complete. */
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();

    private final CRC32 crc = new CRC32();
    private long size;
    private boolean headerDone;
    private final byte[] out = new byte[16 * 1024];
    /** The array last given to the inflater. */
    private byte[] lastInput = new byte[0];

    private ContentDecoder(boolean gzip) {
        this.gzip = gzip;
    }

    /** A decoder for {@code encoding}, or null for {@code identity}, none, or a coding not decoded here. */
    static ContentDecoder forEncoding(String encoding) {
        if (encoding == null) {
            return null;
        }
        String e = encoding.trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "gzip", "x-gzip" -> new ContentDecoder(true);
            case "deflate" -> new ContentDecoder(false);
            default -> null;
        };
    }

    /** The decoded bytes of the next piece of body (possibly empty). */
    byte[] decode(byte[] piece) throws DataFormatException {
        byte[] input = piece;
        if (!headerDone) {
            held.writeBytes(piece);
            byte[] h = held.toByteArray();
            int start = gzip ? gzipHeaderLength(h) : zlibStart(h);
            if (start < 0) {
                return new byte[0];
            }
            headerDone = true;
            held.reset();
            input = java.util.Arrays.copyOfRange(h, start, h.length);
        }
        if (inflater.finished()) {
            held.writeBytes(input); // gzip's trailer
            return new byte[0];
        }
        lastInput = input;
        inflater.setInput(input);
        return inflate();
    }

    private byte[] inflate() throws DataFormatException {
        ByteArrayOutputStream result = null;
        byte[] first = null;
        int firstLen = 0;
        while (!inflater.finished()) {
            int n = inflater.inflate(out);
            if (n == 0) {
                if (inflater.needsDictionary()) {
                    throw new DataFormatException("the deflate stream asks for a preset dictionary");
                }
                if (inflater.needsInput() || inflater.finished()) {
                    break;
                }
                continue;
            }
            if (gzip) {
                crc.update(out, 0, n);
                size += n;
            }
            if (first == null) {
                first = java.util.Arrays.copyOf(out, n);
                firstLen = n;
            } else {
                if (result == null) {
                    result = new ByteArrayOutputStream();
                    result.write(first, 0, firstLen);
                }
                result.write(out, 0, n);
            }
        }
        if (inflater.finished() && inflater.getRemaining() > 0) {
            // What the inflater did not use of the last input is the start of gzip's trailer.
            int n = inflater.getRemaining();
            held.write(lastInput, lastInput.length - n, n);
        }
        if (result != null) {
            return result.toByteArray();
        }
        return first == null ? new byte[0] : first;
    }

    /**
     * Checks that the stream ended properly (and for gzip, that the CRC and length match).
     *
     * @throws DataFormatException if the body ended before the compressed stream did, or a check failed
     */
    void finish() throws DataFormatException {
        if (!headerDone || inflater == null || !inflater.finished()) {
            throw new DataFormatException("the body ended before the " + (gzip ? "gzip" : "deflate") + " stream");
        }
        if (gzip) {
            byte[] t = held.toByteArray();
            if (t.length < 8) {
                throw new DataFormatException("the gzip trailer is cut short (" + t.length + " of 8 bytes)");
            }
            long crcWanted = le32(t, 0);
            long sizeWanted = le32(t, 4);
            if (crcWanted != crc.getValue() || sizeWanted != (size & 0xffffffffL)) {
                throw new DataFormatException("the gzip CRC or length does not match the data");
            }
        }
    }

    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
        }
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    /** The length of the gzip header at the start of {@code h}, or -1 if it is not complete yet. */
    private int gzipHeaderLength(byte[] h) throws DataFormatException {
        if (h.length < 10) {
            return -1;
        }
        if ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b || h[2] != 8) {
            throw new DataFormatException("not a gzip stream (bad magic bytes or method)");
        }
        int flags = h[3] & 0xff;
        int p = 10;
        if ((flags & FEXTRA) != 0) {
            if (h.length < p + 2) {
                return -1;
            }
            p += 2 + ((h[p] & 0xff) | (h[p + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (p < h.length && h[p] != 0) {
                    p++;
                }
                if (p >= h.length) {
                    return -1;
                }
                p++;
            }
        }
        if ((flags & FTEXT_HCRC) != 0) {
            p += 2;
        }
        if (p > h.length) {
            return -1;
        }
        inflater = new Inflater(true);
        return p;
    }

    /** Where the deflate data starts: chooses zlib or raw deflate once two bytes are there. */
    private int zlibStart(byte[] h) {
        if (h.length < 2) {
            return -1;
        }
        int cmf = h[0] & 0xff;
        int flg = h[1] & 0xff;
        boolean zlib = (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
        inflater = new Inflater(!zlib);
        return 0;
    }
}
