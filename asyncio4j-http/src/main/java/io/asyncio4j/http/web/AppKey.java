package io.asyncio4j.http.web;

import java.util.Objects;

/**
 * A typed key for state kept in an {@link Application} ({@code app.set(DB, db)}, aiohttp's {@code
 * app[db_key] = db} with a {@code web.AppKey}) or in a {@link Request} ({@code request.set(USER,
 * user)}, aiohttp's {@code request["user"]}). Keys are compared by identity: declare each once as a
 * constant.
 *
 * {@snippet :
 * static final AppKey<Database> DB = AppKey.of("db", Database.class);
 *
 * app.set(DB, Database.connect(url));
 * Database db = request.app().get(DB);
 * }
 *
 * @param <T> the type of the value
 */
public final class AppKey<T> {
    private final String name;
    private final Class<T> type;

    private AppKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
    }

    /** A key whose values are checked to be of {@code type} when set. */
    public static <T> AppKey<T> of(String name, Class<T> type) {
        return new AppKey<>(name, Objects.requireNonNull(type, "type"));
    }

    /**
     * A key for a generic type ({@code AppKey<List<String>>}), whose values cannot be checked when
     * set.
     */
    public static <T> AppKey<T> of(String name) {
        return new AppKey<>(name, null);
    }

    /** The key's name, for messages. */
    public String name() {
        return name;
    }

    /** Checks that {@code value} fits this key. */
    T check(T value) {
        Objects.requireNonNull(value, () -> "the value of " + this);
        if (type != null && !type.isInstance(value)) {
            throw new IllegalArgumentException(this + " holds " + type.getName() + ", not "
                    + value.getClass().getName());
        }
        return value;
    }

    @Override
    public String toString() {
        return "AppKey[" + name + (type == null ? "" : ": " + type.getSimpleName()) + "]";
    }
}
