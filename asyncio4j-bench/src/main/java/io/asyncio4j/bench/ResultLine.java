package io.asyncio4j.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code RESULT <id> <figure>=<value> ...} line (BENCH.md), the one line every workload
 * program ends with. Values are numbers; a program's other output is ignored.
 *
 * @param id the workload id, such as {@code W1}
 * @param values the figures and parameters in the order printed
 */
record ResultLine(String id, Map<String, Double> values) {
    static final String PREFIX = "RESULT ";

    ResultLine {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parses one line.
     *
     * @throws IllegalArgumentException if it is not a well-formed RESULT line; the message quotes it
     */
    static ResultLine parse(String line) {
        String text = line.strip();
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a RESULT line: '" + line + "'");
        }
        String[] words = text.substring(PREFIX.length()).strip().split("\\s+");
        if (words.length < 2 || words[0].isEmpty() || words[0].contains("=")) {
            throw new IllegalArgumentException("RESULT line needs an id and at least one figure: '" + line + "'");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            int eq = word.indexOf('=');
            if (eq <= 0 || eq == word.length() - 1) {
                throw new IllegalArgumentException("'" + word + "' is not name=value in: '" + line + "'");
            }
            String name = word.substring(0, eq);
            double value;
            try {
                value = Double.parseDouble(word.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + word + "' has no number in: '" + line + "'", e);
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("figure '" + name + "' appears twice in: '" + line + "'");
            }
        }
        return new ResultLine(words[0], values);
    }

    /**
     * The last RESULT line of a program's output (BENCH.md: the final line that counts), or empty
     * when there is none.
     *
     * @throws IllegalArgumentException if the last RESULT line is malformed
     */
    static Optional<ResultLine> last(List<String> output) {
        for (int i = output.size() - 1; i >= 0; i--) {
            if (output.get(i).strip().startsWith(PREFIX)) {
                return Optional.of(parse(output.get(i)));
            }
        }
        return Optional.empty();
    }
}
