package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.Options;
import io.asyncio4j.http.web.AppKey;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.HttpNotFound;
import io.asyncio4j.http.web.Middleware;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.RunnerOptions;
import io.asyncio4j.http.web.StreamResponse;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.http.web.Web;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small JSON API on the HTTP server, the seeds' "high-throughput web servers and APIs": a path
 * parameter, a middleware, and a streamed answer (server-sent events). With {@code serve} it runs
 * until Ctrl-C ({@code ./aio run web-api serve [port]}); without, it starts on a free port, calls
 * itself with the client, prints what it got, and stops.
 *
 * {@snippet lang=python :
 * from aiohttp import web
 * import asyncio
 *
 * @web.middleware
 * async def timing(request, handler):
 *     response = await handler(request)
 *     response.headers["X-Handled-By"] = "asyncio"
 *     return response
 *
 * async def get_todo(request):
 *     todo = request.app["todos"].get(int(request.match_info["id"]))
 *     if todo is None:
 *         raise web.HTTPNotFound(text="no such todo")
 *     return web.json_response(todo)
 *
 * async def events(request):
 *     response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
 *     await response.prepare(request)
 *     for i in range(3):
 *         await response.write(f"data: tick {i}\n\n".encode())
 *         await asyncio.sleep(0.1)
 *     return response
 *
 * app = web.Application(middlewares=[timing])
 * app["todos"] = {1: {"id": 1, "title": "write the server", "done": True}}
 * app.add_routes([web.get("/todos", list_todos), web.get("/todos/{id:\\d+}", get_todo),
 *                 web.post("/todos", add_todo), web.get("/events", events)])
 * web.run_app(app)
 * }
 */
public final class WebApi {
    /** A to-do item, as JSON. */
    public record Todo(int id, String title, boolean done) {}

    /** What a client posts to add one. */
    public record NewTodo(String title) {}

    static final AppKey<Map<Integer, Todo>> TODOS = AppKey.of("todos");
    static final AppKey<AtomicInteger> NEXT_ID = AppKey.of("next_id", AtomicInteger.class);

    private final PrintStream out;

    /** The program, printing to {@code out}. */
    public WebApi(PrintStream out) {
        this.out = out;
    }

    /** The application: its routes, its middleware, its state. */
    static Application app() {
        Application app = new Application();
        Map<Integer, Todo> todos = new TreeMap<>();
        todos.put(1, new Todo(1, "write the server", true));
        todos.put(2, new Todo(2, "write its example", false));
        app.set(TODOS, todos).set(NEXT_ID, new AtomicInteger(3));
        Middleware handledBy = (request, handler) -> {
            StreamResponse response = handler.handle(request);
            response.headers().set("X-Handled-By", "asyncio4j");
            return response;
        };
        app.middleware(handledBy);
        app.addRoutes(
                Web.get("/todos", WebApi::listTodos),
                Web.get("/todos/{id:\\d+}", WebApi::getTodo).name("todo"),
                Web.post("/todos", WebApi::addTodo),
                Web.get("/events", WebApi::events));
        return app;
    }

    static StreamResponse listTodos(Request request) {
        return Response.json(List.copyOf(request.app().get(TODOS).values()));
    }

    static StreamResponse getTodo(Request request) {
        Todo todo = request.app()
                .get(TODOS)
                .get(Integer.parseInt(request.matchInfo().get("id")));
        if (todo == null) {
            throw new HttpNotFound("no such todo");
        }
        return Response.json(todo);
    }

    static StreamResponse addTodo(Request request) {
        NewTodo body = request.json(NewTodo.class);
        Todo todo = new Todo(request.app().get(NEXT_ID).getAndIncrement(), body.title(), false);
        request.app().get(TODOS).put(todo.id(), todo);
        String location = request.app().router().named("todo").urlFor("id", String.valueOf(todo.id()));
        return Response.json(201, todo).header("Location", location);
    }

    static StreamResponse events(Request request) throws Exception {
        StreamResponse response = new StreamResponse();
        response.contentType("text/event-stream");
        response.prepare(request);
        for (int i = 0; i < 3; i++) {
            response.write("data: tick " + i + "\n\n");
            Asyncio.sleep(Duration.ofMillis(100));
        }
        return response;
    }

    /** Starts the API on a free port, calls it, prints the answers, and stops it gracefully. */
    public void main() throws Exception {
        AppRunner runner = new AppRunner(app(), RunnerOptions.defaults().accessLog(false));
        runner.setup();
        try {
            TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
            site.start();
            String base = "http://127.0.0.1:" + site.port();
            try (ClientSession session = new ClientSession()) {
                try (ClientResponse r = session.get(base + "/todos/1")) {
                    out.println("GET /todos/1 -> " + r.status() + " " + r.text() + " ("
                            + r.headers().get("X-Handled-By") + ")");
                }
                try (ClientResponse r = session.get(base + "/todos/9")) {
                    out.println("GET /todos/9 -> " + r.status() + " " + r.text());
                }
                try (ClientResponse r = session.post(base + "/todos", Options.json(new NewTodo("ship it")))) {
                    out.println("POST /todos -> " + r.status() + " " + r.text() + " at "
                            + r.headers().get("Location"));
                }
                try (ClientResponse r = session.get(base + "/todos")) {
                    out.println("GET /todos -> " + r.text());
                }
                try (ClientResponse r = session.get(base + "/events")) {
                    List<String> events = new ArrayList<>();
                    byte[] line;
                    while ((line = r.content().readLine()).length > 0) {
                        String text = new String(line, StandardCharsets.UTF_8).strip();
                        if (!text.isEmpty()) {
                            events.add(text);
                        }
                    }
                    out.println("GET /events -> " + r.headers().get("Content-Type") + " " + events);
                }
            }
        } finally {
            runner.cleanup();
        }
    }

    /** {@code web-api} calls itself; {@code web-api serve [port]} serves until Ctrl-C. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            Web.runApp(app(), "127.0.0.1", args.length > 1 ? Integer.parseInt(args[1]) : 8080);
            return;
        }
        Asyncio.run(() -> new WebApi(System.out).main());
    }
}
