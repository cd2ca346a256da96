package io.asyncio4j.examples.fetch;

import java.util.List;
import java.util.Locale;

/**
 * The text of {@code aio fetch}'s display: one line per file and a total line; the plain lines
 * written when the output is not a terminal; the summary. Pure functions of the downloads' state
 * and the time, so tests can read them.
 */
final class Bars {
    private Bars() {}

    /** The width of a bar between its brackets. */
    static final int BAR = 24;

    /** {@code [#########---------------]}: {@code done} of {@code total}; all dashes when total is unknown. */
    static String bar(long done, long total) {
        int filled = total > 0 ? (int) Math.min(BAR, done * BAR / total) : 0;
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    /** {@code 1.5 MB}, {@code 512 B}: decimal units, as download tools print them. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code 2.3 MB/s} for {@code bytes} in {@code nanos}; {@code -} before any time has passed. */
    static String rate(long bytes, long nanos) {
        if (nanos <= 0) {
            return "-";
        }
        return size((long) (bytes * 1e9 / nanos)) + "/s";
    }

    /** The display line of {@code d} at loop time {@code now}, its name padded to {@code nameWidth}. */
    static String line(Download d, long now, int nameWidth) {
        String name = pad(d.name, nameWidth);
        return switch (d.state) {
            case QUEUED -> name + " " + bar(0, -1) + "  queued";
            case RUNNING ->
                name + " " + bar(d.bytes, d.total) + " " + percent(d.bytes, d.total) + "  " + progress(d.bytes, d.total)
                        + "  " + rate(d.bytes, now - d.startedAt);
            case DONE ->
                name + " " + bar(1, 1) + " 100%  " + size(d.bytes) + "  done in " + seconds(d.endedAt - d.startedAt);
            case FAILED -> name + " failed: " + d.failure;
        };
    }

    /** The total line: files finished of all, bytes, and the rate since {@code startedAt}. */
    static String totalLine(List<Download> all, long startedAt, long now, int nameWidth) {
        long done = all.stream().filter(Download::finished).count();
        long bytes = all.stream().mapToLong(d -> d.bytes).sum();
        boolean known = all.stream().allMatch(d -> d.total >= 0 || d.state == Download.State.FAILED);
        long total =
                all.stream().filter(d -> d.total >= 0).mapToLong(d -> d.total).sum();
        String files = "total " + done + "/" + all.size();
        return pad(files, nameWidth) + " " + (known ? bar(bytes, total) : bar(done, all.size())) + " "
                + (known ? percent(bytes, total) : percent(done, all.size())) + "  " + size(bytes) + "  "
                + rate(bytes, now - startedAt);
    }

    /** The plain line for a download that just changed state. */
    static String event(Download d) {
        return switch (d.state) {
            case QUEUED -> "queued  " + d.name + " (" + d.url + ")";
            case RUNNING -> "started " + d.name + " (" + d.url + ")" + (d.total >= 0 ? ", " + size(d.total) : "");
            case DONE -> "done    " + d.name + ", " + size(d.bytes) + " in " + seconds(d.endedAt - d.startedAt);
            case FAILED -> "failed  " + d.name + ": " + d.failure;
        };
    }

    /** The summary: files, bytes, time and throughput, then each failure with its reason. */
    static List<String> summary(List<Download> all, long nanos) {
        List<Download> failed =
                all.stream().filter(d -> d.state == Download.State.FAILED).toList();
        long bytes = all.stream()
                .filter(d -> d.state == Download.State.DONE)
                .mapToLong(d -> d.bytes)
                .sum();
        long ok = all.size() - failed.size();
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        lines.add(ok + (ok == 1 ? " file, " : " files, ") + size(bytes) + " (" + bytes + " bytes) in " + seconds(nanos)
                + ", " + rate(bytes, nanos) + (failed.isEmpty() ? "; no failures" : "; " + failed.size() + " failed:"));
        for (Download d : failed) {
            lines.add("  " + d.url + ": " + d.failure);
        }
        return lines;
    }

    private static String percent(long done, long total) {
        return total > 0 ? String.format(Locale.ROOT, "%3d%%", Math.min(100, done * 100 / total)) : "  ?%";
    }

    private static String progress(long done, long total) {
        return size(done) + (total >= 0 ? " / " + size(total) : "");
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static String pad(String s, int width) {
        if (s.length() > width) {
            return s.substring(0, Math.max(1, width - 1)) + "~";
        }
        return s + " ".repeat(width - s.length());
    }
}
