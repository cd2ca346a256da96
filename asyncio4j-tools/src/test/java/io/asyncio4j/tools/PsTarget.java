package io.asyncio4j.tools;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The JVM that {@link PsTest} inspects: two loops with a known task tree, every task parked in a
 * long sleep. Prints {@code READY} once the tree stands, and exits when its standard input closes
 * (so it never outlives the test).
 *
 * <pre>
 * ps-second
 * └── idle-worker
 * ps-target
 * └── main
 *     ├── server
 *     │   ├── conn-1
 *     │   └── conn-2
 *     └── ticker
 * </pre>
 */
public final class PsTarget {
    private PsTarget() {}

    public static void main(String[] args) throws Exception {
        exitWhenStdinCloses();
        try (Loop second = Loop.open(LoopOptions.defaults().name("ps-second"))) {
            second.submit(() -> {
                Asyncio.currentTask().setName("idle-worker");
                Asyncio.sleep(Duration.ofHours(1));
                return null;
            });
            Asyncio.run(LoopOptions.defaults().name("ps-target"), () -> {
                Asyncio.currentTask().setName("main");
                Task<Void> server = Asyncio.createTask("server", PsTarget::server);
                Task<Void> ticker = Asyncio.createTask("ticker", () -> {
                    while (true) {
                        Asyncio.sleep(Duration.ofHours(1));
                    }
                });
                Asyncio.sleep(Duration.ofMillis(100)); // every task has started and parked
                System.out.println("READY");
                System.out.flush();
                Asyncio.gather(List.of(server, ticker));
                return null;
            });
        }
    }

    private static void server() throws Exception {
        Task<Void> first = Asyncio.createTask("conn-1", PsTarget::connection);
        Task<Void> second = Asyncio.createTask("conn-2", PsTarget::connection);
        Asyncio.gather(List.of(first, second));
    }

    private static void connection() {
        Asyncio.sleep(Duration.ofHours(1)); // waiting for a request that never comes
    }

    static void exitWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for end of input
                }
            } catch (IOException e) {
                // the test went away either way
            }
            Runtime.getRuntime().halt(0);
        });
        watcher.setDaemon(true);
        watcher.start();
    }
}
