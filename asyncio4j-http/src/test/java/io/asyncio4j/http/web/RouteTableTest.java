package io.asyncio4j.http.web;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.testing.AsyncioTest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Routes from annotated methods (aiohttp's RouteTableDef) and class-based views (web.View). */
class RouteTableTest {
    /** A handler class as a user writes one: instance state, a static method, a named route. */
    static final class Users {
        private final Map<String, String> names = new ConcurrentHashMap<>(Map.of("1", "Ann"));

        @Get(value = "/users/{id}", name = "user")
        Response show(Request request) {
            String name = names.get(request.matchInfo().get("id"));
            if (name == null) {
                throw new HttpNotFound("no user " + request.matchInfo().get("id"));
            }
            return Response.text(name);
        }

        @Post("/users/{id}")
        Response rename(Request request) {
            names.put(request.matchInfo().get("id"), request.text());
            return new Response(204);
        }

        @Get("/version")
        static Response version(Request request) {
            return Response.text("1");
        }

        /** Not a route: no annotation. */
        Response helper(Request request) {
            return Response.text("never");
        }
    }

    /** A view answering GET and DELETE. */
    public static final class ItemView extends View {
        @Override
        public StreamResponse get() {
            return Response.text("item " + request().matchInfo().get("id"));
        }

        @Override
        public StreamResponse delete() {
            return new Response(204);
        }
    }

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 60)
    void annotatedMethodsAndViewsServeTheirRoutes() throws Exception {
        Application app = new Application();
        app.addRoutes(RouteTableDef.of(new Users()));
        app.router().addView("/items/{id}", ItemView.class);
        assertThat(app.router().named("user").urlFor("id", "7")).isEqualTo("/users/7");
        try (Served s = Served.start(app);
                ClientSession session = new ClientSession()) {
            try (ClientResponse r = session.get(s.url("/users/1"))) {
                assertThat(r.text()).isEqualTo("Ann");
            }
            try (ClientResponse r = session.post(s.url("/users/1"), data("Bo"))) {
                assertThat(r.status()).isEqualTo(204);
            }
            try (ClientResponse r = session.get(s.url("/users/1"))) {
                assertThat(r.text()).isEqualTo("Bo");
            }
            try (ClientResponse r = session.get(s.url("/users/2"))) {
                assertThat(r.status() + " " + r.text()).isEqualTo("404 no user 2");
            }
            try (ClientResponse r = session.get(s.url("/version"))) {
                assertThat(r.text()).isEqualTo("1");
            }
            try (ClientResponse r = session.get(s.url("/items/9"))) {
                assertThat(r.text()).isEqualTo("item 9");
            }
            try (ClientResponse r = session.head(s.url("/items/9"))) {
                assertThat(r.status() + " " + r.headers().get("Content-Length")).isEqualTo("200 6");
            }
            try (ClientResponse r = session.delete(s.url("/items/9"))) {
                assertThat(r.status()).isEqualTo(204);
            }
            try (ClientResponse r = session.post(s.url("/items/9"))) {
                assertThat(r.status() + " " + r.headers().get("Allow")).isEqualTo("405 GET, HEAD, DELETE");
            }
        }
    }

    static final class Wrong {
        @Get("/x")
        String notAHandler(Request request) {
            return "x";
        }
    }

    @org.junit.jupiter.api.Test
    void aMethodThatIsNotAHandlerIsRefusedByName() {
        assertThatThrownBy(() -> RouteTableDef.of(new Wrong()))
                .hasMessage(Wrong.class.getName() + ".notAHandler is annotated as a route but is not a handler: it"
                        + " must take a Request and return a StreamResponse (or a Response)");
    }
}
