package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer of {@link MultipartParser}, in the manner of the HTTP parser's: it
 * mutates valid bodies with what matters to multipart framing (CR, LF, dashes, padding, pieces of
 * the boundary, whole delimiters, cut and repeated spans) and checks, for each input, that the
 * parser
 *
 * <ul>
 *   <li>throws nothing but {@link HttpParseException} with 400 or 413;
 *   <li>gives the same transcript whole, byte by byte and in random pieces, never keeping more in
 *       the buffer than a part head and a delimiter need ({@link MultipartTranscript});
 *   <li>reads back the same parts from a body written anew from what it parsed.
 * </ul>
 *
 * Runs for {@code asyncio4j.fuzz.seconds} (3 by default); iteration {@code i} uses seed {@code i},
 * so a failure names the input that reproduces it.
 */
class MultipartFuzzTest {
    private static final String BOUNDARY = "xYz-12";

    private static final String[] SEEDS = {
        "--xYz-12\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--xYz-12--\r\n",
        "preamble\r\n--xYz-12\r\n\r\nno head\r\n--xYz-12 \t\r\nA: 1\r\nB:2\r\n\r\n\r\n--xYz-12--epilogue",
        "--xYz-12\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u0000\r\n--xYz-1\r\n-\r\n--xYz-12X\r\n"
                + "--xYz-12\r\nX: folded\r\n  more\r\n\r\n\r\n\r\n--xYz-12--",
        "\r\n--xYz-12\r\n\r\n\r\n--xYz-12\r\n\r\n--xYz-12--",
        "--xYz-12--",
    };

    private static final String[] SNIPPETS = {
        "\r\n",
        "\r",
        "\n",
        "--",
        "-",
        " ",
        "\t",
        ":",
        "\r\n--xYz-12",
        "\r\n--xYz-12--",
        "\r\n--xYz-12\r\n\r\n",
        "--xYz-1",
        "xYz-12",
        "\r\n\r\n",
        "A: b\r\n",
        " folded\r\n",
        "\u0000",
        "\u00ff",
    };

    @Test
    void mutatedBodiesKeepTheParsersInvariants() {
        long seconds = Long.getLong("asyncio4j.fuzz.seconds", 3);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long iterations = 0;
        long accepted = 0;
        while (System.nanoTime() < deadline || iterations < 200) {
            Random random = new Random(iterations);
            byte[] input = SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.ISO_8859_1);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                input = mutate(input, random);
            }
            try {
                accepted += check(input, random) ? 1 : 0;
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(
                        "fuzz iteration " + iterations + " failed on input:\n" + Transcript.escape(input), failure);
            }
            iterations++;
        }
        System.out.printf("multipart fuzz: %d inputs in %d s, %d accepted%n", iterations, seconds, accepted);
        assertThat(accepted).as("the mutations should not only produce garbage").isPositive();
    }

    static boolean check(byte[] input, Random random) {
        boolean small = random.nextBoolean();
        int maxParts = small ? 3 : 1000;
        int maxHead = small ? 48 : 8192;
        List<String> whole = MultipartTranscript.of(
                new MultipartParser(BOUNDARY, maxParts, maxHead), BOUNDARY, maxHead, input, Math.max(1, input.length));
        String last = whole.get(whole.size() - 1);
        if (last.startsWith("ERROR ")) {
            assertThat(last).as("status").matches("(?s)ERROR (400|413) .*");
        }
        assertThat(MultipartTranscript.of(
                        new MultipartParser(BOUNDARY, maxParts, maxHead), BOUNDARY, maxHead, input, 1))
                .as("byte by byte")
                .isEqualTo(whole);
        int piece = 1 + random.nextInt(Math.max(1, input.length));
        assertThat(MultipartTranscript.of(
                        new MultipartParser(BOUNDARY, maxParts, maxHead), BOUNDARY, maxHead, input, piece))
                .as("in pieces of " + piece)
                .isEqualTo(whole);
        if (!last.equals("END")) {
            return false;
        }
        byte[] again = rewrite(input, maxParts, maxHead);
        assertThat(MultipartTranscript.of(
                        new MultipartParser(BOUNDARY, maxParts, maxHead), BOUNDARY, maxHead, again, again.length))
                .as("written anew:\n" + Transcript.escape(again))
                .isEqualTo(whole);
        return true;
    }

    /**
     * The body written anew from the parts parsed out of {@code input}: no preamble, padding or
     * epilogue, and head lines no longer than they came ("name:value", unfolded).
     */
    static byte[] rewrite(byte[] input, int maxParts, int maxHead) {
        MultipartParser parser = new MultipartParser(BOUNDARY, maxParts, maxHead);
        parser.feedEof();
        ByteBuffer in = ByteBuffer.wrap(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] delimiter = ("--" + BOUNDARY).getBytes(StandardCharsets.US_ASCII);
        while (true) {
            switch (parser.next(in)) {
                case PART -> {
                    out.writeBytes(delimiter);
                    out.writeBytes(new byte[] {'\r', '\n'});
                    Headers h = parser.headers();
                    for (int i = 0; i < h.size(); i++) {
                        out.writeBytes((h.name(i) + ":" + h.value(i) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.writeBytes(new byte[] {'\r', '\n'});
                }
                case DATA -> {
                    ByteBuffer d = parser.data();
                    byte[] b = new byte[d.remaining()];
                    d.get(b);
                    out.writeBytes(b);
                }
                case PART_END -> out.writeBytes(new byte[] {'\r', '\n'});
                case END -> {
                    out.writeBytes(delimiter);
                    out.writeBytes(new byte[] {'-', '-'});
                    return out.toByteArray();
                }
                case NEED_DATA -> throw new AssertionError("the whole input was given with its end");
            }
        }
    }

    static byte[] mutate(byte[] in, Random random) {
        List<Byte> b = new ArrayList<>(in.length + 16);
        for (byte x : in) {
            b.add(x);
        }
        int at = b.isEmpty() ? 0 : random.nextInt(b.size() + 1);
        switch (random.nextInt(6)) {
            case 0 -> {
                byte[] s = SNIPPETS[random.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.ISO_8859_1);
                for (int i = s.length - 1; i >= 0; i--) {
                    b.add(at, s[i]);
                }
            }
            case 1 -> {
                if (!b.isEmpty()) {
                    int from = Math.min(at, b.size() - 1);
                    int n = 1 + random.nextInt(Math.min(8, b.size() - from));
                    b.subList(from, from + n).clear();
                }
            }
            case 2 -> {
                if (!b.isEmpty()) {
                    int from = Math.min(at, b.size() - 1);
                    int n = 1 + random.nextInt(Math.min(24, b.size() - from));
                    List<Byte> copy = new ArrayList<>(b.subList(from, from + n));
                    b.addAll(from, copy);
                }
            }
            case 3 -> {
                if (!b.isEmpty()) {
                    int i = Math.min(at, b.size() - 1);
                    b.set(i, (byte) "\r\n- \t:x\u0000".charAt(random.nextInt(8)));
                }
            }
            case 4 -> {
                if (!b.isEmpty()) {
                    b.subList(Math.min(at, b.size()), b.size()).clear();
                }
            }
            default -> {
                for (int i = 0; i < 1 + random.nextInt(40); i++) {
                    b.add(at, (byte) random.nextInt(256));
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }
}
