package io.asyncio4j.http.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Range} header of a GET (RFC 9110 section 14.2) against a representation of a known
 * length: what to send.
 *
 * <ul>
 *   <li>{@link Full}: no range applies, send the whole (no header, a unit other than {@code bytes},
 *       a malformed or reversed range, or more than {@link #MAX_RANGES} ranges: RFC 9110 lets a
 *       server ignore a header it cannot or will not honour);
 *   <li>{@link Unsatisfiable}: 416 with {@code Content-Range: bytes *}{@code /length}, when no
 *       range overlaps the representation;
 *   <li>{@link Partial}: 206 with the satisfiable ranges, clipped to the length. Ranges that
 *       overlap or touch are merged into one, in ascending order (a client asking {@code
 *       0-,0-,0-...} gets the bytes once: the amplification RFC 9110 section 15.3.7 warns of);
 *       otherwise they keep the order asked.
 * </ul>
 */
public final class ByteRanges {
    private ByteRanges() {}

    /** The most ranges honoured; a header with more is ignored. */
    public static final int MAX_RANGES = 100;

    /** What to send. */
    public sealed interface Result {}

    /** The whole representation, as a 200. */
    public record Full() implements Result {}

    /** No range overlaps the representation: 416. */
    public record Unsatisfiable() implements Result {}

    /** Some ranges apply: 206. */
    public record Partial(List<Range> ranges) implements Result {}

    /**
     * A range of bytes.
     *
     * @param first the first byte's offset
     * @param last the last byte's offset (inclusive)
     */
    public record Range(long first, long last) {
        /** The number of bytes. */
        public long length() {
            return last - first + 1;
        }

        /** The {@code Content-Range} value for a representation of {@code total} bytes. */
        public String contentRange(long total) {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }

    private static final Full FULL = new Full();

    /** What {@code header} asks of a representation of {@code length} bytes. */
    public static Result parse(String header, long length) {
        if (header == null) {
            return FULL;
        }
        int eq = header.indexOf('=');
        if (eq < 0 || !header.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return FULL;
        }
        List<Range> satisfiable = new ArrayList<>();
        int specs = 0;
        for (String raw : header.substring(eq + 1).split(",", -1)) {
            String spec = raw.strip();
            if (spec.isEmpty()) {
                continue; // empty list elements are allowed (RFC 9110 section 5.6.1)
            }
            if (++specs > MAX_RANGES) {
                return FULL;
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return FULL;
            }
            String a = spec.substring(0, dash);
            String b = spec.substring(dash + 1);
            if (a.isEmpty()) {
                long suffix = digits(b);
                if (suffix < 0) {
                    return FULL;
                }
                if (suffix > 0 && length > 0) {
                    satisfiable.add(new Range(Math.max(0, length - suffix), length - 1));
                }
                continue;
            }
            long first = digits(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
            if (first < 0 || last < 0 || last < first) {
                return FULL;
            }
            if (first < length) {
                satisfiable.add(new Range(first, Math.min(last, length - 1)));
            }
        }
        if (specs == 0) {
            return FULL;
        }
        if (satisfiable.isEmpty()) {
            return new Unsatisfiable();
        }
        return new Partial(coalesce(satisfiable));
    }

    /** The ranges as asked when none overlaps or touches another; else all merged, ascending. */
    private static List<Range> coalesce(List<Range> ranges) {
        if (ranges.size() == 1) {
            return List.copyOf(ranges);
        }
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::first));
        boolean merge = false;
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first() <= sorted.get(i - 1).last() + 1) {
                merge = true;
                break;
            }
        }
        if (!merge) {
            return List.copyOf(ranges);
        }
        List<Range> merged = new ArrayList<>();
        Range current = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            Range r = sorted.get(i);
            if (r.first() <= current.last() + 1) {
                current = new Range(current.first(), Math.max(current.last(), r.last()));
            } else {
                merged.add(current);
                current = r;
            }
        }
        merged.add(current);
        return List.copyOf(merged);
    }

    /** A non-empty run of digits as a long (saturating at Long.MAX_VALUE), or -1. */
    private static long digits(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v > (Long.MAX_VALUE - (c - '0')) / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
        }
        return v;
    }
}
