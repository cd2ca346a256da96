package io.asyncio4j.http.internal;

import io.asyncio4j.http.HeaderNames;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Serializes a request or response head (start line, fields, the framing field, the empty line)
 * into one buffer that the connection writes with one call: no system call per field. One writer
 * per connection; the buffer is reused, so write it out (a {@code StreamWriter} copies what it
 * cannot send at once) before serializing the next head.
 *
 * {@snippet :
 * HeadWriter head = new HeadWriter();
 * head.response(HttpVersion.HTTP_1_1, 200, null, headers, body.length);
 * writer.write(head.array(), 0, head.length());
 * writer.write(body);
 * }
 *
 * <p>Injection-safe: CR, LF, NUL or another control byte (HTAB is allowed in values and the reason
 * phrase), or a character above U+00FF, in the method, target, reason phrase or a field fails with
 * {@link IllegalArgumentException} naming the part and the position. {@link Headers} already refuses
 * them when a field is added; the fields are checked again here, eight bytes at a time.
 */
public final class HeadWriter {
    /** Framing argument: {@code Transfer-Encoding: chunked} (write the body with {@link ChunkedWriter}). */
    public static final long CHUNKED = -1;

    /**
     * Framing argument: no framing field is added (responses without a body: 1xx, 204, 304, HEAD;
     * a body delimited by closing the connection; or framing fields the caller put in the headers).
     */
    public static final long NO_FRAMING = -2;

    private static final byte[] CONTENT_LENGTH = bytes("Content-Length: ");
    private static final byte[] CHUNKED_LINE = bytes("Transfer-Encoding: chunked\r\n");
    private static final byte[][] STATUS_LINES_11 = new byte[600][];

    static {
        for (int s = 100; s < 600; s++) {
            String reason = Reasons.of(s);
            if (!reason.isEmpty()) {
                STATUS_LINES_11[s] = bytes("HTTP/1.1 " + s + " " + reason + "\r\n");
            }
        }
    }

    private byte[] buf = new byte[512];
    private int len;

    /** The serialized head: the first {@link #length()} bytes. */
    public byte[] array() {
        return buf;
    }

    /** The number of bytes of the serialized head. */
    public int length() {
        return len;
    }

    /** The serialized head as a buffer over {@link #array()} (not a copy). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(buf, 0, len);
    }

    /**
     * Serializes a response head. A {@code Date} field is added unless {@code headers} has one, as
     * RFC 9110 section 6.6.1 asks of a server with a clock.
     *
     * @param reason the reason phrase, or null for the standard one of {@code status}
     * @param framing the body's length ({@code Content-Length}), {@link #CHUNKED} or {@link
     *     #NO_FRAMING}
     * @return this writer
     * @throws IllegalArgumentException if {@code status} is not 100-599, {@code reason} holds a
     *     control byte, or {@code framing} conflicts with a {@code Content-Length} or {@code
     *     Transfer-Encoding} field in {@code headers}
     */
    public HeadWriter response(HttpVersion version, int status, String reason, Headers headers, long framing) {
        return response(version, status, reason, headers, null, framing);
    }

