package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching and URL building, without a socket. */
class RouterTest {
    private static final Handler OK = r -> Response.text("ok");

    private static String resolve(Application app, String method, String path) {
        Router.Resolved r = app.router().resolve(method, UrlCodec.normalizePath(path));
        if (r.route() == null) {
            return r.allowed() == null ? "404" : "405 " + r.allowed();
        }
        return r.route().method() + " " + r.route().path() + " " + r.matchInfo()
                + (r.app() == app ? "" : " in " + r.app().prefixPath());
    }

    @Test
    void variablesRegexesAndTails() {
        Application app = new Application();
        app.router().addGet("/users/{id}", OK);
        app.router().addGet("/users/{id}/posts/{post:\\d+}", OK);
        app.router().addGet("/static/{tail:.*}", OK);
        app.router().addGet("/about", OK);
        app.router().add(Router.ANY, "/any", OK);
        app.freeze();
        assertThat(resolve(app, "GET", "/users/42")).isEqualTo("GET /users/{id} {id=42}");
        assertThat(resolve(app, "GET", "/users/a%2Fb"))
                .as("an encoded / stays in the value")
                .isEqualTo("GET /users/{id} {id=a/b}");
        assertThat(resolve(app, "GET", "/users/caf%C3%A9")).isEqualTo("GET /users/{id} {id=café}");
        assertThat(resolve(app, "GET", "/users/1/posts/7"))
                .isEqualTo("GET /users/{id}/posts/{post:\\d+} {id=1, post=7}");
        assertThat(resolve(app, "GET", "/users/1/posts/x")).isEqualTo("404");
        assertThat(resolve(app, "GET", "/static/css/a%20b.css")).isEqualTo("GET /static/{tail:.*} {tail=css/a b.css}");
        assertThat(resolve(app, "GET", "/%61bout"))
                .as("unreserved escapes are decoded for matching")
                .isEqualTo("GET /about {}");
        assertThat(resolve(app, "HEAD", "/about")).isEqualTo("GET /about {}");
        assertThat(resolve(app, "POST", "/about")).isEqualTo("405 [GET, HEAD]");
        assertThat(resolve(app, "PURGE", "/any")).isEqualTo("* /any {}");
        assertThat(resolve(app, "GET", "/users")).isEqualTo("404");
    }

    @Test
    void subApplicationsMatchUnderTheirPrefix() {
        Application admin = new Application();
        admin.router().addGet("/users/{id}", OK, "admin-user");
        admin.router().addPost("/", OK);
        Application app = new Application();
        app.router().addGet("/", OK);
        app.addSubapp("/admin", admin);
        app.freeze();
        assertThat(resolve(app, "GET", "/admin/users/7")).isEqualTo("GET /users/{id} {id=7} in /admin");
        assertThat(resolve(app, "GET", "/admin/")).isEqualTo("405 [POST]");
        assertThat(resolve(app, "GET", "/administrator")).isEqualTo("404");
        assertThat(admin.router().named("admin-user").urlFor("id", "a b/c")).isEqualTo("/admin/users/a%20b%2Fc");
    }

    @Test
    void urlForEncodesValuesAndChecksNames() {
        Application app = new Application();
        app.router().addGet("/files/{tail:.*}", OK, "file");
        app.router().addGet("/about", OK, "about");
        assertThat(app.router().named("file").urlFor("tail", "a b/c.txt")).isEqualTo("/files/a%20b/c.txt");
        assertThat(app.router().named("about").urlFor()).isEqualTo("/about");
        assertThatThrownBy(() -> app.router().named("file").urlFor("name", "x"))
                .hasMessage("route \"/files/{tail:.*}\" has no variable name; it has [tail]");
        assertThatThrownBy(() -> app.router().named("file").urlFor(Map.of()))
                .hasMessage("route \"/files/{tail:.*}\" needs a value for tail (it has [tail])");
        assertThatThrownBy(() -> app.router().named("nope"))
                .hasMessage("no route named nope; the named routes are [file, about]");
    }

    @Test
    void badRoutesAreRefusedWithTheReason() {
        Router r = new Application().router();
        assertThatThrownBy(() -> r.addGet("users", OK)).hasMessage("a route path starts with '/': \"users\"");
        assertThatThrownBy(() -> r.addGet("/a/{id", OK))
                .hasMessage("unbalanced '{' at index 3 of route path \"/a/{id\"");
        assertThatThrownBy(() -> r.addGet("/a/{1x}", OK))
                .hasMessage(
                        "variable \"1x\" of route path \"/a/{1x}\" is not a name (letters, digits, '_'; not starting with a digit)");
        assertThatThrownBy(() -> r.addGet("/a/{x:(}", OK))
                .hasMessageStartingWith("route path \"/a/{x:(}\" holds a regex that does not compile");
        assertThatThrownBy(() -> r.add("GE T", "/", OK))
                .hasMessage("method \"GE T\" holds SP (0x20): a method is a token");
        r.addGet("/x", OK);
        assertThatThrownBy(() -> r.addGet("/x", OK)).hasMessageStartingWith("a route for GET /x exists already");
    }

    @Test
    void aStartedApplicationIsFrozen() {
        Application app = new Application();
        app.freeze();
        assertThatThrownBy(() -> app.router().addGet("/", OK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot add a route: the application has started (it is frozen once a runner sets it up)");
        assertThatThrownBy(() -> app.middleware((r, h) -> h.handle(r)))
                .hasMessageStartingWith("cannot add a middleware");
    }
}
