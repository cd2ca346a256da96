package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.lowlevel.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** The stall detector its initialiser waits for; set before the class is first used. */
    private static volatile Stalls stallsForInitialiser;

    /** A class whose static initialiser holds its thread until the watchdog has reported a stall. */
    private static final class SlowToInitialise {
        static final int VALUE;

        static {
            stallsForInitialiser.spinUntilOne();
            VALUE = 42;
        }
    }

    @Test
    void aClassInitialiserHoldingTheLoopIsNamedWithTheWayOut() throws Exception {
        List<Loop.ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
        LoopOptions options = LoopOptions.defaults()
                .debug(true)
                .slowCallbackDuration(Duration.ofMillis(50))
                .exceptionHandler(errors::add);
        try (Stalls stalls = new Stalls();
                Loop loop = Loop.open(options)) {
            stallsForInitialiser = stalls;
            int value = loop.run(() -> Asyncio.createTask("initialiser", () -> SlowToInitialise.VALUE)
                    .await());
            assertThat(value).isEqualTo(42);
        }
        Loop.ErrorContext slow = errors.stream()
                .filter(e -> e.message().contains("held loop"))
                .findFirst()
                .orElseThrow();
        assertThat(slow.message())
                .startsWith("Task[initialiser")
                .contains("it is initialising class io.asyncio4j.DebugModeTest$SlowToInitialise")
                .contains("use the class once before the loop runs, or the first time in Asyncio.toThread");
        assertThat(slow.exception().getStackTrace())
                .anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("<clinit>"));
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
        assertThat(dump).contains("in Asyncio.sleep").contains("at io.asyncio4j.DebugModeTest.lambda$");
        String childLine =
                dump.lines().filter(l -> l.contains("child [")).findFirst().orElseThrow();
        String parentLine =
                dump.lines().filter(l -> l.contains("parent [")).findFirst().orElseThrow();
        assertThat(childLine.indexOf("child")).isGreaterThan(parentLine.indexOf("parent"));
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
