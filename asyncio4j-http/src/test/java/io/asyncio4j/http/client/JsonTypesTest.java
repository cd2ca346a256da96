package io.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.testing.AsyncioTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** JSON into generic types through a TypeRef, with Jackson and with a codec of plain classes only. */
class JsonTypesTest {
    record User(String name, int count) {}

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aTypeRefKeepsTheTypeArguments() throws Exception {
        try (Peer peer = Peer.aiohttp();
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(peer.url("/users"))) {
                List<User> users = r.json(new TypeRef<List<User>>() {});
                assertThat(users).containsExactly(new User("ann", 1), new User("bob", 2));
            }
            try (ClientResponse r = session.get(peer.url("/groups"))) {
                Map<String, List<Integer>> groups = r.json(new TypeRef<Map<String, List<Integer>>>() {});
                assertThat(groups).containsEntry("odd", List.of(1, 3)).containsEntry("even", List.of(2));
                assertThat(groups.get("odd").get(0)).isInstanceOf(Integer.class);
            }
            try (ClientResponse r = session.get(peer.url("/users"))) {
                assertThatThrownBy(() -> r.json(new TypeRef<Map<String, User>>() {}))
                        .isInstanceOf(IOException.class)
                        .hasMessageStartingWith("cannot read the JSON as java.util.Map<java.lang.String,"
                                + " io.asyncio4j.http.client.JsonTypesTest$User>: ");
            }
        }
    }

    /** A codec that reads plain classes only, as one written before TypeRef existed. */
    static final class PlainCodec implements JsonCodec {
        @Override
        public byte[] encode(Object value) throws IOException {
            return new JacksonCodec().encode(value);
        }

        @Override
        public <T> T decode(byte[] json, Class<T> type) throws IOException {
            return new JacksonCodec().decode(json, type);
        }

        @Override
        public String toString() {
            return "PlainCodec";
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void aCodecOfPlainClassesTakesATypeRefOfAClassAndSaysWhatItCannotRead() throws Exception {
        try (Peer peer = Peer.aiohttp();
                ClientSession session =
                        new ClientSession(SessionOptions.defaults().jsonCodec(new PlainCodec()))) {
            try (ClientResponse r = session.get(peer.url("/users"))) {
                assertThat(r.json(TypeRef.of(User[].class))).hasSize(2);
            }
            try (ClientResponse r = session.get(peer.url("/users"))) {
                assertThatThrownBy(() -> r.json(new TypeRef<List<User>>() {}))
                        .isInstanceOf(UnsupportedOperationException.class)
                        .hasMessage("the JsonCodec PlainCodec reads plain classes only, not"
                                + " TypeRef<java.util.List<io.asyncio4j.http.client.JsonTypesTest$User>>;"
                                + " implement decode(byte[], TypeRef) or use the Jackson codec");
            }
        }
    }

    @AsyncioTest
    @SuppressWarnings("rawtypes")
    void aTypeRefWithoutItsArgumentIsRefused() {
        assertThatThrownBy(() -> new TypeRef() {})
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a TypeRef needs its type argument");
        assertThat(new TypeRef<List<String>>() {}).isEqualTo(new TypeRef<List<String>>() {});
    }
}
