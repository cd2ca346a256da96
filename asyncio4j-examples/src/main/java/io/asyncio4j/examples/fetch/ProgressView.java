package io.asyncio4j.examples.fetch;

import io.asyncio4j.Asyncio;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * How {@code aio fetch} shows progress: live bars redrawn in place on a terminal ({@link Live}), or
 * one plain line per event when the output is a file or a pipe ({@link Lines}). Loop thread only.
 */
sealed interface ProgressView permits ProgressView.Lines, ProgressView.Live {
    /** {@code d} changed state (started, done, failed). */
    void changed(Download d);

    /** Time passed: redraw, if this view draws. May suspend. */
    void tick(long now) throws Exception;

    /** The last frame, before the summary. May suspend. */
    void finish(long now) throws Exception;

    /** Plain lines, for logs and pipes: each start, end and failure once, nothing redrawn. */
    record Lines(PrintStream out) implements ProgressView {
        @Override
        public void changed(Download d) {
            out.println(Bars.event(d));
        }

        @Override
        public void tick(long now) {}

        @Override
        public void finish(long now) {}
    }

    /**
     * Bars on a terminal, one per file and a total, redrawn in place with JLine's {@link Display}
     * (which sends only what changed, in the terminal's own control sequences).
     */
    final class Live implements ProgressView {
        /*
         * The terminal's size comes from an ioctl or, without a native provider, from running
         * `stty`: a blocking call of milliseconds. So it is read on a worker thread (toThread), at
         * the start and after each SIGWINCH, never on the loop at every frame.
         */
        private final Terminal terminal;
        private final Display display;
        private final List<Download> downloads;
        private final long startedAt;
        private final int nameWidth;
        /** Set by the signal thread when the window changed; read by the loop. */
        private volatile boolean resized = true;

        /** The size last measured; loop thread (and the worker it waits for). */
        private Size size = Size.of(80, 24);

        Live(Terminal terminal, List<Download> downloads, long startedAt) {
            this.terminal = terminal;
            this.display = new Display(terminal, false);
            this.downloads = downloads;
            this.startedAt = startedAt;
            int longest =
                    downloads.stream().mapToInt(d -> d.name.length()).max().orElse(8);
            this.nameWidth = Math.max(12, Math.min(30, longest));
            terminal.handle(Terminal.Signal.WINCH, signal -> resized = true);
        }

        @Override
        public void changed(Download d) {}

        @Override
        public void tick(long now) throws Exception {
            if (resized) {
                resized = false;
                // Display.resize reads the terminal's buffer size too: on the worker thread as well.
                size = Asyncio.toThread(() -> {
                    Size measured = terminal.getSize();
                    Size usable = measured.getColumns() > 0 && measured.getRows() > 0 ? measured : size;
                    display.resize(usable);
                    return usable;
                });
            }
            int columns = size.getColumns();
            int rows = size.getRows();
            List<String> text = new ArrayList<>();
            // On a short terminal the running files come first: finished ones are in the summary.
            List<Download> shown = new ArrayList<>();
            downloads.stream().filter(d -> d.state == Download.State.RUNNING).forEach(shown::add);
            downloads.stream().filter(d -> d.state != Download.State.RUNNING).forEach(shown::add);
            for (Download d : shown.subList(0, Math.min(shown.size(), Math.max(0, rows - 2)))) {
                text.add(Bars.line(d, now, nameWidth));
            }
            text.add(Bars.totalLine(downloads, startedAt, now, nameWidth));
            List<AttributedString> lines = new ArrayList<>();
            for (String t : text) {
                // one column short of the width: a full line would wrap on some terminals
                lines.add(new AttributedString(t.length() < columns ? t : t.substring(0, columns - 1)));
            }
            AttributedString last = lines.getLast();
            display.update(lines, size.cursorPos(lines.size() - 1, last.columnLength()));
            terminal.flush();
        }

        @Override
        public void finish(long now) throws Exception {
            tick(now);
            terminal.writer().println();
            terminal.flush();
        }
    }
}
