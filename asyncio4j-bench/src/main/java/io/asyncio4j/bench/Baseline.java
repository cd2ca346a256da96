package io.asyncio4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last committed results ({@code bench/results/latest.json} as of git's {@code HEAD}) and the
 * regression check against them: an asyncio4j figure more than {@link #THRESHOLD} worse than its
 * committed median earns a warning. Only cases measured with the same key (the same sizes) are
 * compared.
 *
 * @param session when the committed results were measured
 * @param host where they were measured
 * @param medians their medians
 */
record Baseline(String session, String host, Medians medians) {
    /** How much worse a figure may get before the harness warns: 10 %. */
    static final double THRESHOLD = 0.10;

    /** Reads the text of a latest.json. */
    static Baseline parse(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("latest.json is not a JSON object");
        }
        return new Baseline(
                String.valueOf(m.get("session")), String.valueOf(m.get("host")), Medians.fromJson(m.get("medians")));
    }

    /** The warnings for {@code now}: one line per asyncio4j figure that regressed beyond the threshold. */
    List<String> regressions(List<Workload> cases, Medians now) {
        List<String> warnings = new ArrayList<>();
        for (Workload w : cases) {
            for (Figure f : w.figures()) {
                double before = medians.get(w.key(), Peer.ASYNCIO4J, f.name());
                double current = now.get(w.key(), Peer.ASYNCIO4J, f.name());
                double change = Stats.regression(before, current, f.lowerIsBetter());
                if (change > THRESHOLD) {
                    warnings.add(String.format(
                            Locale.ROOT,
                            "WARNING: %s %s regressed %.0f %% (%s -> %s) against the committed results of %s on %s",
                            w.key(),
                            f.label(),
                            change * 100,
                            Report.number(before),
                            Report.number(current),
                            session,
                            host));
                }
            }
        }
        return warnings;
    }
}
