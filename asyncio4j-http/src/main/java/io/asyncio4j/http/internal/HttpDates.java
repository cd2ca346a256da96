package io.asyncio4j.http.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 section 5.6.7): written as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37
 * GMT}); read in that form and in the two obsolete ones a recipient must still accept, RFC 850
 * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}). A date
 * that is none of them reads as null: a conditional header holding one is ignored, as RFC 9110
 * asks.
 */
public final class HttpDates {
    private HttpDates() {}

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    /** {@code instant} as IMF-fixdate, to the second (the fraction is dropped). */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(Instant.ofEpochSecond(instant.getEpochSecond()));
    }

    /**
     * The instant {@code s} names, or null if it is not an HTTP date. A two-digit RFC 850 year more
     * than 50 years ahead of {@code now} is taken as the most recent past year with those digits.
     */
    public static Instant parse(String s, Instant now) {
        if (s == null) {
            return null;
        }
        String[] t = s.strip().split("[ ,\\-]+");
        try {
            if (t.length == 6 && t[5].equals("GMT") && s.indexOf(',') > 0) {
                // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT / RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
                boolean rfc850 = s.indexOf('-') > 0;
                int year = Integer.parseInt(t[3]);
                if (rfc850) {
                    if (t[3].length() != 2) {
                        return null;
                    }
                    int nowYear = LocalDateTime.ofInstant(now, ZoneOffset.UTC).getYear();
                    year += nowYear - nowYear % 100;
                    if (year > nowYear + 50) {
                        year -= 100;
                    }
                } else if (t[3].length() != 4) {
                    return null;
                }
                return at(year, month(t[2]), day(t[1]), t[4]);
            }
            if (t.length == 5 && s.indexOf(',') < 0) {
                // asctime: Sun Nov  6 08:49:37 1994
                if (t[4].length() != 4) {
                    return null;
                }
                return at(Integer.parseInt(t[4]), month(t[1]), day(t[2]), t[3]);
            }
        } catch (RuntimeException malformed) {
            return null;
        }
        return null;
    }

    private static int month(String m) {
        String lower = m.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(lower)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("month " + m);
    }

    private static int day(String d) {
        if (d.length() > 2) {
            throw new IllegalArgumentException("day " + d);
        }
        return Integer.parseInt(d);
    }

    private static Instant at(int year, int month, int day, String time) {
        String[] hms = time.split(":");
        if (hms.length != 3) {
            throw new IllegalArgumentException("time " + time);
        }
        for (String part : hms) {
            if (part.length() != 2) {
                throw new IllegalArgumentException("time " + time);
            }
        }
        return LocalDateTime.of(
                        year, month, day, Integer.parseInt(hms[0]), Integer.parseInt(hms[1]), Integer.parseInt(hms[2]))
                .toInstant(ZoneOffset.UTC);
    }
}
