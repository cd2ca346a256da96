package io.asyncio4j.http.internal;

import io.asyncio4j.http.HttpParseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A header value made of a token and parameters, {@code form-data; name="f"; filename="a.txt"}
 * (RFC 9110 section 5.6.6): the media type of {@code Content-Type}, the disposition of {@code
 * Content-Disposition}. Parameter names are case-insensitive; values may be tokens or quoted
 * strings, and extended values ({@code filename*=UTF-8''%E2%82%AC.txt}, RFC 8187) and RFC 2231
 * continuations ({@code filename*0*=...; filename*1=...}) are decoded, an extended value winning
 * over the plain one as RFC 6266 says.
 *
 * <p>Lenient as browsers need: a plain value whose bytes are valid UTF-8 is read as UTF-8 (browsers
 * send file names raw), a backslash escapes only {@code "} and {@code \} (so a Windows path sent
 * unescaped keeps its backslashes), an unterminated quote runs to the end, and an ill-formed
 * extended value is ignored in favour of the plain one. A parameter given twice is refused: two
 * readers could each take a different one.
 */
public final class HeaderParams {
    private final String value;
    private final Map<String, String> params;

    private HeaderParams(String value, Map<String, String> params) {
        this.value = value;
        this.params = params;
    }

    /** The token before the parameters, in lower case ({@code "multipart/form-data"}), or "". */
    public String value() {
        return value;
    }

    /** The decoded value of parameter {@code name} (lower case), or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** Every parameter, decoded, by lower-case name, in order. */
    public Map<String, String> params() {
        return params;
    }

    /** A raw parameter as written. */
    private record Raw(String value, boolean quoted) {}

    /**
     * Parses {@code header} (null: an empty value).
     *
     * @param what the header's name, for the error message
     * @throws HttpParseException (400) if a parameter is given twice
     */
    public static HeaderParams parse(String header, String what) {
        if (header == null) {
            return new HeaderParams("", Map.of());
        }
        int semi = header.indexOf(';');
        String token = (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        Map<String, Raw> raw = new LinkedHashMap<>();
        int p = semi < 0 ? header.length() : semi + 1;
        int n = header.length();
        while (p < n) {
            while (p < n && (header.charAt(p) == ' ' || header.charAt(p) == '\t' || header.charAt(p) == ';')) {
                p++;
            }
            int nameStart = p;
            while (p < n && header.charAt(p) != '=' && header.charAt(p) != ';') {
                p++;
            }
            String name = header.substring(nameStart, p).strip().toLowerCase(Locale.ROOT);
            if (p >= n || header.charAt(p) == ';') {
                continue; // a parameter without a value carries nothing
            }
            p++; // '='
            while (p < n && (header.charAt(p) == ' ' || header.charAt(p) == '\t')) {
                p++;
            }
            String v;
            boolean quoted = p < n && header.charAt(p) == '"';
            if (quoted) {
                StringBuilder s = new StringBuilder();
                p++;
                while (p < n && header.charAt(p) != '"') {
                    char c = header.charAt(p);
                    if (c == '\\' && p + 1 < n && (header.charAt(p + 1) == '"' || header.charAt(p + 1) == '\\')) {
                        c = header.charAt(++p);
                    }
                    s.append(c);
                    p++;
                }
                p++; // the closing quote, or past the end
                while (p < n && header.charAt(p) != ';') {
                    p++;
                }
                v = s.toString();
            } else {
                int valueStart = p;
                while (p < n && header.charAt(p) != ';') {
                    p++;
                }
                v = header.substring(valueStart, p).strip();
            }
            if (name.isEmpty()) {
                continue;
            }
            if (raw.put(name, new Raw(v, quoted)) != null) {
                throw new HttpParseException(400, "parameter " + name + " appears twice in " + what + ": " + header);
            }
        }
        return new HeaderParams(token, resolve(raw));
    }

    /** Merges extended values and continuations into plain names. */
    private static Map<String, String> resolve(Map<String, Raw> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> sections = new LinkedHashMap<>();
        for (Map.Entry<String, Raw> e : raw.entrySet()) {
            String name = e.getKey();
            int star = name.indexOf('*');
            if (star < 0) {
                out.putIfAbsent(name, utf8IfValid(e.getValue().value()));
                continue;
            }
            String base = name.substring(0, star);
            String rest = name.substring(star + 1);
            boolean encoded = rest.endsWith("*");
            String index = encoded ? rest.substring(0, rest.length() - 1) : rest;
            if (index.isEmpty()) {
                if (encoded) {
                    continue; // "name**" is nothing
                }
                String decoded = decodeExtended(e.getValue().value());
                if (decoded != null) {
                    out.put(base, decoded);
                }
                continue;
            }
            int section;
            try {
                section = Integer.parseInt(index);
            } catch (NumberFormatException notASection) {
                continue;
            }
            if (section < 0 || (index.length() > 1 && index.charAt(0) == '0')) {
                continue;
            }
            sections.computeIfAbsent(base, b -> new TreeMap<>())
                    .put(section, new String[] {e.getValue().value(), encoded ? "*" : ""});
        }
        for (Map.Entry<String, TreeMap<Integer, String[]>> e : sections.entrySet()) {
            if (raw.containsKey(e.getKey() + "*")) {
                continue; // a single extended value wins over sections
            }
            String joined = joinSections(e.getValue());
            if (joined != null) {
                out.put(e.getKey(), joined);
            }
        }
        return out;
    }

    /** RFC 2231 section 3 and 4: sections 0..n, the first encoded one naming the charset. */
    private static String joinSections(TreeMap<Integer, String[]> sections) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Charset charset = null;
        int expected = 0;
        for (Map.Entry<Integer, String[]> s : sections.entrySet()) {
            if (s.getKey() != expected++) {
                break; // sections after a gap are ignored (RFC 2231 section 3)
            }
            String v = s.getValue()[0];
            boolean encoded = !s.getValue()[1].isEmpty();
            if (encoded && s.getKey() == 0) {
                int q1 = v.indexOf('\'');
                int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                if (q2 < 0) {
                    return null;
                }
                charset = charset(v.substring(0, q1));
                if (charset == null) {
                    return null;
                }
                v = v.substring(q2 + 1);
            }
            byte[] piece = encoded ? Percent.decode(v) : v.getBytes(StandardCharsets.ISO_8859_1);
            if (piece == null) {
                return null;
            }
            bytes.writeBytes(piece);
        }
        byte[] all = bytes.toByteArray();
        if (charset == null) {
            return utf8IfValid(new String(all, StandardCharsets.ISO_8859_1));
        }
        return Percent.decodeStrict(all, charset);
    }

    /**
     * An RFC 8187 value {@code charset'language'pct-encoded}, decoded; null when ill-formed or in a
     * charset this JVM lacks.
     */
    static String decodeExtended(String v) {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            return null;
        }
        Charset charset = charset(v.substring(0, q1));
        byte[] bytes = Percent.decode(v.substring(q2 + 1));
        if (charset == null || bytes == null) {
            return null;
        }
        return Percent.decodeStrict(bytes, charset);
    }

    private static Charset charset(String name) {
        try {
            return name.isEmpty() ? null : Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /**
     * {@code s} holds bytes as ISO-8859-1 characters (how header values are read); when those bytes
     * are valid UTF-8 with at least one non-ASCII character, the UTF-8 text, else {@code s}.
     */
    public static String utf8IfValid(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                return s;
            }
            if (c >= 0x80) {
                ascii = false;
            }
        }
        if (ascii) {
            return s;
        }
        String decoded = Percent.decodeStrict(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return decoded == null ? s : decoded;
    }
}
