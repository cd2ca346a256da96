package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Each open loop's MBean: registered in the background while the loop is open, gone once it closes. */
class LoopManagementTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    /** Waits for a condition another thread brings about; the guard only stops a hang. */
    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not the case after 60 s: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static ObjectName nameOf(String loop) throws Exception {
        return new ObjectName("io.asyncio4j:type=Loop,name=" + ObjectName.quote(loop));
    }

    @Test
    void anOpenLoopPublishesAnMBeanUntilItCloses() throws Exception {
        ObjectName name = nameOf("mbean-demo");
        try (Loop loop = Loop.open(LoopOptions.defaults().name("mbean-demo"))) {
            loop.run(() -> {
                Asyncio.createTask("sleeper", () -> Asyncio.sleep(Duration.ofSeconds(30)));
                Asyncio.yieldNow();
                return null;
            });
            MBeanRegistrations.await(name);
            assertThat((Integer) SERVER.getAttribute(name, "TaskCount")).isEqualTo(1);
            assertThat((Long) SERVER.getAttribute(name, "TasksCreated")).isGreaterThanOrEqualTo(2L);
            String dump = (String) SERVER.invoke(name, "dumpTasks", new Object[0], new String[0]);
            assertThat(dump).contains("sleeper [waiting]");
            LoopStats stats = loop.stats();
            assertThat(stats.liveTasks()).isEqualTo(1);
            assertThat(stats.tasksFinished()).isGreaterThanOrEqualTo(1);
        }
        assertThat(SERVER.isRegistered(name))
                .as("unregistered as the loop closed")
                .isFalse();
    }

    @Test
    void aLoopThatClosesBeforeItsRegistrationIsNeverRegistered() throws Exception {
        // Whether the registrar reaches the loop before or after it closes, nothing is left behind.
        for (int i = 0; i < 20; i++) {
            String loopName = "short-lived-" + i;
            try (Loop loop = Loop.open(LoopOptions.defaults().name(loopName))) {
                loop.run(() -> null);
            }
            awaitUntil("the registrar has dealt with every loop", LoopManagement::registrarIdle);
            assertThat(SERVER.isRegistered(nameOf(loopName))).as(loopName).isFalse();
        }
    }

    @Test
    void aLoopThatClosesWhileJmxStartsDoesNotWaitForItAndIsNeverRegistered() throws Exception {
        // The registrar is held where it starts JMX (0.3 s of CPU, up to a second on a small
        // machine, the first time): the close must end before JMX has started, and the loop must
        // not be registered afterwards.
        java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        long delay = LoopManagement.registrationDelayMillis;
        LoopManagement.registrationDelayMillis = 0;
        LoopManagement.beforeJmxStarts = () -> {
            reached.countDown();
            try {
                if (!release.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    events.add("the test never released the registrar");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add("JMX starting");
        };
        ObjectName name = nameOf("closes-while-jmx-starts");
        try {
            Loop loop = Loop.open(LoopOptions.defaults().name("closes-while-jmx-starts"));
            loop.run(() -> null);
            assertThat(reached.await(60, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the registrar reached the loop")
                    .isTrue();
            Thread closer = Thread.ofPlatform().start(() -> {
                loop.close();
                events.add("closed");
            });
            closer.join(Duration.ofSeconds(60));
            events.add("close awaited");
            release.countDown();
            awaitUntil("the registrar has dealt with every loop", LoopManagement::registrarIdle);
            assertThat(events).containsExactly("closed", "close awaited", "JMX starting");
            assertThat(SERVER.isRegistered(name)).isFalse();
        } finally {
            release.countDown();
            LoopManagement.beforeJmxStarts = null;
            LoopManagement.registrationDelayMillis = delay;
        }
    }

    @Test
    void loopsOfTheSameNameTakeTurns() throws Exception {
        // A second loop of a name opens only after the first closed: its MBean must not collide
        // with a registration of the first still in flight.
        ObjectName name = nameOf("reused-name");
        for (int i = 0; i < 3; i++) {
            try (Loop loop = Loop.open(LoopOptions.defaults().name("reused-name"))) {
                loop.run(() -> null);
                MBeanRegistrations.await(name);
            }
            assertThat(SERVER.isRegistered(name)).isFalse();
        }
    }
}
