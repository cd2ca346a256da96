package io.asyncio4j.examples.demo;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The demo's terminal: permanent lines that scroll up, and below them a live area that is redrawn
 * in place (progress bars, tickers) with ANSI escapes. Without a terminal, or with {@code CI=true},
 * it prints plain text: the permanent lines, and each live area once, in its final state.
 *
 * <p>A renderer task ({@link #startRenderer}) redraws the live area every few tens of milliseconds.
 * It is an ordinary task of the demo's loop, so it also shows whether the loop is free: when
 * something holds the loop's thread, the screen freezes.
 *
 * <p>Loop thread only: every method is called from the demo's tasks, so nothing here is
 * synchronised.
 */
public final class Screen implements AutoCloseable {
    private static final String CSI = "\u001b[";

    private final PrintStream out;
    private final boolean live;
    private final boolean unicode;
    private final int width;
    private final List<String> pending = new ArrayList<>();
    private Supplier<List<String>> liveLines;
    /** How many live lines are on the screen now, below the permanent ones. */
    private int drawn;

    private Screen(PrintStream out, boolean live, boolean unicode, int width) {
        this.out = out;
        this.live = live;
        this.unicode = unicode;
        this.width = width;
    }

    /**
     * The screen for this process: live when standard output is a terminal, {@code TERM} is not
     * {@code dumb}, {@code CI} is not {@code true} and {@code forcePlain} is false; Unicode when the
     * locale says UTF-8.
     */
    public static Screen forThisProcess(Map<String, String> env, boolean forcePlain) {
        boolean unicode = localeIsUtf8(env);
        boolean live = !forcePlain
                && !"true".equalsIgnoreCase(env.getOrDefault("CI", ""))
                && !"dumb".equals(env.getOrDefault("TERM", "dumb"))
                && isTerminal();
        Charset charset = unicode ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII;
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, charset);
        int width = 80;
        try {
            width = Math.max(
                    40, Integer.parseInt(env.getOrDefault("COLUMNS", "80").trim()));
        } catch (NumberFormatException e) {
            // keep 80
        }
        Screen screen = new Screen(out, live, unicode, width);
        if (live) {
            out.print(CSI + "?25l"); // hide the cursor while drawing
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.print(CSI + "0m" + CSI + "?25h");
                out.flush();
            }));
        }
        return screen;
    }

    /** A plain screen printing to {@code out} (for tests). */
    public static Screen plain(PrintStream out, boolean unicode) {
        return new Screen(out, false, unicode, 80);
    }

    private static boolean localeIsUtf8(Map<String, String> env) {
        for (String name : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            String value = env.getOrDefault(name, "");
            if (!value.isEmpty()) {
                String v = value.toUpperCase(Locale.ROOT);
                return v.contains("UTF-8") || v.contains("UTF8");
            }
        }
        return false;
    }

    /**
     * Whether standard input and output are a terminal. {@code System.console()} is null without one
     * up to JDK 21; from JDK 22 it always exists and {@code Console.isTerminal()} answers.
     */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    /** Whether lines are redrawn in place. */
    public boolean isLive() {
        return live;
    }

    // ---- output ----

    /** Prints a permanent line above the live area. */
    public void println(String line) {
        if (live) {
            pending.add(line);
            draw();
        } else {
            out.println(strip(line));
            out.flush();
        }
    }

    /** Prints an empty permanent line. */
    public void println() {
        println("");
    }

    /** Shows {@code lines} in the live area, recomputed at every redraw, until {@link #done()}. */
    public void show(Supplier<List<String>> lines) {
        liveLines = lines;
        draw();
    }

    /** Draws the live area a last time and leaves it on the screen as permanent lines. */
    public void done() {
        if (liveLines == null) {
            return;
        }
        if (live) {
            draw();
            drawn = 0;
        } else {
            for (String line : liveLines.get()) {
                out.println(strip(line));
            }
            out.flush();
        }
        liveLines = null;
    }

    /** Redraws the live area (and prints pending permanent lines). Does nothing on a plain screen. */
    public void draw() {
        if (!live) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append(CSI).append(drawn).append('F'); // to the start of the first live line
        }
        for (String line : pending) {
            sb.append(CSI).append("2K").append(line).append(CSI).append("0m\n");
        }
        pending.clear();
        List<String> lines = liveLines == null ? List.of() : liveLines.get();
        for (String line : lines) {
            sb.append(CSI).append("2K").append(fit(line)).append(CSI).append("0m\n");
        }
        sb.append(CSI).append('J'); // clear what a taller live area left below
        drawn = lines.size();
        out.print(sb);
        out.flush();
    }

    /** Starts the task that redraws the live area every {@code period}. */
    public Task<Void> startRenderer(Duration period) {
        return Asyncio.createTask("screen-renderer", () -> {
            while (true) {
                draw();
                Asyncio.sleep(period);
            }
        });
    }

    /** Prints what is pending and shows the cursor again. */
    @Override
    public void close() {
        done();
        if (live) {
            draw();
            out.print(CSI + "0m" + CSI + "?25h");
        }
        out.flush();
    }

    // ---- styles: ANSI on a live screen, plain text otherwise ----

    /** Bold. */
    public String bold(String s) {
        return style("1", s);
    }

    /** Dim: explanations. */
    public String dim(String s) {
        return style("2", s);
    }

    /** Green: success. */
    public String green(String s) {
        return style("32", s);
    }

    /** Red: failure. */
    public String red(String s) {
        return style("31", s);
    }

    /** Yellow: in progress, cancelled. */
    public String yellow(String s) {
        return style("33", s);
    }

    /** Cyan: headings. */
    public String cyan(String s) {
        return style("36", s);
    }

    private String style(String code, String s) {
        return live ? CSI + code + "m" + s + CSI + "0m" : s;
    }

    /** ✔, or "ok" without Unicode. */
    public String tick() {
        return green(unicode ? "✔" : "ok");
    }

    /** ✘, or "FAILED" without Unicode. */
    public String cross() {
        return red(unicode ? "✘" : "FAILED");
    }

    /** ⊘, or "cancelled" without Unicode. */
    public String cancelled() {
        return yellow(unicode ? "⊘" : "cancelled");
    }

    /** "×", or "x" without Unicode. */
    public String times() {
        return unicode ? "×" : "x";
    }

    /** A spinner frame for loop time {@code nanos}. */
    public String spinner(long nanos) {
        String frames = unicode ? "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏" : "|/-\\";
        int i = (int) ((nanos / 80_000_000L) % frames.length());
        return frames.substring(i, i + 1);
    }

    /** A progress bar {@code cells} wide, filled to {@code fraction} (0 to 1). */
    public String bar(double fraction, int cells) {
        double f = Math.max(0, Math.min(1, fraction));
        StringBuilder sb = new StringBuilder();
        if (unicode) {
            int eighths = (int) Math.round(f * cells * 8);
            int full = eighths / 8;
            sb.append("█".repeat(full));
            if (full < cells) {
                int part = eighths % 8;
                sb.append(part == 0 ? " " : " ▏▎▍▌▋▊▉".substring(part, part + 1));
                sb.append(" ".repeat(cells - full - 1));
            }
            return live ? CSI + "32;48;5;236m" + sb + CSI + "0m" : "|" + sb + "|";
        }
        int full = (int) Math.round(f * cells);
        return "[" + "#".repeat(full) + ".".repeat(cells - full) + "]";
    }

    // ---- text measuring ----

    /** {@code s} without ANSI escapes. */
    static String strip(String s) {
        return s.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
    }

    /** Cuts {@code s} to the screen width (escapes do not count), so a line never wraps. */
    private String fit(String s) {
        int max = width - 1;
        if (strip(s).length() <= max) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int visible = 0;
        for (int i = 0; i < s.length() && visible < max; i++) {
            char c = s.charAt(i);
            if (c == '\u001b') {
                int end = i + 1;
                while (end < s.length() && !Character.isLetter(s.charAt(end))) {
                    end++;
                }
                sb.append(s, i, Math.min(end + 1, s.length()));
                i = end;
            } else {
                sb.append(c);
                visible++;
            }
        }
        return sb.toString();
    }
}
