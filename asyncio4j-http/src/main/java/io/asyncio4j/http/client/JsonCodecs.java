package io.asyncio4j.http.client;

/** Finds the default {@link JsonCodec} once: Jackson when it is there. */
final class JsonCodecs {
    private JsonCodecs() {}

    static final JsonCodec DEFAULT = find();

    private static JsonCodec find() {
        try {
            Class.forName("tools.jackson.databind.json.JsonMapper", false, JsonCodecs.class.getClassLoader());
            return new JacksonCodec();
        } catch (ClassNotFoundException | LinkageError e) {
            return new Missing();
        }
    }

    /** Fails with the fix: there is no JSON library. */
    private static final class Missing implements JsonCodec {
        private static final String FIX = "no JSON library: add tools.jackson.core:jackson-databind (3.x) to the"
                + " class path, or set SessionOptions.jsonCodec(...) to a JsonCodec of your own";

        @Override
        public byte[] encode(Object value) {
            throw new IllegalStateException(FIX);
        }

        @Override
        public <T> T decode(byte[] json, Class<T> type) {
            throw new IllegalStateException(FIX);
        }

        @Override
        public String toString() {
            return "JsonCodec[none: " + FIX + "]";
        }
    }
}
