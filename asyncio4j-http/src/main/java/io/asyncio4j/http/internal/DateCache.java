package io.asyncio4j.http.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header line of the current second ({@code "Date: Sun, 06 Nov 1994 08:49:37
 * GMT\r\n"}, RFC 9110's IMF-fixdate), formatted once a second and shared by every connection of
 * every loop. A reader may see the previous second's line for a moment, which the header's
 * one-second resolution allows.
 */
public final class DateCache {
    private DateCache() {}

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** An immutable pair, so a racing reader sees a line and its second together. */
    private record Line(long second, byte[] bytes) {}

    private static Line current = format(System.currentTimeMillis() / 1000);

    /** The header line, CRLF included, for the second of {@code epochMillis}. */
    public static byte[] line(long epochMillis) {
        long second = epochMillis / 1000;
        Line l = current;
        if (l.second != second) {
            l = format(second);
            current = l;
        }
        return l.bytes;
    }

    /** The header line for now. */
    public static byte[] line() {
        return line(System.currentTimeMillis());
    }

    private static Line format(long second) {
        String text = "Date: " + IMF_FIXDATE.format(Instant.ofEpochSecond(second)) + "\r\n";
        return new Line(second, text.getBytes(StandardCharsets.US_ASCII));
    }
}
