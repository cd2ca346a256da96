package io.asyncio4j.http.web;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable multimap of strings that keeps its entries in order and compares names exactly, as
 * aiohttp's {@code MultiDictProxy}: the query of a request ({@link Request#query()}), and the fields
 * of an urlencoded form. A name may occur several times; {@link #get} returns the first value, {@link
 * #getAll} every one.
 *
 * {@snippet :
 * // GET /search?tag=a&tag=b&q=x
 * request.query().get("q");      // "x"
 * request.query().getAll("tag"); // ["a", "b"]
 * }
 */
public final class MultiDict implements Iterable<Map.Entry<String, String>> {
    private static final String[] NONE = {};
    private static final MultiDict EMPTY = new MultiDict(NONE, 0);

    /** names and values interleaved: entry i is [2i] and [2i + 1]. */
    private final String[] pairs;

    private final int size;

    private MultiDict(String[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
    }

    /** The empty multimap. */
    public static MultiDict empty() {
        return EMPTY;
    }

    /**
     * A multimap of the given names and values, in order: {@code MultiDict.of("a", "1", "a", "2")}.
     *
     * @throws IllegalArgumentException if the count is odd
     */
    public static MultiDict of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "MultiDict.of takes names and values in pairs; got an odd count (" + namesAndValues.length + ")");
        }
        for (String s : namesAndValues) {
            Objects.requireNonNull(s, "a name or value of MultiDict.of");
        }
        return namesAndValues.length == 0 ? EMPTY : new MultiDict(namesAndValues.clone(), namesAndValues.length / 2);
    }

    /** Builds a multimap from pairs gathered by a parser; takes the array. */
    static MultiDict ofPairs(String[] pairs, int size) {
        return size == 0 ? EMPTY : new MultiDict(pairs, size);
    }

    /** The number of entries (a name that occurs twice counts twice). */
    public int size() {
        return size;
    }

    /** Whether there is no entry. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equals(name)) {
                return pairs[2 * i + 1];
            }
        }
        return null;
    }

    /** The first value of {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    /** Every value of {@code name}, in order; empty when there is none. */
    public List<String> getAll(String name) {
        List<String> all = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equals(name)) {
                all.add(pairs[2 * i + 1]);
            }
        }
        return List.copyOf(all);
    }

    /** Whether {@code name} occurs. */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /** The distinct names, in the order they first occur. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            names.add(pairs[2 * i]);
        }
        return names;
    }

    /** The entries in order; the iterator does not support removal. */
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
                return new AbstractMap.SimpleImmutableEntry<>(pairs[2 * i], pairs[2 * i + 1]);
            }
        };
    }

    /** Equal to a multimap with the same entries in the same order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MultiDict other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < 2 * size; i++) {
            if (!pairs[i].equals(other.pairs[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < 2 * size; i++) {
            h = 31 * h + pairs[i].hashCode();
        }
        return h;
    }

    /** {@code <MultiDict('tag': 'a', 'tag': 'b')>}, as aiohttp prints one. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<MultiDict(");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append('\'')
                    .append(pairs[2 * i])
                    .append("': '")
                    .append(pairs[2 * i + 1])
                    .append('\'');
        }
        return s.append(")>").toString();
    }
}
