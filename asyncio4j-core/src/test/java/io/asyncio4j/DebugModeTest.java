package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.lowlevel.VirtualClock;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

class DebugModeTest {
    /**
     * The loop stalls JFR records, for a task that must be sampled by the loop's watchdog: it spins
     * until a stall is reported, which the watchdog does (at ten times the slow threshold) only
     * after it has sampled the stack. A spin of fixed length can end before a watchdog starved of
     * CPU on a loaded machine takes its sample.
     */
    private static final class Stalls implements AutoCloseable {
        private final RecordingStream stream = new RecordingStream();
        private final AtomicBoolean seen = new AtomicBoolean();

        Stalls() {
            stream.enable("io.asyncio4j.LoopStall");
            stream.onEvent("io.asyncio4j.LoopStall", event -> seen.set(true));
            stream.startAsync();
        }

        void spinUntilOne() {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!seen.get() && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /** Named so the sampled stack can be recognised. */
    private static void crunchNumbersWithoutYielding(Stalls stalls) {
        stalls.spinUntilOne();
    }

    @Test
    void aTaskHoldingTheLoopIsReportedWithTheStackWhereItWasRunning() throws Exception {
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        LoopOptions options = LoopOptions.defaults()
                .debug(true)
                .slowCallbackDuration(Duration.ofMillis(50))
                .exceptionHandler(errors::add);
        try (Stalls stalls = new Stalls();
                Loop loop = Loop.open(options)) {
            loop.run(() -> {
                Asyncio.createTask("cruncher", () -> crunchNumbersWithoutYielding(stalls))
                        .await();
                return null;
            });
        }
        assertThat(errors).isNotEmpty();
        Loop.ErrorContext slow = errors.stream()
                .filter(e -> e.message().contains("held loop"))
                .findFirst()
                .orElseThrow();
        assertThat(slow.message()).contains("cruncher").contains("Asyncio.toThread");
        assertThat(slow.exception().getStackTrace())
                .anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("crunchNumbersWithoutYielding"));
    }

