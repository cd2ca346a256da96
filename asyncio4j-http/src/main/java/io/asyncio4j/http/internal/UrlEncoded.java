package io.asyncio4j.http.internal;

import io.asyncio4j.http.HttpParseException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The {@code application/x-www-form-urlencoded} parser (WHATWG URL, section 5.1) of form bodies and
 * query strings: name-value pairs split on {@code &}, each at its first {@code =}; {@code +} is a
 * space; {@code %XX} a byte; the bytes decoded in the form's charset. Stricter than browsers on
 * input they never send: a {@code %} not followed by two hex digits, or bytes that are not valid in
 * the charset, are errors naming the place, not silently kept or replaced.
 */
public final class UrlEncoded {
    private UrlEncoded() {}

    /**
     * Parses {@code in[from, to)}, calling {@code pair} with each name and value in order.
     *
     * @param maxPairs the most pairs accepted (413 beyond)
     * @throws HttpParseException (400) for a bad escape or bytes invalid in {@code charset}, 413 past
     *     {@code maxPairs}
     */
    public static void parse(
            byte[] in, int from, int to, Charset charset, int maxPairs, BiConsumer<String, String> pair) {
        int count = 0;
        int p = from;
        while (p < to) {
            int amp = p;
            while (amp < to && in[amp] != '&') {
                amp++;
            }
            if (amp > p) {
                if (++count > maxPairs) {
                    throw new HttpParseException(413, "the form has more than " + maxPairs + " fields");
                }
                int eq = p;
                while (eq < amp && in[eq] != '=') {
                    eq++;
                }
                String name = decode(in, from, p, eq, charset, "name");
                String value = eq < amp ? decode(in, from, eq + 1, amp, charset, "value of '" + name + "'") : "";
                pair.accept(name, value);
            }
            p = amp + 1;
        }
    }

    /** The pairs of {@code in}, in order, each a {@code String[2]}. */
    public static List<String[]> parse(byte[] in, Charset charset) {
        List<String[]> out = new ArrayList<>();
        parse(in, 0, in.length, charset, Integer.MAX_VALUE, (n, v) -> out.add(new String[] {n, v}));
        return out;
    }

    private static String decode(byte[] in, int base, int from, int to, Charset charset, String what) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = in[i];
            if (b == '+') {
                b = ' ';
            } else if (b == '%') {
                int hi = i + 1 < to ? Ascii.hexValue(in[i + 1]) : -1;
                int lo = i + 2 < to ? Ascii.hexValue(in[i + 2]) : -1;
                if (hi < 0 || lo < 0) {
                    StringBuilder esc = new StringBuilder("%");
                    for (int k = i + 1; k < Math.min(i + 3, to); k++) {
                        esc.append((char) (in[k] & 0xff));
                    }
                    throw new HttpParseException(
                            400,
                            "bad percent-escape \"" + esc + "\" at byte " + (i - base)
                                    + " of the form data (in a field " + what
                                    + "): '%' must be followed by two hex digits;"
                                    + " a literal '%' is sent as %25");
                }
                b = (byte) (hi << 4 | lo);
                i += 2;
            }
            out[n++] = b;
        }
        String text = Percent.decodeStrict(Arrays.copyOf(out, n), charset);
        if (text == null) {
            throw new HttpParseException(
                    400,
                    "a field " + what + " of the form data is not valid " + charset.name()
                            + " once percent-decoded; the client should send UTF-8 or declare its charset in Content-Type");
        }
        return text;
    }
}
