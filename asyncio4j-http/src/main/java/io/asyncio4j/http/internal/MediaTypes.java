package io.asyncio4j.http.internal;

import java.util.Locale;

/**
 * What a {@code Content-Type} value says: its media type and its {@code charset}; for requests and
 * responses alike.
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
}
