package io.asyncio4j.http.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route's path: plain ({@code /about}) or with variables ({@code /users/{id}}, {@code
 * /files/{name:[a-z]+\.txt}}, {@code /static/{tail:.*}}), aiohttp's syntax. A plain variable matches
 * one segment ({@code [^{}/]+}), a variable with a regex whatever the regex matches, '/' included.
 * Matching runs on the raw (percent-encoded, normalised) path, so an encoded '/' ({@code %2F}) in a
 * value never splits it; the values are decoded afterwards.
 */
final class PathPattern {
    private final String source;
    /** The normalised path of a plain pattern; null for a dynamic one. */
    private final String plain;

    private final Pattern regex;
    private final List<String> names;
    /** The pattern cut at its variables: literal, variable, literal, ... (for URL building). */
    private final List<String> parts;

    private final List<Boolean> regexVariables;

    private PathPattern(
            String source,
            String plain,
            Pattern regex,
            List<String> names,
            List<String> parts,
            List<Boolean> regexVariables) {
        this.source = source;
        this.plain = plain;
        this.regex = regex;
        this.names = names;
        this.parts = parts;
        this.regexVariables = regexVariables;
    }

    /**
     * Parses a route path.
     *
     * @throws IllegalArgumentException if it does not start with '/', a brace is unbalanced, a
     *     variable is unnamed or repeated, or a regex does not compile
     */
    static PathPattern parse(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("a route path starts with '/': \"" + path + "\"");
        }
        List<String> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> regexVariables = new ArrayList<>();
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("unbalanced '}' at index " + i + " of route path \"" + path + "\"");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int depth = 0;
            int end = -1;
            for (int k = i; k < path.length(); k++) {
                char d = path.charAt(k);
                if (d == '\\') {
                    k++;
                } else if (d == '{') {
                    depth++;
                } else if (d == '}' && --depth == 0) {
                    end = k;
                    break;
                }
            }
            if (end < 0) {
                throw new IllegalArgumentException("unbalanced '{' at index " + i + " of route path \"" + path + "\"");
            }
            String body = path.substring(i + 1, end);
            int colon = body.indexOf(':');
            String name = colon < 0 ? body : body.substring(0, colon);
            String varRegex = colon < 0 ? "[^{}/]+" : body.substring(colon + 1);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("variable \"" + name + "\" of route path \"" + path
                        + "\" is not a name (letters, digits, '_'; not starting with a digit)");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("variable " + name + " occurs twice in route path \"" + path + "\"");
            }
            String encodedLiteral = UrlCodec.normalizePath(UrlCodec.encodePath(literal.toString()));
            parts.add(encodedLiteral);
            re.append(Pattern.quote(encodedLiteral));
            literal.setLength(0);
            re.append("(?<g").append(names.size()).append('>').append(varRegex).append(')');
            names.add(name);
            parts.add(name);
            regexVariables.add(colon >= 0);
            i = end + 1;
        }
        String tail = UrlCodec.normalizePath(UrlCodec.encodePath(literal.toString()));
        if (names.isEmpty()) {
            return new PathPattern(path, tail, null, List.of(), List.of(tail), List.of());
        }
        parts.add(tail);
        re.append(Pattern.quote(tail));
        Pattern compiled;
        try {
            compiled = Pattern.compile(re.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "route path \"" + path + "\" holds a regex that does not compile: " + e.getDescription(), e);
        }
        return new PathPattern(
                path, null, compiled, List.copyOf(names), List.copyOf(parts), List.copyOf(regexVariables));
    }

    /** The path as given. */
    String source() {
        return source;
    }

    /** The normalised path of a plain pattern, null for a dynamic one. */
    String plain() {
        return plain;
    }

    /** The variables' values (decoded) if {@code path} matches, else null. */
    Map<String, String> match(String path) {
        if (plain != null) {
            return plain.equals(path) ? Map.of() : null;
        }
        Matcher m = regex.matcher(path);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>(names.size() * 2);
        for (int k = 0; k < names.size(); k++) {
            String raw = m.group("g" + k);
            values.put(names.get(k), UrlCodec.decode(raw, 0, raw.length(), false));
        }
        return values;
    }

    /**
     * The path with {@code values} in place of the variables, percent-encoded: a plain variable's
     * value as one segment ('/' escaped), a regex variable's as a path.
     *
     * @throws IllegalArgumentException if a variable has no value or a value is given for none
     */
    String build(Map<String, String> values) {
        for (String given : values.keySet()) {
            if (!names.contains(given)) {
                throw new IllegalArgumentException(
                        "route \"" + source + "\" has no variable " + given + "; it has " + names);
            }
        }
        if (plain != null) {
            return plain;
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < parts.size(); k++) {
            if (k % 2 == 0) {
                out.append(parts.get(k));
                continue;
            }
            String name = parts.get(k);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(
                        "route \"" + source + "\" needs a value for " + name + " (it has " + names + ")");
            }
            out.append(regexVariables.get(k / 2) ? UrlCodec.encodePath(value) : UrlCodec.encodeSegment(value));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
