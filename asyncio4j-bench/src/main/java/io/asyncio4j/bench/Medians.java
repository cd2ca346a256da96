package io.asyncio4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The medians of a session, per workload case, peer and figure; also what {@code
 * bench/results/latest.json} stores and the regression check reads back.
 */
final class Medians {
    /** case key -> peer name -> figure name -> median. */
    private final Map<String, Map<String, Map<String, Double>>> values = new LinkedHashMap<>();

    /** The medians of the successful runs among {@code records}. */
    static Medians of(List<RunRecord> records) {
        Map<String, Map<String, Map<String, List<Double>>>> samples = new LinkedHashMap<>();
        for (RunRecord r : records) {
            if (!r.ok()) {
                continue;
            }
            Map<String, List<Double>> byFigure = samples.computeIfAbsent(r.workload(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.peer(), k -> new LinkedHashMap<>());
            r.figures()
                    .forEach((f, v) ->
                            byFigure.computeIfAbsent(f, k -> new ArrayList<>()).add(v));
        }
        Medians m = new Medians();
        samples.forEach((key, byPeer) -> byPeer.forEach(
                (peer, byFigure) -> byFigure.forEach((figure, list) -> m.put(key, peer, figure, Stats.median(list)))));
        return m;
    }

    void put(String key, String peer, String figure, double value) {
        values.computeIfAbsent(key, k -> new LinkedHashMap<>())
                .computeIfAbsent(peer, k -> new LinkedHashMap<>())
                .put(figure, value);
    }

    /** The median, or NaN when no run of that peer succeeded. */
    double get(String key, String peer, String figure) {
        Double v =
                values.getOrDefault(key, Map.of()).getOrDefault(peer, Map.of()).get(figure);
        return v == null ? Double.NaN : v;
    }

    /** Whether any run of {@code peer} on case {@code key} succeeded. */
    boolean has(String key, String peer) {
        return !values.getOrDefault(key, Map.of()).getOrDefault(peer, Map.of()).isEmpty();
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** The nested maps, for JSON. */
    Map<String, Map<String, Map<String, Double>>> asMap() {
        return values;
    }

    /** Reads the {@code medians} object of latest.json back. */
    static Medians fromJson(Object medians) {
        Medians m = new Medians();
        if (medians instanceof Map<?, ?> byKey) {
            byKey.forEach((key, byPeer) -> {
                if (byPeer instanceof Map<?, ?> peers) {
                    peers.forEach((peer, byFigure) -> {
                        if (byFigure instanceof Map<?, ?> figures) {
                            figures.forEach((figure, value) -> {
                                if (value instanceof Number n) {
                                    m.put(
                                            String.valueOf(key),
                                            String.valueOf(peer),
                                            String.valueOf(figure),
                                            n.doubleValue());
                                }
                            });
                        }
                    });
                }
            });
        }
        return m;
    }
}
