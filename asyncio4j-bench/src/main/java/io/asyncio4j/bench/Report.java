package io.asyncio4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of medians and ratios: one row per workload case and figure, one column per peer. A
 * peer's cell is its median and, in parentheses, how many times better asyncio4j is ({@link
 * Stats#ratio}: above 1 asyncio4j wins); {@value #NOT_APPLICABLE} when the peer has no program for
 * the case, the case is not for it or its program does not report that figure (classes loaded
 * outside a JVM), {@value #NO_RESULT} when no run of it succeeded. In a default-flags row the peers
 * that take no JVM flags show their figure of the tuned row ({@link #median}). Rendered as aligned
 * text for the terminal and as Markdown for {@code bench/results/latest.md}.
 */
final class Report {
    /** The cell of a peer that does not run a case. */
    static final String NOT_APPLICABLE = "n/a";

    /** The cell of a peer none of whose runs succeeded. */
    static final String NO_RESULT = "—";

    private final List<Workload> cases;
    private final List<Peer> peers;
    private final Medians medians;

    /**
     * @param cases the workload cases, in table order
     * @param peers the columns; asyncio4j first
     * @param medians the session's medians
     */
    Report(List<Workload> cases, List<Peer> peers, Medians medians) {
        this.cases = List.copyOf(cases);
        this.peers = List.copyOf(peers);
        this.medians = medians;
    }

    /** Header and rows of cells. */
    List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("workload", "figure"));
        for (Peer p : peers) {
            header.add(p.label());
        }
        header.add("asyncio4j goal");
        rows.add(header);
        for (Workload w : cases) {
            for (Figure f : w.figures()) {
                List<String> row = new ArrayList<>(List.of(w.label(), f.label()));
                double own = medians.get(w.key(), Peer.ASYNCIO4J, f.name());
                for (Peer p : peers) {
                    double v = median(w, p, f, medians);
                    if (!runs(p, w)) {
                        row.add(NOT_APPLICABLE);
                    } else if (Double.isNaN(v)) {
                        row.add(medians.has(measuredKey(w, p), p.name()) ? NOT_APPLICABLE : NO_RESULT);
                    } else if (p.isAsyncio4j()) {
                        row.add(number(v));
                    } else {
                        double r = Stats.ratio(own, v, f.lowerIsBetter());
                        row.add(number(v) + (Double.isNaN(r) ? "" : " (" + ratio(r) + ")"));
                    }
                }
                row.add(goal(f, own));
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Whether {@code p} has a cell in case {@code w}'s rows: the case is for it and it has a program
     * for it; in a default-flags row, a peer without JVM flags has its tuned row's cell.
     */
    static boolean runs(Peer p, Workload w) {
        return (w.runsFor(p) || w.defaultFlags() && !p.jvm()) && p.command().apply(w) != null;
    }

    /** The case whose runs give {@code p}'s cells in {@code w}'s rows. */
    static String measuredKey(Workload w, Peer p) {
        return w.defaultFlags() && !p.jvm() ? w.tunedKey() : w.key();
    }

    /**
     * {@code p}'s median of figure {@code f} in case {@code w}, or NaN: in a default-flags case, a
     * peer that takes no JVM flags (CPython, Node.js) ran the same program only once, in the tuned
     * case of the same session, and that is its figure here too.
     */
    static double median(Workload w, Peer p, Figure f, Medians medians) {
        return medians.get(measuredKey(w, p), p.name(), f.name());
    }

    private static String goal(Figure f, double own) {
        if (!f.hasGoal()) {
            return "";
        }
        String target = (f.lowerIsBetter() ? "≤ " : "≥ ") + number(f.goal());
        if (Double.isNaN(own)) {
            return target;
        }
        return target + (f.meetsGoal(own) ? " met" : " MISSED");
    }

    /** Aligned plain-ASCII text for the terminal (whose encoding may not be UTF-8). */
    String text() {
        List<List<String>> rows = rows().stream()
                .map(row -> row.stream().map(Report::ascii).toList())
                .toList();
        int columns = rows.getFirst().size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                line.append(c < 2 ? pad(cell, width[c]) : padLeft(cell, width[c]));
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                out.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
            }
        }
        return out.toString();
    }

    /** A Markdown table. */
    String markdown() {
        List<List<String>> rows = rows();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            out.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                out.append("|---|---|");
                out.append("---:|".repeat(rows.get(i).size() - 2));
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Three significant digits without an exponent, as the tables show medians. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A ratio such as {@code 2.4×} or {@code 15×}. */
    static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.2f×", r);
    }

    static String ascii(String s) {
        return s.replace("×", "x")
                .replace("—", "-")
                .replace("µ", "u")
                .replace("≤", "<=")
                .replace("≥", ">=");
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