    @Test
    void aFailureNobodyRetrievedIsReportedWithWhereTheTaskWasCreated() throws Exception {
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        // A step that a loaded machine makes slow must not add a report to the one under test.
        LoopOptions options = LoopOptions.defaults()
                .debug(true)
                .slowCallbackDuration(Duration.ofMinutes(1))
                .clock(new VirtualClock())
                .exceptionHandler(errors::add);
        try (Loop loop = Loop.open(options)) {
            loop.run(() -> {
                Asyncio.createTask("forgotten", () -> {
                    throw new IllegalStateException("nobody awaits me");
                });
                Asyncio.yieldNow();
                return null;
            });
        }
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e.message())
                        .contains("forgotten")
                        .contains("never retrieved")
                        .contains("created at io.asyncio4j.DebugModeTest"));
    }

    @Test
    void dumpTasksShowsTheTreeOfTasksWithStatesAndStacks() throws Exception {
        String dump = TestLoops.run(() -> {
            Task<Void> parent = Asyncio.createTask("parent", () -> {
                Task<Void> child = Asyncio.createTask("child", () -> Asyncio.sleep(Duration.ofHours(1)));
                child.await();
            });
            Asyncio.yieldNow();
            Asyncio.yieldNow();
            String d = Asyncio.currentLoop().dumpTasks();
            parent.cancel();
            Asyncio.gatherSettled(parent);
            return d;
        });
        assertThat(dump).contains("tasks").contains("parent [waiting]").contains("child [waiting]");
        assertThat(dump.indexOf("child")).isGreaterThan(dump.indexOf("parent"));
        assertThat(dump).contains("at io.asyncio4j.Asyncio.sleep");
        String childLine =
                dump.lines().filter(l -> l.contains("child [")).findFirst().orElseThrow();
        String parentLine =
                dump.lines().filter(l -> l.contains("parent [")).findFirst().orElseThrow();
        assertThat(childLine.indexOf("child")).isGreaterThan(parentLine.indexOf("parent"));
    }

    @Test
    void everyOpenLoopPublishesAnMBeanUntilItCloses() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try (Loop loop = Loop.open(LoopOptions.defaults().name("mbean-demo"))) {
            name = new ObjectName("io.asyncio4j:type=Loop,name=\"mbean-demo\"");
            loop.run(() -> {
                Asyncio.createTask("sleeper", () -> Asyncio.sleep(Duration.ofSeconds(30)));
                Asyncio.yieldNow();
                return null;
            });
            loop.management.awaitRegistration(); // registered off the path of open, a second later
            assertThat(server.isRegistered(name)).isTrue();
            assertThat((Integer) server.getAttribute(name, "TaskCount")).isEqualTo(1);
            assertThat((Long) server.getAttribute(name, "TasksCreated")).isGreaterThanOrEqualTo(2L);
            String dump = (String) server.invoke(name, "dumpTasks", new Object[0], new String[0]);
            assertThat(dump).contains("sleeper [waiting]");
            LoopStats stats = loop.stats();
            assertThat(stats.liveTasks()).isEqualTo(1);
            assertThat(stats.tasksFinished()).isGreaterThanOrEqualTo(1);
        }
        assertThat(server.isRegistered(name)).isFalse();
    }

    /**
     * The platform MBean server costs a JVM some 700 classes and 150 ms of CPU the first time; a
     * short program must not pay it in Loop.open. With the registration put off for good, opening,
     * running and closing a loop leaves its MBean unregistered, and closing cancels what was due.
     */
    @Test
    void openingALoopDoesNotRegisterItsMBeanOnTheWayAndClosingCancelsTheRegistration() throws Exception {
        long delay = LoopManagement.delayMillis;
        LoopManagement.delayMillis = Long.MAX_VALUE / 2;
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.asyncio4j:type=Loop,name=\"not-yet\"");
            LoopManagement management;
            try (Loop loop = Loop.open(LoopOptions.defaults().name("not-yet"))) {
                management = loop.management;
                assertThat(loop.run(() -> "ran")).isEqualTo("ran");
                assertThat(server.isRegistered(name)).isFalse();
                assertThat(management.isPending()).isTrue();
            }
            assertThat(management.isPending()).isFalse();
            management.registerNow(); // a registration running late, after the close, does nothing
            assertThat(server.isRegistered(name)).isFalse();
        } finally {
            LoopManagement.delayMillis = delay;
        }
    }

    @Test
    void jfrRecordsSlowTasksAndTaskEnds() throws Exception {
        Path file = Files.createTempFile("asyncio4j", ".jfr");
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        try (Recording recording = new Recording()) {
            recording.enable("io.asyncio4j.SlowTask");
            recording.enable("io.asyncio4j.Task");
            recording.start();
            LoopOptions options = LoopOptions.defaults()
                    .debug(true)
                    .slowCallbackDuration(Duration.ofMillis(20))
                    .exceptionHandler(errors::add);
            try (Stalls stalls = new Stalls();
                    Loop loop = Loop.open(options)) {
                loop.run(() -> {
                    Asyncio.createTask("hog", stalls::spinUntilOne).await();
                    return null;
                });
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);
        assertThat(errors)
                .anySatisfy(e -> assertThat(e.message()).contains("hog").contains("held loop"));
        assertThat(events)
                .anySatisfy(e -> {
                    assertThat(e.getEventType().getName()).isEqualTo("io.asyncio4j.SlowTask");
                    assertThat(e.getString("task")).contains("hog");
                })
                .anySatisfy(e -> {
                    assertThat(e.getEventType().getName()).isEqualTo("io.asyncio4j.Task");
                    assertThat(e.getString("task")).isEqualTo("hog");
                    assertThat(e.getString("outcome")).isEqualTo("result");
                });
    }
}
