package io.asyncio4j.bench;

import java.util.Collection;

/** Medians and ratios: how the harness turns runs into the figures it reports. */
final class Stats {
    private Stats() {}

    /**
     * The median of {@code values}: the middle one, or the mean of the two middle ones for an even
     * count; NaN for none.
     */
    static double median(Collection<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * How many times better asyncio4j is than a peer on one figure: {@code peer / asyncio4j} when
     * lower is better (seconds, bytes), {@code asyncio4j / peer} when higher is better (requests
     * per second). Above 1 asyncio4j wins. NaN when either value is missing or not positive.
     */
    static double ratio(double asyncio4j, double peer, boolean lowerIsBetter) {
        if (!(asyncio4j > 0) || !(peer > 0)) {
            return Double.NaN;
        }
        return lowerIsBetter ? peer / asyncio4j : asyncio4j / peer;
    }

    /**
     * The relative change from {@code before} to {@code now} in the bad direction: 0.25 means 25 %
     * worse; negative means better. NaN when either is missing.
     */
    static double regression(double before, double now, boolean lowerIsBetter) {
        if (!(before > 0) || !(now > 0)) {
            return Double.NaN;
        }
        return lowerIsBetter ? now / before - 1 : before / now - 1;
    }
}
