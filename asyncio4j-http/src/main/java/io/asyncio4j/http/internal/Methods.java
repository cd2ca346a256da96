package io.asyncio4j.http.internal;

import java.nio.charset.StandardCharsets;

/** The common request methods as shared strings, so a parsed request allocates none for them. */
final class Methods {
    private Methods() {}

    private static final String[] COMMON = {
        "GET", "PUT", "POST", "HEAD", "PATCH", "TRACE", "DELETE", "CONNECT", "OPTIONS"
    };

    /** The method in {@code raw[0, len)}: a shared string for the common ones. */
    static String intern(byte[] raw, int len) {
        for (String m : COMMON) {
            if (m.length() == len && matches(raw, m)) {
                return m;
            }
        }
        return new String(raw, 0, len, StandardCharsets.ISO_8859_1);
    }

    private static boolean matches(byte[] raw, String m) {
        for (int i = 0; i < m.length(); i++) {
            if (raw[i] != m.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
