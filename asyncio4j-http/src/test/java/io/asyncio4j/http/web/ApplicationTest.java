package io.asyncio4j.http.web;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.testing.AsyncioTest;
import java.util.Map;

/** Routing, responses and errors, through the library's own client. */
class ApplicationTest {
    record User(String id, String name) {}

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void routesByMethodAndPath() throws Exception {
        Application app = new Application();
        app.addRoutes(
                Web.get("/", r -> Response.text("Hello, World!")),
                Web.get("/users/{id}", r -> Response.json(new User(r.matchInfo().get("id"), "Ann"))),
                Web.post("/users", r -> Response.json(201, r.json(User.class))),
                Web.get("/files/{tail:.*}", r -> Response.text(r.matchInfo().get("tail"))));
        try (Served s = Served.start(app);
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(s.url("/"))) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
                assertThat(r.text()).isEqualTo("Hello, World!");
            }
            try (ClientResponse r = session.get(s.url("/users/a%20b"))) {
                assertThat(r.json(User.class)).isEqualTo(new User("a b", "Ann"));
            }
            try (ClientResponse r = session.post(s.url("/users"), json(new User("7", "Bo")))) {
                assertThat(r.status()).isEqualTo(201);
                assertThat(r.json(User.class)).isEqualTo(new User("7", "Bo"));
            }
            try (ClientResponse r = session.get(s.url("/files/a/b/c.txt"))) {
                assertThat(r.text()).isEqualTo("a/b/c.txt");
            }
            try (ClientResponse r = session.get(s.url("/nope"))) {
                assertThat(r.status()).isEqualTo(404);
                assertThat(r.text()).isEqualTo("404: Not Found");
            }
            try (ClientResponse r = session.delete(s.url("/users/1"))) {
                assertThat(r.status()).isEqualTo(405);
                assertThat(r.headers().get("Allow")).isEqualTo("GET, HEAD");
            }
            try (ClientResponse r = session.head(s.url("/"))) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.headers().get("Content-Length")).isEqualTo("13");
                assertThat(r.bytes()).isEmpty();
            }
            try (ClientResponse r = session.get(s.url("/nope"), header("Accept", "application/json"))) {
                assertThat(r.json(Map.class))
                        .isEqualTo(Map.of("status", 404, "reason", "Not Found", "message", "404: Not Found"));
            }
        }
    }
}
