package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import java.time.Duration;

/** A program for {@link RunAppTest}: {@code Web.runApp} with hooks that print, and a slow route. */
public final class RunAppMain {
    private RunAppMain() {}

    public static void main(String[] args) throws Exception {
        Application app = new Application();
        app.onStartup(a -> System.out.println("on_startup"));
        app.onShutdown(a -> System.out.println("on_shutdown"));
        app.onCleanup(a -> System.out.println("on_cleanup"));
        app.addRoutes(Web.get("/slow", r -> {
            System.out.println("handler started");
            Asyncio.sleep(Duration.ofMillis(1500));
            return Response.text("finished");
        }));
        Web.runApp(app, "127.0.0.1", 0, RunnerOptions.defaults().accessLog(false));
        System.out.println("runApp returned");
    }
}
