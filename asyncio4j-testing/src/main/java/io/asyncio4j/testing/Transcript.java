package io.asyncio4j.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * A log of events for tests that read as transcripts: tasks {@link #record} what happens, and the
 * test asserts the whole sequence at once, as Trio's and OkHttp's tests do. A failure shows a line
 * diff of the expected and the recorded events (and hands both to the IDE as expected and actual).
 *
 * {@snippet :
 * @AsyncioTest
 * void theLockIsFair() throws Exception {
 *     Transcript log = new Transcript();
 *     Lock lock = new Lock();
 *     List<Task<Void>> tasks = new ArrayList<>();
 *     for (String name : List.of("a", "b", "c")) {
 *         tasks.add(Asyncio.createTask(name, () -> lock.withLock(() -> {
 *             log.record(name + " holds the lock");
 *             Asyncio.sleep(Duration.ofSeconds(1));
 *             return null;
 *         })));
 *     }
 *     Asyncio.gather(tasks);
 *     log.assertEquals("a holds the lock", "b holds the lock", "c holds the lock");
 * }
 * }
 *
 * <p>A failure reads:
 *
 * <pre>
 * the transcript differs from the expected one (- expected only, + recorded only):
 *     a holds the lock
 *   - b holds the lock
 *     c holds the lock
 *   + b holds the lock
 * </pre>
 *
 * <p>Thread-safe: tasks of any loop and plain threads may record into one transcript; the order is
 * the order in which the calls took the transcript's lock.
 */
public final class Transcript {
    /** Above this many cells the diff stops looking for common lines and lists both sides whole. */
    private static final long MAX_DIFF_CELLS = 4_000_000;

    private final List<String> events = new ArrayList<>(); // guarded by this

    /** An empty transcript. */
    public Transcript() {}

    /** Appends {@code event}. */
    public synchronized void record(String event) {
        events.add(Objects.requireNonNull(event, "event"));
    }

    /** The events recorded so far, in order: a copy. */
    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Returns the events recorded so far and forgets them: for asserting a test step by step. */
    public synchronized List<String> take() {
        List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    /** Forgets every event recorded so far. */
    public synchronized void clear() {
        events.clear();
    }

    /**
     * Asserts that exactly {@code expected} was recorded, in this order.
     *
     * @throws AssertionFailedError with a line diff when not
     */
    public void assertEquals(String... expected) {
        assertEquals(Arrays.asList(expected));
    }

    /**
     * Asserts that exactly {@code expected} was recorded, in this order.
     *
     * @throws AssertionFailedError with a line diff when not
     */
    public void assertEquals(List<String> expected) {
        List<String> actual = events();
        if (!actual.equals(expected)) {
            throw new AssertionFailedError(
                    "the transcript differs from the expected one (- expected only, + recorded only):\n"
                            + diff(expected, actual),
                    String.join("\n", expected),
                    String.join("\n", actual));
        }
    }

    /**
     * Asserts that {@code expected} was recorded in this order, possibly with other events between
     * them: for transcripts where unrelated events interleave.
     *
     * @throws AssertionFailedError naming the first expected event not found, with the transcript
     */
    public void assertContainsInOrder(String... expected) {
        List<String> actual = events();
        int at = 0;
        for (int i = 0; i < expected.length; i++) {
            int found = actual.subList(at, actual.size()).indexOf(expected[i]);
            if (found < 0) {
                StringBuilder message = new StringBuilder("the transcript lacks \"")
                        .append(expected[i])
                        .append('"')
                        .append(i == 0 ? "" : " after \"" + expected[i - 1] + "\" (event " + (at - 1) + ")")
                        .append("; recorded:\n");
                for (int j = 0; j < actual.size(); j++) {
                    message.append(j < at ? "  = " : "    ")
                            .append(actual.get(j))
                            .append('\n');
                }
                throw new AssertionFailedError(
                        message.toString(), String.join("\n", expected), String.join("\n", actual));
            }
            at += found + 1;
        }
    }

    /** The recorded events, one per line. */
    @Override
    public synchronized String toString() {
        return String.join("\n", events);
    }

    /**
     * A line diff: common lines indented by four spaces, lines only expected by {@code "  - "}, lines
     * only recorded by {@code "  + "}; a longest common subsequence keeps the common lines aligned.
     */
    static String diff(List<String> expected, List<String> actual) {
        int prefix = 0;
        while (prefix < expected.size()
                && prefix < actual.size()
                && expected.get(prefix).equals(actual.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < expected.size() - prefix
                && suffix < actual.size() - prefix
                && expected.get(expected.size() - 1 - suffix).equals(actual.get(actual.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> a = expected.subList(prefix, expected.size() - suffix);
        List<String> b = actual.subList(prefix, actual.size() - suffix);
        StringBuilder out = new StringBuilder();
        expected.subList(0, prefix)
                .forEach(line -> out.append("    ").append(line).append('\n'));
        if ((long) a.size() * b.size() > MAX_DIFF_CELLS) {
            a.forEach(line -> out.append("  - ").append(line).append('\n'));
            b.forEach(line -> out.append("  + ").append(line).append('\n'));
        } else {
            // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..]
            int[][] lcs = new int[a.size() + 1][b.size() + 1];
            for (int i = a.size() - 1; i >= 0; i--) {
                for (int j = b.size() - 1; j >= 0; j--) {
                    lcs[i][j] =
                            a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < a.size() || j < b.size()) {
                if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                    out.append("    ").append(a.get(i++)).append('\n');
                    j++;
                } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    out.append("  - ").append(a.get(i++)).append('\n');
                } else {
                    out.append("  + ").append(b.get(j++)).append('\n');
                }
            }
        }
        expected.subList(expected.size() - suffix, expected.size())
                .forEach(line -> out.append("    ").append(line).append('\n'));
        out.append("(expected ")
                .append(expected.size())
                .append(expected.size() == 1 ? " event, recorded " : " events, recorded ")
                .append(actual.size())
                .append(')');
        return out.toString();
    }
}
