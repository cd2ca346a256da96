package io.asyncio4j.http;

import io.asyncio4j.http.internal.FileIo;
import io.asyncio4j.http.internal.HeaderParams;
import io.asyncio4j.http.internal.MediaTypes;
import io.asyncio4j.http.internal.Percent;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One part of a multipart body, read as it arrives: aiohttp's {@code BodyPartReader}. Its head is
 * read ({@link #headers()}, {@link #name()}, {@link #filename()}); its body is read with {@link
 * #readChunk(int)} or {@link #read(byte[], int, int)} piece by piece, whole with {@link #read()} or
 * {@link #text()} (up to {@link MultipartLimits#maxFieldSize()}), or into a file with {@link
 * #saveTo(Path)}.
 *
 * <p>A part is readable until its reader's {@link MultipartReader#nextPart()} moves on. Its file
 * name comes from the client: never use it as a path without checking it. The body is given as
 * sent: a {@code Content-Transfer-Encoding} (which RFC 7578 deprecates and browsers never send) is
 * not decoded.
 *
 * <p>Loop thread only, like its reader.
 */
public final class BodyPartReader implements BodySource {
    /** aiohttp's {@code chunk_size}: what {@link #readChunk()} asks for. */
    private static final int CHUNK = 8192;

    private static final int SAVE_BATCH = 256 * 1024;

    private final MultipartReader owner;
    private final Headers headers;
    private final int index;
    private HeaderParams disposition;
    private HeaderParams type;
    /** Set when nextPart() discarded bytes of this part that were never read. */
    private boolean skipped;

    BodyPartReader(MultipartReader owner, Headers headers, int index) {
        this.owner = owner;
        this.headers = headers;
        this.index = index;
    }

    /** The part's head, as sent (values hold the received bytes as ISO-8859-1 characters). */
    public Headers headers() {
        return headers;
    }

    /** The part's place in the body, counting from 1 (nested parts included). */
    public int index() {
        return index;
    }

    private HeaderParams disposition() {
        if (disposition == null) {
            disposition = HeaderParams.parse(headers.get("Content-Disposition"), "Content-Disposition");
        }
        return disposition;
    }

    private HeaderParams type() {
        if (type == null) {
            type = HeaderParams.parse(headers.get("Content-Type"), "Content-Type");
        }
        return type;
    }

    /**
     * The {@code name} parameter of {@code Content-Disposition}: the form field's name, or null.
     *
     * @throws HttpParseException (400) if {@code Content-Disposition} gives a parameter twice
     */
    public String name() {
        return disposition().param("name");
    }

    /**
     * The file name the client gave: {@code filename*} (RFC 5987/8187, such as {@code
     * UTF-8''%E2%82%AC.txt}) when present and well formed, else {@code filename} (raw UTF-8, as
     * browsers send it, is decoded), or null for a part that is not a file. Untrusted: it may hold
     * {@code ..}, slashes or a Windows path.
     *
     * @throws HttpParseException (400) if {@code Content-Disposition} gives a parameter twice
     */
    public String filename() {
        return disposition().param("filename");
    }

    /**
     * The {@code Content-Type} as sent, or {@code "text/plain"} when the part has none (RFC 7578
     * section 4.4).
     */
    public String contentType() {
        return headers.get("Content-Type", "text/plain");
    }

    /** The {@code charset} parameter of the part's {@code Content-Type}, or null. */
    public String charset() {
        return type().param("charset");
    }

    /** Whether the part's {@code Content-Type} is {@code multipart/*}: read it with {@link #multipart()}. */
    public boolean isMultipart() {
        return type().value().startsWith("multipart/");
    }

    /**
     * A reader of this part's body as a nested multipart body, for a part whose {@code
     * Content-Type} is {@code multipart/*} ({@code multipart/mixed} holding several files).
     *
     * @throws HttpParseException 413 when nested deeper than {@link MultipartLimits#maxNesting()},
     *     415 if the part is not multipart, 400 if its boundary is missing or invalid
     */
    public MultipartReader multipart() {
        MultipartLimits limits = owner.limits();
        if (owner.depth() + 1 > limits.maxNesting()) {
            throw new HttpParseException(
                    413,
                    "multipart part " + describe() + " nests multipart bodies deeper than maxNesting ("
                            + limits.maxNesting() + ")");
        }
        return new MultipartReader(headers.get("Content-Type"), this, limits, owner.depth() + 1, owner.partCount());
    }

    /**
     * Reads up to {@code len} bytes of the part's body into {@code b} at {@code off}, parking until
     * some arrive; -1 at the end of the part.
     *
     * <p><b>Cancellation.</b> Nothing is lost: the bytes stay buffered for the next read.
     *
     * @throws HttpParseException if the body is malformed or ends before the part does
     * @throws IllegalStateException if the reader moved to the next part before this one was read
     */
    @Override
    public int read(byte[] b, int off, int len) {
        if (skipped) {
            throw new IllegalStateException("multipart part " + index + " was skipped by nextPart() before it was"
                    + " read to its end; read a part before asking for the next");
        }
        return owner.readPart(this, b, off, len);
    }

    /**
     * Up to {@code size} bytes of the part's body, parking until some arrive; empty at the end of the
     * part (aiohttp's {@code read_chunk}).
     *
     * <p><b>Cancellation.</b> Nothing is lost.
     *
     * @throws IllegalArgumentException if {@code size <= 0}
     */
    public byte[] readChunk(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + size);
        }
        byte[] chunk = new byte[size];
        int n = read(chunk, 0, size);
        return n < 0 ? new byte[0] : n == size ? chunk : Arrays.copyOf(chunk, n);
    }

    /** {@link #readChunk(int)} of 8 KiB, as aiohttp's default. */
    public byte[] readChunk() {
        return readChunk(CHUNK);
    }

    /**
     * The rest of the part's body, whole.
     *
     * <p><b>Cancellation.</b> The bytes gathered so far are lost to the caller; read a large part in
     * chunks instead.
     *
     * @throws HttpParseException (413) if the part holds more than {@link
     *     MultipartLimits#maxFieldSize()} bytes
     */
    public byte[] read() {
        return readUpTo(owner.limits().maxFieldSize());
    }

    byte[] readUpTo(long max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        int n;
        long total = 0;
        while ((n = read(chunk, 0, chunk.length)) >= 0) {
            total += n;
            if (total > max) {
                throw new HttpParseException(
                        413,
                        "multipart part " + describe() + " holds more than " + max
                                + " bytes; read it in chunks, or raise MultipartLimits.maxFieldSize");
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * The rest of the part's body as text, in the {@code charset} of its {@code Content-Type}, or
     * UTF-8.
     *
     * @throws HttpParseException 413 as {@link #read()}, 400 if the bytes are not valid in the
     *     charset, or the charset is unknown
     */
    public String text() {
        return text(StandardCharsets.UTF_8);
    }

    /**
     * The rest of the part's body as text, in the {@code charset} of its {@code Content-Type}, or
     * {@code fallback}.
     *
     * @throws HttpParseException 413 as {@link #read()}, 400 if the bytes are not valid in the
     *     charset, or the charset is unknown
     */
    public String text(Charset fallback) {
        return decode(read(), charsetOr(fallback));
    }

    Charset charsetOr(Charset fallback) {
        String name = charset();
        if (name == null) {
            return fallback;
        }
        Charset cs = MediaTypes.known(name);
        if (cs == null) {
            throw new HttpParseException(
                    400,
                    "multipart part " + describe() + " declares charset " + name + ", which this JVM does not know");
        }
        return cs;
    }

    String decode(byte[] bytes, Charset charset) {
        String text = Percent.decodeStrict(bytes, charset);
        if (text == null) {
            throw new HttpParseException(
                    400,
                    "multipart part " + describe() + " is not valid " + charset.name()
                            + " text; the client should declare the charset it used");
        }
        return text;
    }

    /**
     * Writes the rest of the part's body to {@code file} (created, or truncated), streaming, and
     * returns how many bytes it wrote. The file is written off the loop, in pieces of 256 KiB.
     *
     * <p><b>Cancellation.</b> The file holds what was written so far; delete it.
     *
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public long saveTo(Path file) {
        return saveTo(file, Long.MAX_VALUE);
    }

    long saveTo(Path file, long max) {
        FileChannel channel = FileIo.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            byte[] batch = new byte[(int) Math.min(SAVE_BATCH, Math.max(CHUNK, max + 1))];
            long total = 0;
            int filled = 0;
            int n;
            while ((n = read(batch, filled, batch.length - filled)) >= 0) {
                total += n;
                if (total > max) {
                    throw new HttpParseException(
                            413,
                            "file part " + describe() + " is larger than " + max
                                    + " bytes (MultipartLimits.maxFileSize)");
                }
                filled += n;
                if (filled == batch.length) {
                    FileIo.write(channel, batch, filled);
                    filled = 0;
                }
            }
            if (filled > 0) {
                FileIo.write(channel, batch, filled);
            }
            return total;
        } finally {
            FileIo.close(channel);
        }
    }

    /**
     * Reads and discards the rest of the part (aiohttp's {@code release()}); later reads return -1.
     *
     * <p><b>Cancellation.</b> Stops where it was; calling it again goes on.
     */
    public void release() {
        if (!skipped) {
            owner.skipCurrent(this);
        }
    }

    /** Called by the reader when it moves on without this part having been read to its end. */
    void skipRest() {
        if (owner.skipCurrent(this)) {
            skipped = true;
        }
    }

    /** Whether the part's body has been read to its end. */
    public boolean atEof() {
        return skipped || owner.partAtEof(this);
    }

    /** {@code 3 ('avatar')} for messages. */
    String describe() {
        String name = null;
        try {
            name = name();
        } catch (HttpParseException ignored) {
            // a message about another problem need not report this one
        }
        return name == null ? String.valueOf(index) : index + " ('" + name + "')";
    }

    @Override
    public String toString() {
        return "BodyPartReader[" + describe() + ", " + headers + "]";
    }
}
