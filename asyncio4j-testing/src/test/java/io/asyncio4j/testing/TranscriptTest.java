package io.asyncio4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Lock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TranscriptTest {
    /** The example of {@link Transcript}'s Javadoc. */
    @AsyncioTest
    void theLockIsFair() throws Exception {
        Transcript log = new Transcript();
        Lock lock = new Lock();
        List<Task<Void>> tasks = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            tasks.add(Asyncio.createTask(
                    name,
                    () -> lock.withLock(() -> {
                        log.record(name + " holds the lock");
                        Asyncio.sleep(Duration.ofSeconds(1));
                        return null;
                    })));
        }
        Asyncio.gather(tasks);
        log.assertEquals("a holds the lock", "b holds the lock", "c holds the lock");
    }

    @Test
    void theFailureOfTheJavadocReadsAsShown() {
        Transcript log = new Transcript();
        log.record("a holds the lock");
        log.record("c holds the lock");
        log.record("b holds the lock");
        assertThatThrownBy(() -> log.assertEquals("a holds the lock", "b holds the lock", "c holds the lock"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""
                        the transcript differs from the expected one (- expected only, + recorded only):
                            a holds the lock
                          - b holds the lock
                            c holds the lock
                          + b holds the lock
                        (expected 3 events, recorded 3)""");
    }

    @Test
    void aMatchingTranscriptPasses() {
        Transcript log = new Transcript();
        log.assertEquals();
        log.record("one");
        log.record("two");
        log.assertEquals("one", "two");
        log.assertEquals(List.of("one", "two"));
        assertThat(log.events()).containsExactly("one", "two");
        assertThat(log).hasToString("one\ntwo");
    }

    @Test
    void theDiffKeepsCommonLinesAlignedAroundMissingAndExtraEvents() {
        Transcript log = new Transcript();
        List.of("start", "a woke", "extra", "b woke", "c woke", "end").forEach(log::record);
        AssertionFailedError failure = (AssertionFailedError)
                catchFailure(() -> log.assertEquals("start", "a woke", "b woke", "d woke", "end"));
        assertThat(failure.getMessage()).isEqualTo("""
                        the transcript differs from the expected one (- expected only, + recorded only):
                            start
                            a woke
                          + extra
                            b woke
                          - d woke
                          + c woke
                            end
                        (expected 5 events, recorded 6)""");
        assertThat(failure.getExpected().getStringRepresentation()).isEqualTo("start\na woke\nb woke\nd woke\nend");
        assertThat(failure.getActual().getStringRepresentation())
                .isEqualTo("start\na woke\nextra\nb woke\nc woke\nend");
    }

    @Test
    void anEmptyTranscriptShowsEveryExpectedEventAsMissing() {
        Transcript log = new Transcript();
        assertThatThrownBy(() -> log.assertEquals("x")).hasMessage("""
                        the transcript differs from the expected one (- expected only, + recorded only):
                          - x
                        (expected 1 event, recorded 0)""");
    }

    @Test
    void containsInOrderAllowsOtherEventsBetween() {
        Transcript log = new Transcript();
        List.of("a", "noise", "b", "noise", "c").forEach(log::record);
        log.assertContainsInOrder("a", "b", "c");
        log.assertContainsInOrder("noise", "noise");
        assertThatThrownBy(() -> log.assertContainsInOrder("b", "a"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""
                        the transcript lacks "a" after "b" (event 2); recorded:
                          = a
                          = noise
                          = b
                            noise
                            c
                        """);
    }

    @Test
    void takeReturnsTheEventsAndForgetsThem() {
        Transcript log = new Transcript();
        log.record("first step");
        assertThat(log.take()).containsExactly("first step");
        log.record("second step");
        log.assertEquals("second step");
        log.clear();
        log.assertEquals();
    }

    @Test
    void threadsRecordConcurrentlyWithoutLosingOrReorderingTheirOwnEvents() throws Exception {
        Transcript log = new Transcript();
        int threads = 4;
        int each = 2_000;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "t" + t;
            started.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    log.record(name + " " + i);
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        List<String> events = log.events();
        assertThat(events).hasSize(threads * each);
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + " ";
            List<String> own = events.stream().filter(e -> e.startsWith(prefix)).toList();
            assertThat(own).hasSize(each);
            for (int i = 0; i < each; i++) {
                assertThat(own.get(i)).isEqualTo(prefix + i);
            }
        }
    }

    @Test
    void aHugeMismatchIsListedWholeInsteadOfDiffed() {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            expected.add("e" + i);
            actual.add("a" + i);
        }
        String diff = Transcript.diff(expected, actual);
        assertThat(diff.lines().filter(l -> l.startsWith("  - "))).hasSize(3000);
        assertThat(diff.lines().filter(l -> l.startsWith("  + "))).hasSize(3000);
    }

    private static Throwable catchFailure(Runnable r) {
        try {
            r.run();
        } catch (AssertionError e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
