package io.asyncio4j.bench;

/**
 * One reported number of a workload.
 *
 * @param name the key in the RESULT line and the JSON, such as {@code wall_s}
 * @param label what the table calls it, such as {@code wall (s)}
 * @param lowerIsBetter true for times and sizes, false for rates
 * @param goal asyncio4j's goal for this figure, or NaN when there is none
 */
record Figure(String name, String label, boolean lowerIsBetter, double goal) {
    /** A lower-is-better figure without a goal. */
    static Figure lower(String name, String label) {
        return new Figure(name, label, true, Double.NaN);
    }

    /** A higher-is-better figure (a rate) without a goal. */
    static Figure higher(String name, String label) {
        return new Figure(name, label, false, Double.NaN);
    }

    /** A copy with asyncio4j's goal for this figure. */
    Figure withGoal(double goal) {
        return new Figure(name, label, lowerIsBetter, goal);
    }

    boolean hasGoal() {
        return !Double.isNaN(goal);
    }

    /** Whether {@code value} meets the goal. */
    boolean meetsGoal(double value) {
        return lowerIsBetter ? value <= goal : value >= goal;
    }
}
