package io.asyncio4j.http;

import io.asyncio4j.http.internal.Ascii;
import io.asyncio4j.http.internal.HeadersAccess;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * HTTP header fields: a multimap whose lookups ignore case and which keeps every field's original
 * spelling and order, as aiohttp's {@code CIMultiDict}. A name may occur several times ({@code
 * Set-Cookie}); {@link #get} returns the first value, {@link #getAll} every one in order.
 *
 * {@snippet :
 * Headers headers = new Headers()
 *         .add("Content-Type", "text/plain")
 *         .add("Set-Cookie", "a=1")
 *         .add("set-cookie", "b=2");
 * headers.get("content-type"); // "text/plain"
 * headers.getAll("SET-COOKIE"); // ["a=1", "b=2"]
 * headers.name(2); // "set-cookie", as it was added
 * }
 *
 * <p>Names and values are checked when added: a name must be an RFC 9110 token and a value may hold
 * no control byte but HTAB and no character above U+00FF, so CR, LF or NUL can never reach the wire
 * (response splitting); the error says which character and where. Headers read by the parser keep
 * the received bytes and turn a value into a {@code String} only when it is asked for.
 *
 * <p>Not thread-safe: a {@code Headers} belongs to the task that handles its message.
 */
public final class Headers implements Iterable<Map.Entry<String, String>> {
    /*
     * Entry i is names[i] / values[i]. values is null until a value is first asked for or set (a
     * parser leaves it so: most values of most messages are never read). A parsed entry may leave
     * either string null: its text is then
     * raw[spans[4i] .. +spans[4i+1]] (name) and raw[spans[4i+2] .. +spans[4i+3]] (value), decoded
     * as ISO-8859-1 on first use and kept. raw is never written; an added entry always has both
     * strings.
     */
    private static final String[] NO_STRINGS = {};

    static {
        HeadersAccess.install(new HeadersAccess() {
            @Override
            public Headers parsed(byte[] raw, int[] spans, String[] names, String[] values, int size) {
                return new Headers(raw, spans, names, values, size);
            }
        });
    }

    private byte[] raw;
    private int[] spans;
    private String[] names;
    private String[] values;
    private int size;

    /** Empty headers. */
    public Headers() {
        names = NO_STRINGS;
        values = NO_STRINGS;
    }

    private Headers(byte[] raw, int[] spans, String[] names, String[] values, int size) {
        this.raw = raw;
        this.spans = spans;
        this.names = names;
        this.values = values; // null until needed
        this.size = size;
    }

    /**
     * Headers holding the given names and values in order: {@code Headers.of("Accept", "*\/*",
     * "Host", "example.com")}.
     *
     * @throws IllegalArgumentException if the count is odd, or a name or value is invalid (see
     *     {@link #add})
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "Headers.of takes names and values in pairs; got an odd count (" + namesAndValues.length + ")");
        }
        Headers h = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    /** A copy that can be changed without changing these headers. */
    public Headers copy() {
        Headers h = new Headers();
        h.names = new String[size];
        h.values = new String[size];
        for (int i = 0; i < size; i++) {
            h.names[i] = name(i);
            h.values[i] = value(i);
        }
        h.size = size;
        return h;
    }

    /** The number of fields (a name that occurs twice counts twice). */
    public int size() {
        return size;
    }

    /** Whether there is no field. */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The name of field {@code index}, spelled as received or added.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public String name(int index) {
        Objects.checkIndex(index, size);
        String n = names[index];
        if (n == null) {
            n = decode(4 * index);
            names[index] = n;
        }
        return n;
    }

    /**
     * The value of field {@code index}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public String value(int index) {
        Objects.checkIndex(index, size);
        String[] vs = values();
        String v = vs[index];
        if (v == null) {
            v = decode(4 * index + 2);
            vs[index] = v;
        }
        return v;
    }

    /** The value strings, created when first needed, as long as the names array. */
    private String[] values() {
        String[] vs = values;
        if (vs == null) {
            vs = new String[names.length];
            values = vs;
        }
        return vs;
    }

    private String decode(int span) {
        return new String(raw, spans[span], spans[span + 1], StandardCharsets.ISO_8859_1);
    }

    /** The index of the first field named {@code name} (any case) at or after {@code from}, or -1. */
    private int indexOf(String name, int from) {
        for (int i = from; i < size; i++) {
            if (matches(i, name)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matches(int i, String name) {
        String n = names[i];
        if (n != null) {
            return n == name || (n.length() == name.length() && n.equalsIgnoreCase(name));
        }
        return spans[4 * i + 1] == name.length() && rawEqualsIgnoreCase(spans[4 * i], name);
    }

    private boolean rawEqualsIgnoreCase(int off, String name) {
        for (int i = 0; i < name.length(); i++) {
            int a = raw[off + i] & 0xff;
            char b = name.charAt(i);
            if (a != b && lower(a) != lower(b)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** The first value of {@code name} (any case), or null. */
    public String get(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : value(i);
    }

    /** The first value of {@code name} (any case), or {@code fallback}. */
    public String get(String name, String fallback) {
        int i = indexOf(name, 0);
        return i < 0 ? fallback : value(i);
    }

    /** Every value of {@code name} (any case), in order; empty when there is none. */
    public List<String> getAll(String name) {
        List<String> all = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            all.add(value(i));
        }
        return all;
    }

    /** Whether a field is named {@code name} (any case). */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /**
     * Appends a field, after any other of the same name.
     *
     * @return these headers
     * @throws IllegalArgumentException if {@code name} is not a token (RFC 9110 section 5.1) or
     *     {@code value} holds CR, LF, NUL, another control byte but HTAB, or a character above
     *     U+00FF; the message names the character and its index
     */
    public Headers add(String name, String value) {
        checkName(name);
        checkValue(name, value);
        if (size == names.length) {
            grow();
        }
        names[size] = name;
        values()[size] = value;
        size++;
        return this;
    }

    /**
     * Replaces every field named {@code name} (any case) with one field holding {@code value}, at the
     * place of the first (at the end when there was none).
     *
     * @return these headers
     * @throws IllegalArgumentException as {@link #add}
     */
    public Headers set(String name, String value) {
        checkName(name);
        checkValue(name, value);
        int first = indexOf(name, 0);
        if (first < 0) {
            return add(name, value);
        }
        removeFrom(name, first + 1);
        names[first] = name;
        values()[first] = value;
        return this;
    }

    /**
     * Removes every field named {@code name} (any case).
     *
     * @return how many were removed
     */
    public int remove(String name) {
        return removeFrom(name, 0);
    }

    private int removeFrom(String name, int from) {
        String[] values = values();
        int removed = 0;
        int out = from;
        for (int i = from; i < size; i++) {
            if (matches(i, name)) {
                removed++;
                continue;
            }
            if (out != i) {
                names[out] = names[i];
                values[out] = values[i];
                if (spans != null) {
                    System.arraycopy(spans, 4 * i, spans, 4 * out, 4);
                }
            }
            out++;
        }
        for (int i = out; i < size; i++) {
            names[i] = null;
            values[i] = null;
        }
        size = out;
        return removed;
    }

    /** Removes every field. */
    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values(), 0, size, null);
        size = 0;
    }

    private void grow() {
        int capacity = Math.max(8, names.length * 2);
        names = Arrays.copyOf(names, capacity);
        values = Arrays.copyOf(values(), capacity);
        if (spans != null) {
            spans = Arrays.copyOf(spans, 4 * capacity);
        }
    }

    /** Calls {@code action} with each name and value, in order. */
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(name(i), value(i));
        }
    }

    /** The fields in order, as immutable entries; the iterator does not support removal. */
    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                return new AbstractMap.SimpleImmutableEntry<>(name(i), value(i));
            }
        };
    }

    /**
     * Equal to other headers holding the same fields in the same order, names compared ignoring
     * case and values exactly.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!name(i).equalsIgnoreCase(other.name(i)) || !value(i).equals(other.value(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + name(i).toLowerCase(java.util.Locale.ROOT).hashCode();
            h = 31 * h + value(i).hashCode();
        }
        return h;
    }

    /** {@code <Headers('Host': 'example.com', 'Accept': '*\/*')>}, as aiohttp prints a CIMultiDict. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<Headers(");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append('\'').append(name(i)).append("': '").append(value(i)).append('\'');
        }
        return s.append(")>").toString();
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "header name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a header name cannot be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Ascii.isToken(c)) {
                throw new IllegalArgumentException("header name \"" + printable(name) + "\" holds "
                        + describe(c) + " at index " + i
                        + ": a name may hold only letters, digits and !#$%&'*+-.^_`|~ (RFC 9110 token)");
            }
        }
    }

    private static void checkValue(String name, String value) {
        Objects.requireNonNull(value, () -> "value of header " + name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                String why = c > 0xff
                        ? ": a header value holds bytes; encode the text first (percent-encoding or RFC 8187)"
                        : ": control characters would split or corrupt the message; remove them";
                throw new IllegalArgumentException(
                        "value of header " + name + " holds " + describe(c) + " at index " + i + why);
            }
        }
    }

    private static String describe(char c) {
        return c > 0xff ? String.format("U+%04X", (int) c) : Ascii.describe(c);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
