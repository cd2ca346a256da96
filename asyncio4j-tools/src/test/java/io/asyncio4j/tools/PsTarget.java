package io.asyncio4j.tools;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopOptions;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Event;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

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
            CompletableFuture<Void> named = new CompletableFuture<>();
            second.submit(() -> {
                Asyncio.currentTask().setName("idle-worker");
                named.complete(null);
                Asyncio.sleep(Duration.ofHours(1)); // parks in the step that completed named
                return null;
            });
            named.get(); // another loop's thread: no sleep here can promise it has run
            Asyncio.run(LoopOptions.defaults().name("ps-target"), () -> {
                Asyncio.currentTask().setName("main");
                // Set by the last connection just before it parks, in the step that parks it; the
                // server and the ticker, created earlier, parked before.
                Event treeParked = new Event();
                int[] connections = {0};
                Runnable parking = () -> {
                    if (++connections[0] == 2) {
                        treeParked.set();
                    }
                };
                Task<Void> server = Asyncio.createTask("server", () -> server(parking));
                Task<Void> ticker = Asyncio.createTask("ticker", () -> {
                    while (true) {
                        Asyncio.sleep(Duration.ofHours(1));
                    }
                });
                treeParked.await();
                awaitMBeans(2); // loops register them in the background, a moment after they open
                System.out.println("READY");
                System.out.flush();
                Asyncio.gather(List.of(server, ticker));
                return null;
            });
        }
    }

    private static void server(Runnable parking) throws Exception {
        Task<Void> first = Asyncio.createTask("conn-1", () -> connection(parking));
        Task<Void> second = Asyncio.createTask("conn-2", () -> connection(parking));
        Asyncio.gather(List.of(first, second));
    }

    private static void connection(Runnable parking) {
        parking.run();
        Asyncio.sleep(Duration.ofHours(1)); // waiting for a request that never comes
    }

    /**
     * Waits until {@code count} loops have registered their MBeans, which they do in the background:
     * on the platform server's registration notifications, not by polling.
     */
    static void awaitMBeans(int count) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName query = new ObjectName("io.asyncio4j:type=Loop,name=*");
        Semaphore registrations = new Semaphore(0);
        NotificationListener listener = (notification, handback) -> {
            if (notification instanceof MBeanServerNotification n && query.apply(n.getMBeanName())) {
                registrations.release();
            }
        };
        // Listening before looking: a registration between the two cannot be missed.
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
        try {
            while (server.queryNames(query, null).size() < count) {
                // Runs in a task: the wait parks its virtual thread only. The guard stops a hang.
                if (!registrations.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the loops' MBeans did not appear within 60 s");
                }
            }
        } finally {
            server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
        }
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
