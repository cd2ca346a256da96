package io.asyncio4j.examples.fetch;

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

    /** Time passed: redraw, if this view draws. */
    void tick(long now);

    /** The last frame, before the summary. */
    void finish(long now);

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
        private final Terminal terminal;
        private final Display display;
        private final List<Download> downloads;
        private final long startedAt;
        private final int nameWidth;

        Live(Terminal terminal, List<Download> downloads, long startedAt) {
            this.terminal = terminal;
            this.display = new Display(terminal, false);
            this.downloads = downloads;
            this.startedAt = startedAt;
            int longest =
                    downloads.stream().mapToInt(d -> d.name.length()).max().orElse(8);
            this.nameWidth = Math.max(12, Math.min(30, longest));
        }

        @Override
        public void changed(Download d) {}

        @Override
        public void tick(long now) {
            Size size = terminal.getSize();
            int columns = size.getColumns() > 0 ? size.getColumns() : 80;
            int rows = size.getRows() > 0 ? size.getRows() : 24;
            display.resize(Size.of(columns, rows));
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
        public void finish(long now) {
            tick(now);
            terminal.writer().println();
            terminal.flush();
        }
    }
}
