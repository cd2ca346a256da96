package io.asyncio4j.http.client;

/** Finds the default {@link JsonCodec} once: Jackson when it is there. */
final class JsonCodecs {
    private JsonCodecs() {}

    private static final String OWN_CODEC =
            "give the client (SessionOptions.jsonCodec) or the server (Application.jsonCodec) a JsonCodec of your own";

    static final JsonCodec DEFAULT = find();

    private static JsonCodec find() {
        try {
            Class.forName("tools.jackson.databind.json.JsonMapper", false, JsonCodecs.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return new Missing(
                    "no JSON library: add tools.jackson.core:jackson-databind (3.x) to the class path, or " + OWN_CODEC,
                    null);
        }
        try {
            return new JacksonCodec();
        } catch (LinkageError e) {
            // Seen when a BOM (Vert.x's, Spring's) pins jackson-annotations or jackson-core below
            // what jackson-databind 3 was built against.
            return new Missing(
                    "jackson-databind is on the class path but cannot be used (" + e
                            + "): its jackson-core and jackson-annotations must be the versions it was built"
                            + " with; import tools.jackson:jackson-bom before other BOMs, or " + OWN_CODEC,
                    e);
        }
    }

    /** Fails with the fix: there is no usable JSON library. */
    private static final class Missing implements JsonCodec {
        private final String fix;
        private final Throwable cause;

        Missing(String fix, Throwable cause) {
            this.fix = fix;
            this.cause = cause;
        }

        @Override
        public byte[] encode(Object value) {
            throw new IllegalStateException(fix, cause);
        }

        @Override
        public <T> T decode(byte[] json, Class<T> type) {
            throw new IllegalStateException(fix, cause);
        }

        @Override
        public <T> T decode(byte[] json, TypeRef<T> type) {
            throw new IllegalStateException(fix, cause);
        }

        @Override
        public String toString() {
            return "JsonCodec[none: " + fix + "]";
        }
    }
}
