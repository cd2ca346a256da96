package io.asyncio4j.http.client;

import java.io.IOException;

/**
 * Turns values into JSON and back, for {@link Options#json(Object)}, {@link
 * ClientResponse#json(Class)} and {@link ClientResponse#json(TypeRef)}. The HTTP module has no JSON library of its own: {@link
 * #defaultCodec()} is {@link JacksonCodec} when Jackson 3 ({@code tools.jackson.core:jackson-databind})
 * is on the class path; another library plugs in through {@link SessionOptions#jsonCodec}.
 */
public interface JsonCodec {
    /** The JSON text of {@code value}, UTF-8. */
    byte[] encode(Object value) throws IOException;

    /** The value of type {@code type} that the UTF-8 JSON text {@code json} holds. */
    <T> T decode(byte[] json, Class<T> type) throws IOException;

    /**
     * The value of the generic type {@code type} ({@code List<User>}) that {@code json} holds. A
     * codec of plain classes only need not implement it: by default a {@code TypeRef} of a class is
     * decoded with {@link #decode(byte[], Class)}, any other fails.
     *
     * @throws UnsupportedOperationException if this codec reads plain classes only and {@code type}
     *     is generic
     */
    @SuppressWarnings("unchecked")
    default <T> T decode(byte[] json, TypeRef<T> type) throws IOException {
        if (type.type() instanceof Class<?> c) {
            return (T) decode(json, c);
        }
        throw new UnsupportedOperationException("the JsonCodec " + this + " reads plain classes only, not " + type
                + "; implement decode(byte[], TypeRef) or use the Jackson codec");
    }

    /**
     * {@link JacksonCodec} when Jackson 3 is on the class path; otherwise a codec that fails on use
     * with a message saying what to add.
     */
    static JsonCodec defaultCodec() {
        return JsonCodecs.DEFAULT;
    }
}
