package io.asyncio4j.http.internal.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The pieces of the opening handshake (RFC 6455 section 4) that the client and the server share. */
public final class Handshake {
    /** The GUID that the server appends to the key (section 1.3). */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    private Handshake() {}

    /** A fresh {@code Sec-WebSocket-Key}: 16 random bytes in base64 (section 4.1). */
    public static String newKey() {
        byte[] b = new byte[16];
        Random.SOURCE.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** The {@code Sec-WebSocket-Accept} for {@code key}: base64 of SHA-1 of the key and the GUID (section 4.2.2). */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-1, which WebSocket handshakes need", e);
        }
    }

    /** Whether {@code key} is a valid {@code Sec-WebSocket-Key}: base64 of exactly 16 bytes. */
    public static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The comma-separated elements of header values, trimmed, empty ones dropped. */
    public static List<String> elements(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String t = part.trim();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Whether one of the comma-separated elements of {@code values} is {@code token}, ignoring case. */
    public static boolean hasToken(List<String> values, String token) {
        for (String e : elements(values)) {
            if (e.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
