package io.asyncio4j.http.client;

import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link JsonCodec} on Jackson 3 ({@code tools.jackson.core:jackson-databind}), an optional
 * dependency of this module: add it to use this class. With Jackson's defaults (unknown properties
 * are ignored, records and maps work); pass a configured {@link JsonMapper} to change them.
 */
public final class JacksonCodec implements JsonCodec {
    private final JsonMapper mapper;

    /** A codec with Jackson's default mapper. */
    public JacksonCodec() {
        this(JsonMapper.builder().build());
    }

    /** A codec with {@code mapper}. */
    public JacksonCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException wrapping Jackson's error when the value cannot be written
     */
    @Override
    public byte[] encode(Object value) throws IOException {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IOException("cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException wrapping Jackson's error when the text is not JSON of that type
     */
    @Override
    public <T> T decode(byte[] json, Class<T> type) throws IOException {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new IOException("cannot read the JSON as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException wrapping Jackson's error when the text is not JSON of that type
     */
    @Override
    public <T> T decode(byte[] json, TypeRef<T> type) throws IOException {
        try {
            return mapper.readValue(json, mapper.constructType(type.type()));
        } catch (JacksonException e) {
            throw new IOException(
                    "cannot read the JSON as " + type.type().getTypeName() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JacksonCodec";
    }
}
