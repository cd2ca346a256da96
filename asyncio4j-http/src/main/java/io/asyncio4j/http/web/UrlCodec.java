package io.asyncio4j.http.web;

import io.asyncio4j.http.MultiDict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding and encoding of request targets (RFC 3986) and of {@code
 * application/x-www-form-urlencoded} text (WHATWG URL, as aiohttp and browsers read queries and
 * forms). Decoding is lenient as aiohttp's is: a {@code %} not followed by two hex digits stays as it
 * is, and bytes that are not UTF-8 become U+FFFD.
 */
final class UrlCodec {
    private UrlCodec() {}

    /** Decodes {@code %XX} escapes of {@code s[from, to)} as UTF-8; {@code plus} also turns '+' into a space. */
    static String decode(String s, int from, int to, boolean plus) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%' || (plus && c == '+') || c > 0x7f) {
                break;
            }
            i++;
        }
        if (i == to) {
            return from == 0 && to == s.length() ? s : s.substring(from, to);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int k = from; k < i; k++) {
            out.write(s.charAt(k));
        }
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write((hi << 4) | lo);
                    i += 2;
                    continue;
                }
            }
            if (plus && c == '+') {
                out.write(' ');
            } else if (c <= 0x7f) {
                out.write(c);
            } else {
                // The parser decodes targets as ISO-8859-1, so a char here is a raw byte.
                out.write(c & 0xff);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Parses {@code application/x-www-form-urlencoded} text ({@code a=1&b=&c}) into a multimap. */
    static MultiDict<String> parseForm(String s, int from, int to) {
        if (from >= to) {
            return MultiDict.empty();
        }
        MultiDict.Builder<String> pairs = MultiDict.builder();
        int p = from;
        while (p <= to) {
            int amp = s.indexOf('&', p);
            if (amp < 0 || amp > to) {
                amp = to;
            }
            if (amp > p) {
                int eq = s.indexOf('=', p);
                String name;
                String value;
                if (eq < 0 || eq >= amp) {
                    name = decode(s, p, amp, true);
                    value = "";
                } else {
                    name = decode(s, p, eq, true);
                    value = decode(s, eq + 1, amp, true);
                }
                pairs.add(name, value);
            }
            p = amp + 1;
        }
        return pairs.build();
    }

    private static final boolean[] UNRESERVED = new boolean[128];
    private static final boolean[] PCHAR = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c : "-._~".toCharArray()) {
            UNRESERVED[c] = true;
        }
        System.arraycopy(UNRESERVED, 0, PCHAR, 0, 128);
        for (char c : "!$&'()*+,;=:@".toCharArray()) {
            PCHAR[c] = true;
        }
    }

    /**
     * The raw path with escapes of unreserved characters decoded ({@code /%7Euser} is {@code /~user})
     * and hex digits of the others in upper case: RFC 3986's normalisation, so equivalent spellings
     * of a path match the same route while {@code %2F} stays distinct from {@code /}.
     */
    static String normalizePath(String raw) {
        int pct = raw.indexOf('%');
        if (pct < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        out.append(raw, 0, pct);
        for (int i = pct; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    int b = (hi << 4) | lo;
                    if (b < 128 && UNRESERVED[b]) {
                        out.append((char) b);
                    } else {
                        out.append('%')
                                .append(Character.toUpperCase(raw.charAt(i + 1)))
                                .append(Character.toUpperCase(raw.charAt(i + 2)));
                    }
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Percent-encodes {@code s} (UTF-8) for one path segment: everything but pchar is escaped, '/' too. */
    static String encodeSegment(String s) {
        return encode(s, false);
    }

    /** Percent-encodes a path whose '/' separate segments: pchar and '/' stay. */
    static String encodePath(String s) {
        return encode(s, true);
    }

    private static String encode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = null;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean keep = b < 128 && (PCHAR[b] || (keepSlash && b == '/'));
            if (keep) {
                if (out != null) {
                    out.append((char) b);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(bytes.length + 8);
                for (int k = 0; k < i; k++) {
                    out.append((char) bytes[k]);
                }
            }
            out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
        }
        return out == null ? s : out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
