package io.asyncio4j.http.client;

import java.io.IOException;

/**
 * Turns values into JSON and back, for {@link Options#json(Object)} and {@link
 * ClientResponse#json(Class)}. The HTTP module has no JSON library of its own: {@link
 * #defaultCodec()} is {@link JacksonCodec} when Jackson 3 ({@code tools.jackson.core:jackson-databind})
 * is on the class path; another library plugs in through {@link SessionOptions#jsonCodec}.
 */
public interface JsonCodec {
    /** The JSON text of {@code value}, UTF-8. */
    byte[] encode(Object value) throws IOException;

    /** The value of type {@code type} that the UTF-8 JSON text {@code json} holds. */
    <T> T decode(byte[] json, Class<T> type) throws IOException;

    /**
     * {@link JacksonCodec} when Jackson 3 is on the class path; otherwise a codec that fails on use
     * with a message saying what to add.
     */
    static JsonCodec defaultCodec() {
        return JsonCodecs.DEFAULT;
    }
}
