package io.asyncio4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU time of a running process tree, read from Linux's {@code /proc/<pid>/stat}: how the
 * harness measures a server's cost over the load generator's measured window (BENCH.md W4).
 *
 * <p>A process's {@code stat} line counts all its threads, dead ones included: field 14 ({@code
 * utime}) and field 15 ({@code stime}), in clock ticks of {@link #TICKS_PER_SECOND}. The harness
 * runs a server as {@code /usr/bin/time -v taskset -c 1 java ...}; {@code taskset} execs the server,
 * which is then the child of {@code time}. Rather than guess which process of the tree is the
 * server, {@link #cpuSeconds(ProcessHandle)} adds up the whole tree: the wrappers only wait and
 * cost nothing measurable. The children's cumulative fields (16 and 17) are not used: they count
 * only children that have ended and been waited for, which a running server's are not.
 */
final class ProcStat {
    private ProcStat() {}

    /**
     * {@code USER_HZ}, the unit of the times in {@code /proc/<pid>/stat}: 100 on every Linux
     * architecture the JDK runs on (the kernel converts from its own tick rate before reporting).
     */
    static final int TICKS_PER_SECOND = 100;

    /** Whether {@code /proc/<pid>/stat} can be read here (Linux). */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /**
     * The user plus system clock ticks of one {@code stat} line.
     *
     * @throws IllegalArgumentException if the line is not a {@code stat} line
     */
    static long ticks(String statLine) {
        // Field 2, the command name, is in parentheses and may itself hold spaces and parentheses:
        // the fields after it start after the last ')'.
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: '" + statLine + "'");
        }
        String[] rest = statLine.substring(close + 1).strip().split("\\s+");
        // rest[0] is field 3 (state), so field n is rest[n - 3].
        if (rest.length < 13) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line too short: '" + statLine + "'");
        }
        try {
            return Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no utime and stime in: '" + statLine + "'", e);
        }
    }

    /**
     * The CPU seconds (user plus system, all threads) used so far by {@code root} and every live
     * descendant; a descendant that ends while being read counts as zero. NaN when {@code root}'s
     * {@code stat} cannot be read (not Linux, or {@code root} has ended).
     */
    static double cpuSeconds(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        long ticks;
        try {
            ticks = ticks(read(root));
        } catch (IOException | IllegalArgumentException e) {
            return Double.NaN;
        }
        for (ProcessHandle p : descendants) {
            try {
                ticks += ticks(read(p));
            } catch (NoSuchFileException gone) {
                // ended between listing and reading
            } catch (IOException | IllegalArgumentException e) {
                return Double.NaN;
            }
        }
        return (double) ticks / TICKS_PER_SECOND;
    }

    /**
     * The resident memory, in KB, of {@code root} and every live descendant ({@code VmRSS} of
     * {@code /proc/<pid>/status}), or -1 when {@code root}'s cannot be read. The wrappers ({@code
     * time}) add a constant megabyte or two, which a difference of two readings cancels.
     */
    static long rssKb(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        long kb;
        try {
            kb = vmRssKb(Files.readAllLines(status(root), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
        for (ProcessHandle p : descendants) {
            try {
                kb += vmRssKb(Files.readAllLines(status(p), StandardCharsets.UTF_8));
            } catch (NoSuchFileException gone) {
                // ended between listing and reading
            } catch (IOException | IllegalArgumentException e) {
                return -1;
            }
        }
        return kb;
    }

    /**
     * The {@code VmRSS} of the lines of a {@code /proc/<pid>/status} file, in KB; 0 for a process
     * that has none (a zombie).
     *
     * @throws IllegalArgumentException if the line is there but not a number of KB
     */
    static long vmRssKb(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] words = line.substring("VmRSS:".length()).strip().split("\\s+");
                if (words.length != 2 || !words[1].equals("kB")) {
                    throw new IllegalArgumentException("not a VmRSS line: '" + line + "'");
                }
                try {
                    return Long.parseLong(words[0]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a VmRSS line: '" + line + "'", e);
                }
            }
        }
        return 0;
    }

    private static Path status(ProcessHandle p) {
        return Path.of("/proc", Long.toString(p.pid()), "status");
    }

    private static String read(ProcessHandle p) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"), StandardCharsets.UTF_8);
    }
}
