package io.asyncio4j.http.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An entity tag (RFC 9110 section 8.8.3): an opaque string, strong or weak ({@code W/"..."}).
 *
 * @param opaque the tag without quotes
 * @param weak whether it is weak
 */
public record EntityTag(String opaque, boolean weak) {
    /**
     * The tag of a file as aiohttp writes it: its modification time in nanoseconds and its size,
     * hexadecimal, {@code "<mtime_ns>-<size>"}; strong, since both change with any write that
     * changes the bytes (a file rewritten within the clock's resolution with the same size is the
     * case no tag of this kind can see).
     */
    public static EntityTag ofFile(long mtimeNanos, long size) {
        return new EntityTag(Long.toHexString(mtimeNanos) + "-" + Long.toHexString(size), false);
    }

    /** The header form: {@code "abc"} or {@code W/"abc"}. */
    public String header() {
        return (weak ? "W/\"" : "\"") + opaque + "\"";
    }

    /** Strong comparison: both strong and the same. */
    public boolean strongMatch(EntityTag other) {
        return !weak && !other.weak && opaque.equals(other.opaque);
    }

    /** Weak comparison: the same opaque string, weak or not. */
    public boolean weakMatch(EntityTag other) {
        return opaque.equals(other.opaque);
    }

    /** The tags of an {@code If-Match} or {@code If-None-Match} value; {@link #ANY} holds {@code *}. */
    public record Tags(boolean any, List<EntityTag> tags) {}

    /** A list that is {@code *}. */
    public static final Tags ANY = new Tags(true, List.of());

    /**
     * Parses a list of entity tags, leniently: a malformed member ends the list (RFC 9110 lets a
     * server ignore what it cannot parse, and a tag that cannot be read matches nothing).
     */
    public static Tags parseList(String header) {
        if (header == null) {
            return null;
        }
        String s = header.strip();
        if (s.equals("*")) {
            return ANY;
        }
        List<EntityTag> tags = new ArrayList<>();
        int p = 0;
        int n = s.length();
        while (p < n) {
            while (p < n && (s.charAt(p) == ',' || s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
                p++;
            }
            if (p >= n) {
                break;
            }
            boolean weak = false;
            if (s.startsWith("W/", p)) {
                weak = true;
                p += 2;
            }
            if (p >= n || s.charAt(p) != '"') {
                break;
            }
            int close = s.indexOf('"', p + 1);
            if (close < 0) {
                break;
            }
            tags.add(new EntityTag(s.substring(p + 1, close), weak));
            p = close + 1;
        }
        return new Tags(false, tags);
    }

    /** Parses one entity tag ({@code If-Range}), or null. */
    public static EntityTag parse(String header) {
        if (header == null) {
            return null;
        }
        String s = header.strip();
        boolean weak = s.startsWith("W/");
        if (weak) {
            s = s.substring(2);
        }
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return null;
        }
        String opaque = s.substring(1, s.length() - 1);
        return opaque.indexOf('"') >= 0 ? null : new EntityTag(opaque, weak);
    }
}
