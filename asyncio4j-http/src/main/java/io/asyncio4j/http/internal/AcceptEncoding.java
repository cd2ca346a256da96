package io.asyncio4j.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which content codings an {@code Accept-Encoding} header (RFC 9110 section 12.5.3) allows, with
 * their weights: what picks a precompressed sibling ({@code app.js.br}, {@code app.js.gz}) of a
 * static file.
 */
public final class AcceptEncoding {
    private AcceptEncoding() {}

    /**
     * Of {@code offered} (in the server's order of preference), those {@code header} accepts, the
     * client's higher weights first and the server's order among equals. {@code *} stands for any
     * coding not named; a weight of 0 refuses. A {@code q} that is not a number counts as 0 (refused),
     * the safe reading of a header nobody should send.
     */
    public static List<String> accepted(String header, List<String> offered) {
        List<String> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        double[] weights = new double[offered.size()];
        boolean[] named = new boolean[offered.size()];
        double star = -1;
        for (String member : header.split(",")) {
            String[] parts = member.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            if (coding.isEmpty()) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                    q = weight(p.substring(2).strip());
                }
            }
            if (coding.equals("*")) {
                star = q;
                continue;
            }
            String name = coding.equals("x-gzip") ? "gzip" : coding;
            int i = offered.indexOf(name);
            if (i >= 0) {
                weights[i] = named[i] ? Math.max(weights[i], q) : q;
                named[i] = true;
            }
        }
        for (int i = 0; i < offered.size(); i++) {
            if (!named[i] && star >= 0) {
                weights[i] = star;
            }
        }
        for (int i = 0; i < offered.size(); i++) {
            if (weights[i] > 0) {
                int at = 0;
                while (at < out.size() && weights[offered.indexOf(out.get(at))] >= weights[i]) {
                    at++;
                }
                out.add(at, offered.get(i));
            }
        }
        return out;
    }

    private static double weight(String s) {
        if (!s.matches("(0(\\.\\d{0,3})?|1(\\.0{0,3})?)")) {
            return 0;
        }
        return Double.parseDouble(s);
    }
}