    /**
     * {@link #response(HttpVersion, int, String, Headers, long)} with {@code extraLines} copied as
     * they are after the fields: complete field lines made by {@link #fieldLine} (checked then), so
     * that a server's usual {@code Content-Type} goes out without a {@link Headers} made for it.
     *
     * @param extraLines field lines from {@link #fieldLine}, one after another, or null
     */
    public HeadWriter response(
            HttpVersion version, int status, String reason, Headers headers, byte[] extraLines, long framing) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599, got " + status);
        }
        len = 0;
        byte[] cached = reason == null && version == HttpVersion.HTTP_1_1 ? STATUS_LINES_11[status] : null;
        if (cached != null) {
            append(cached);
        } else {
            append(version == HttpVersion.HTTP_1_1 ? HTTP_11 : HTTP_10);
            ensure(4);
            buf[len++] = ' ';
            buf[len++] = (byte) ('0' + status / 100);
            buf[len++] = (byte) ('0' + status / 10 % 10);
            buf[len++] = (byte) ('0' + status % 10);
            ensure(1);
            buf[len++] = ' ';
            text(reason == null ? Reasons.of(status) : reason, "reason phrase", false);
            crlf();
        }
        boolean date = fields(headers, framing);
        if (extraLines != null) {
            append(extraLines);
        }
        if (!date) {
            append(DateCache.line());
        }
        crlf();
        return this;
    }

    /**
     * The field line {@code "Name: value\r\n"} for {@link #response(HttpVersion, int, String,
     * Headers, byte[], long) response}'s extra lines, checked as {@link Headers#add} checks a field.
     *
     * @throws IllegalArgumentException if the name is not a token or the value holds a control byte
     */
    public static byte[] fieldLine(String name, String value) {
        Headers.of(name, value);
        return bytes(name + ": " + value + "\r\n");
    }

    /**
     * Serializes a request head.
     *
     * @param framing the body's length ({@code Content-Length}), {@link #CHUNKED} or {@link
     *     #NO_FRAMING} (no body: RFC 9110 section 8.6 says not to send {@code Content-Length: 0} for a
     *     request without one)
     * @return this writer
     * @throws IllegalArgumentException if {@code method} is not a token, {@code target} holds a space
     *     or a control byte, or {@code framing} conflicts with the headers
     */
    public HeadWriter request(String method, String target, HttpVersion version, Headers headers, long framing) {
        len = 0;
        if (method.isEmpty()) {
            throw new IllegalArgumentException("the method cannot be empty");
        }
        for (int i = 0; i < method.length(); i++) {
            if (!Ascii.isToken(method.charAt(i))) {
                throw new IllegalArgumentException("method \"" + method + "\" holds " + Ascii.describe(method.charAt(i))
                        + " at index " + i + ": a method is a token");
            }
        }
        text(method, "method", true);
        ensure(1);
        buf[len++] = ' ';
        if (target.isEmpty()) {
            throw new IllegalArgumentException("the request target cannot be empty; use \"/\"");
        }
        text(target, "request target", true);
        ensure(1);
        buf[len++] = ' ';
        append(version == HttpVersion.HTTP_1_1 ? HTTP_11 : HTTP_10);
        crlf();
        fields(headers, framing);
        crlf();
        return this;
    }

    private static final byte[] HTTP_11 = bytes("HTTP/1.1");
    private static final byte[] HTTP_10 = bytes("HTTP/1.0");

    /** Writes the fields and the framing field; returns whether a {@code Date} field was among them. */
    private boolean fields(Headers headers, long framing) {
        int n = headers.size();
        boolean date = false;
        for (int i = 0; i < n; i++) {
            String name = headers.name(i);
            date |= name.length() == 4 && name.equalsIgnoreCase(HeaderNames.DATE);
            if (framing != NO_FRAMING
                    && (name.equalsIgnoreCase(HeaderNames.CONTENT_LENGTH)
                            || name.equalsIgnoreCase(HeaderNames.TRANSFER_ENCODING))) {
                throw new IllegalArgumentException("the headers hold " + name
                        + " and a framing was asked for too; pass NO_FRAMING or remove the field");
            }
            copyField(name, null);
            ensure(2);
            buf[len++] = ':';
            buf[len++] = ' ';
            copyField(headers.value(i), name);
            crlf();
        }
        if (framing >= 0) {
            append(CONTENT_LENGTH);
            decimal(framing);
            crlf();
        } else if (framing == CHUNKED) {
            append(CHUNKED_LINE);
        } else if (framing != NO_FRAMING) {
            throw new IllegalArgumentException("framing must be a length, CHUNKED or NO_FRAMING, got " + framing);
        }
        return date;
    }

    /**
     * Copies a field name ({@code valueOf} null) or the value of field {@code valueOf}, then checks the copy for control bytes eight at a time. {@link
     * Headers} holds no character above U+00FF (it refuses them when added, and the parser decodes
     * bytes), so the copy is the string's own ISO-8859-1 bytes; the check is defence in depth.
     */
    @SuppressWarnings(
            "deprecation") // getBytes(int, int, byte[], int) copies ISO-8859-1 as is, without a temporary array
    private void copyField(String s, String valueOf) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, len);
        int bad = LineFinder.indexOfControl(buf, len, len + n);
        if (bad >= 0) {
            throw refused(s, valueOf == null ? "header name" : "value of header " + valueOf, bad - len);
        }
        len += n;
    }

    /**
     * Copies {@code s} as ISO-8859-1, refusing control bytes (HTAB too when {@code noSpace}, which
     * also refuses space) and characters above U+00FF.
     */
    private void text(String s, String what, boolean noSpace) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int p = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                boolean ok = noSpace ? c > 0x7f && c <= 0xff : c == ' ' || c == '\t' || (c > 0x7f && c <= 0xff);
                if (!ok) {
                    throw refused(s, what, i);
                }
            }
            b[p++] = (byte) c;
        }
        len = p;
    }

    private static IllegalArgumentException refused(String s, String what, int i) {
        char c = s.charAt(i);
        String which = c > 0xff ? String.format("U+%04X", (int) c) : Ascii.describe(c);
        String fix = c == '\r' || c == '\n'
                ? ": line breaks would let the text forge fields or a second message (header injection)"
                : c > 0xff
                        ? ": HTTP/1.1 carries bytes; encode the text first (percent-encoding or RFC 8187)"
                        : ": control characters and spaces are not allowed here";
        return new IllegalArgumentException(what + " holds " + which + " at index " + i + fix);
    }

    private void decimal(long v) {
        ensure(20);
        if (v == 0) {
            buf[len++] = '0';
            return;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int p = end - 1; p >= len; p--) {
            buf[p] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = end;
    }

    private void crlf() {
        ensure(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
