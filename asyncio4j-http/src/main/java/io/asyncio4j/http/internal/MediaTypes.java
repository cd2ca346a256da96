package io.asyncio4j.http.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * What a {@code Content-Type} value says: its media type and its {@code charset}; for requests and
 * responses, server and client alike.
 */
public final class MediaTypes {
    private MediaTypes() {}

    /**
     * The media type of {@code contentType} in lower case, without parameters; {@code
     * application/octet-stream} when it is null (RFC 9110 section 8.3).
     */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "application/octet-stream";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The {@code charset} parameter of {@code contentType}, unquoted, or null. */
    public static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String v = p.substring(8).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /**
     * The charset called {@code name}, or null when the name is not a legal charset name or this
     * JVM does not know it: each caller then throws its own error, naming where the name came from.
     */
    public static Charset known(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
