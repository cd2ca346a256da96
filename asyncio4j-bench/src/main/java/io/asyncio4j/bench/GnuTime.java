package io.asyncio4j.bench;

import java.util.List;

/**
 * What {@code /usr/bin/time -v} reports about a finished process: peak resident set size and CPU
 * times. The harness wraps every program in it (writing the report to a file of its own with
 * {@code -o}), so the program's output stays untouched.
 *
 * @param peakRssKb "Maximum resident set size (kbytes)", or -1 when absent
 * @param userSeconds "User time (seconds)", or NaN
 * @param systemSeconds "System time (seconds)", or NaN
 */
record GnuTime(long peakRssKb, double userSeconds, double systemSeconds) {
    static final GnuTime NONE = new GnuTime(-1, Double.NaN, Double.NaN);

    /** Parses the lines of a {@code time -v} report; missing entries stay unknown. */
    static GnuTime parse(List<String> lines) {
        long rss = -1;
        double user = Double.NaN;
        double system = Double.NaN;
        for (String raw : lines) {
            String line = raw.strip();
            int colon = line.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            try {
                switch (key) {
                    case "Maximum resident set size (kbytes)" -> rss = Long.parseLong(value);
                    case "User time (seconds)" -> user = Double.parseDouble(value);
                    case "System time (seconds)" -> system = Double.parseDouble(value);
                    default -> {
                        // other entries are not used
                    }
                }
            } catch (NumberFormatException e) {
                // a report line we do not understand leaves that entry unknown
            }
        }
        return new GnuTime(rss, user, system);
    }

    /** Peak RSS in MB (10^6 bytes), or NaN. */
    double peakRssMb() {
        return peakRssKb < 0 ? Double.NaN : peakRssKb * 1024 / 1e6;
    }

    /** User plus system CPU seconds, or NaN. */
    double cpuSeconds() {
        return userSeconds + systemSeconds;
    }
}
