package io.asyncio4j.bench.workloads;

import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/** Argument parsing and the final {@code RESULT} line shared by the workload programs. */
final class Cli {
    private Cli() {}

    /** The positional argument {@code index} as an int, or {@code fallback} when absent. */
    static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index].replace("_", "")) : fallback;
    }

    /**
     * Prints {@code RESULT <id> key=value ...}; {@code pairs} alternates names and values. Doubles
     * are printed with six significant digits.
     */
    static void print(String id, Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate: " + Arrays.toString(pairs));
        }
        StringJoiner line = new StringJoiner(" ", "RESULT " + id + " ", "");
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            String text = value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(value);
            line.add(pairs[i] + "=" + text);
        }
        System.out.println(line);
    }

    /** The median of {@code values[from..]}; the array is sorted in that range. */
    static double medianFrom(double[] values, int from) {
        double[] rest = Arrays.copyOfRange(values, from, values.length);
        if (rest.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(rest);
        int mid = rest.length / 2;
        return rest.length % 2 == 1 ? rest[mid] : (rest[mid - 1] + rest[mid]) / 2;
    }
}
