package io.asyncio4j.http;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable multimap that keeps its entries in order and compares names exactly, as aiohttp's
 * {@code MultiDictProxy}: the query of a request ({@code MultiDict<String>}, {@code
 * request.query()}) and the fields of a submitted {@link Form} ({@code MultiDict<FormField>}, under
 * its typed lookups). A name may occur several times; {@link #get} returns the first value, {@link
 * #getAll} every one. {@link Headers} is the case-insensitive one, aiohttp's {@code CIMultiDict}.
 *
 * {@snippet :
 * // GET /search?tag=a&tag=b&q=x
 * request.query().get("q");      // "x"
 * request.query().getAll("tag"); // ["a", "b"]
 * }
 *
 * @param <V> the type of the values
 */
public final class MultiDict<V> implements Iterable<Map.Entry<String, V>> {
    private static final Object[] NONE = {};
    private static final MultiDict<?> EMPTY = new MultiDict<>(NONE, 0);

    /** Names and values interleaved: entry i is [2i] (a String) and [2i + 1] (a V); never written. */
    private final Object[] pairs;

    private final int size;

    private MultiDict(Object[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
    }

    /** The empty multimap. */
    @SuppressWarnings("unchecked")
    public static <V> MultiDict<V> empty() {
        return (MultiDict<V>) EMPTY;
    }

    /**
     * A multimap of the given names and values, in order: {@code MultiDict.of("a", "1", "a", "2")}.
     *
     * @throws IllegalArgumentException if the count is odd
     */
    public static MultiDict<String> of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "MultiDict.of takes names and values in pairs; got an odd count (" + namesAndValues.length + ")");
        }
        for (String s : namesAndValues) {
            Objects.requireNonNull(s, "a name or value of MultiDict.of");
        }
        return namesAndValues.length == 0
                ? empty()
                : new MultiDict<>(
                        Arrays.copyOf(namesAndValues, namesAndValues.length, Object[].class),
                        namesAndValues.length / 2);
    }

    /** A builder that adds entries in order: aiohttp's mutable {@code MultiDict}, frozen by {@link Builder#build()}. */
    public static <V> Builder<V> builder() {
        return new Builder<>();
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
    public V get(String name) {
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equals(name)) {
                return value(i);
            }
        }
        return null;
    }

    /** The first value of {@code name}, or {@code fallback}. */
    public V get(String name, V fallback) {
        V v = get(name);
        return v == null ? fallback : v;
    }

    /** Every value of {@code name}, in order; empty when there is none. */
    public List<V> getAll(String name) {
        List<V> all = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equals(name)) {
                all.add(value(i));
            }
        }
        return List.copyOf(all);
    }

    /** Whether {@code name} occurs. */
    public boolean contains(String name) {
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct names, in the order they first occur. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            names.add((String) pairs[2 * i]);
        }
        return names;
    }

    /** Every value in order, a name's repeats included (aiohttp's {@code values()}); unmodifiable. */
    public List<V> values() {
        return new AbstractList<>() {
            @Override
            public V get(int i) {
                Objects.checkIndex(i, size);
                return value(i);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The entries in order (aiohttp's {@code items()}); the iterator does not support removal. */
    @Override
    public Iterator<Map.Entry<String, V>> iterator() {
        return new AbstractList<Map.Entry<String, V>>() {
            @Override
            public Map.Entry<String, V> get(int i) {
                Objects.checkIndex(i, size);
                return new AbstractMap.SimpleImmutableEntry<>((String) pairs[2 * i], value(i));
            }

            @Override
            public int size() {
                return size;
            }
        }.iterator();
    }

    @SuppressWarnings("unchecked")
    private V value(int i) {
        return (V) pairs[2 * i + 1];
    }

    /** Equal to a multimap with the same entries in the same order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MultiDict<?> other) || other.size != size) {
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

    /** {@code <MultiDict('tag': 'a', 'tag': 'b')>}, as aiohttp prints one; a value that is not text as its own string. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<MultiDict(");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append('\'').append(pairs[2 * i]).append("': ");
            Object v = pairs[2 * i + 1];
            if (v instanceof String) {
                s.append('\'').append(v).append('\'');
            } else {
                s.append(v);
            }
        }
        return s.append(")>").toString();
    }

    /**
     * Gathers entries in order for a {@link MultiDict}. Not thread-safe; may go on being used after
     * {@link #build()}: what was built does not see later additions.
     *
     * @param <V> the type of the values
     */
    public static final class Builder<V> {
        /*
         * Only ever appended to: a MultiDict built earlier shares the array but reads no further than
         * its own size, so building copies nothing.
         */
        private Object[] pairs = NONE;
        private int size;

        private Builder() {}

        /**
         * Adds an entry after the others.
         *
         * @throws NullPointerException if {@code name} or {@code value} is null
         */
        public Builder<V> add(String name, V value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (2 * size == pairs.length) {
                pairs = Arrays.copyOf(pairs, Math.max(8, 2 * pairs.length));
            }
            pairs[2 * size] = name;
            pairs[2 * size + 1] = value;
            size++;
            return this;
        }

        /** The multimap of the entries added so far. */
        public MultiDict<V> build() {
            if (size == 0) {
                return empty();
            }
            return new MultiDict<>(pairs, size);
        }
    }
}
