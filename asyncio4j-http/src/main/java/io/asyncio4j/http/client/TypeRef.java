package io.asyncio4j.http.client;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A generic type to decode JSON into, which a {@code Class} cannot name ({@code List<User>}, {@code
 * Map<String, List<Integer>>}): write an anonymous subclass, the type argument is kept (Jackson's
 * {@code TypeReference}, Gson's {@code TypeToken}).
 *
 * {@snippet :
 * List<User> users = response.json(new TypeRef<List<User>>() {});
 * }
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {
    private final Type type;

    /**
     * Captures the type argument of the anonymous subclass.
     *
     * @throws IllegalStateException if the subclass gives no type argument ({@code new TypeRef()
     *     {}})
     */
    protected TypeRef() {
        Type parent = getClass().getGenericSuperclass();
        if (!(parent instanceof ParameterizedType p) || p.getRawType() != TypeRef.class) {
            throw new IllegalStateException("a TypeRef needs its type argument, in an anonymous subclass of TypeRef"
                    + " itself: new TypeRef<List<User>>() {}");
        }
        this.type = p.getActualTypeArguments()[0];
    }

    private TypeRef(Type type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The type as a plain class: {@code TypeRef.of(User.class)}. */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new TypeRef<>(type) {};
    }

    /** The captured type, a {@link Class} or a {@link ParameterizedType}. */
    public Type type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeRef<?> other && type.equals(other.type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    /** {@code TypeRef<java.util.List<User>>}. */
    @Override
    public String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }
}
