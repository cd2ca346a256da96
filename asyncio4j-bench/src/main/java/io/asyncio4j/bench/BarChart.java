package io.asyncio4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code docs/bench.svg}: a horizontal bar chart of how many times better asyncio4j is than each
 * peer, per workload case and figure, on a log scale with a line at 1× (parity). Generated from
 * the session's medians; no number in it is typed by hand.
 */
final class BarChart {
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"};
    private static final int WIDTH = 960;
    private static final int LABEL = 250;
    private static final int RIGHT = 70;
    private static final int BAR = 14;
    private static final int GAP = 12;
    private static final int TOP = 78;

    private BarChart() {}

    /** One bar. */
    record Bar(String peer, double ratio) {}

    /** One group of bars: a workload case and figure. */
    record Group(String label, List<Bar> bars) {}

    /** The groups of a session: one per case and figure that has at least one ratio. */
    static List<Group> groups(List<Workload> cases, List<Peer> peers, Medians medians) {
        List<Group> groups = new ArrayList<>();
        for (Workload w : cases) {
            for (Figure f : w.figures()) {
                double own = medians.get(w.key(), Peer.ASYNCIO4J, f.name());
                List<Bar> bars = new ArrayList<>();
                for (Peer p : peers) {
                    if (p.isAsyncio4j()) {
                        continue;
                    }
                    double r = Stats.ratio(own, Report.median(w, p, f, medians), f.lowerIsBetter());
                    if (!Double.isNaN(r)) {
                        bars.add(new Bar(p.label(), r));
                    }
                }
                if (!bars.isEmpty()) {
                    groups.add(new Group(w.key() + " " + f.label(), bars));
                }
            }
        }
        return groups;
    }

    /**
     * The SVG document.
     *
     * @param title the first line
     * @param subtitle the second line (date, machine, command)
     * @param peerOrder the peers' labels, for the legend and the colours
     */
    static String svg(String title, String subtitle, List<String> peerOrder, List<Group> groups) {
        double min = 1;
        double max = 1;
        for (Group g : groups) {
            for (Bar b : g.bars()) {
                min = Math.min(min, b.ratio());
                max = Math.max(max, b.ratio());
            }
        }
        // Whole decades around the data, so the grid lines read 0.1×, 1×, 10×, 100×.
        double lo = Math.floor(Math.log10(min) + 1e-9);
        double hi = Math.ceil(Math.log10(max) - 1e-9);
        if (hi - lo < 1) {
            hi = lo + 1;
        }
        int plot = WIDTH - LABEL - RIGHT;
        int height = TOP + 20;
        for (Group g : groups) {
            height += g.bars().size() * BAR + GAP;
        }
        height += 30;

        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                height,
                WIDTH,
                height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height));
        s.append(text(10, 22, escape(title), "font-size=\"16\" font-weight=\"bold\""));
        s.append(text(10, 42, escape(subtitle), "fill=\"#555555\""));
        // legend
        int x = 10;
        for (int i = 0; i < peerOrder.size(); i++) {
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"54\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    x,
                    COLOURS[i % COLOURS.length]));
            s.append(text(x + 16, 65, escape(peerOrder.get(i)), ""));
            x += 24 + 7 * peerOrder.get(i).length();
        }
        int plotTop = TOP;
        int plotBottom = height - 30;
        // decade grid
        for (int d = (int) lo; d <= (int) hi; d++) {
            double gx = LABEL + plot * (d - lo) / (hi - lo);
            String colour = d == 0 ? "#000000" : "#dddddd";
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n",
                    gx,
                    plotTop,
                    gx,
                    plotBottom,
                    colour));
            s.append(text((int) Math.round(gx), plotBottom + 16, decade(d), "text-anchor=\"middle\""));
        }
        s.append(text(
                LABEL + plot / 2,
                height - 2,
                "times better than the peer (log scale; right of 1× asyncio4j wins)",
                "text-anchor=\"middle\" fill=\"#555555\""));
        int y = plotTop + 10;
        for (Group g : groups) {
            int groupHeight = g.bars().size() * BAR;
            s.append(text(LABEL - 8, y + groupHeight / 2 + 4, escape(g.label()), "text-anchor=\"end\""));
            for (Bar b : g.bars()) {
                int colour = Math.max(0, peerOrder.indexOf(b.peer()));
                double x1 = LABEL + plot * (0 - lo) / (hi - lo);
                double x2 = LABEL + plot * (Math.log10(b.ratio()) - lo) / (hi - lo);
                double left = Math.min(x1, x2);
                double w = Math.max(1, Math.abs(x2 - x1));
                s.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>\n",
                        left,
                        y,
                        w,
                        BAR - 2,
                        COLOURS[colour % COLOURS.length],
                        escape(b.peer()),
                        Report.ratio(b.ratio())));
                s.append(text(
                        (int) Math.round(Math.max(x1, x2)) + 4,
                        y + BAR - 4,
                        Report.ratio(b.ratio()),
                        "font-size=\"10\""));
                y += BAR;
            }
            y += GAP;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** The label of grid line 10^d: 0.01×, 0.1×, 1×, 10×, 100× ... */
    static String decade(int d) {
        return (d >= 0 ? Long.toString((long) Math.pow(10, d)) : "0." + "0".repeat(-d - 1) + "1") + "×";
    }

    private static String text(int x, int y, String content, String attributes) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\"%s>%s</text>\n",
                x,
                y,
                attributes.isEmpty() ? "" : " " + attributes,
                content);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
