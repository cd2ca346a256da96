package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpLimits;
import io.asyncio4j.http.HttpParseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over the smuggling corpus and the typical messages: it mutates inputs
 * with the bytes and edits that matter to HTTP framing (CR, LF, spaces, colons, digits, signs,
 * duplicated lines, framing fields) and checks, for each one, that the parser
 *
 * <ul>
 *   <li>throws nothing but {@link HttpParseException}, with one of its documented statuses;
 *   <li>gives the same transcript whole, byte by byte and in random pieces (no hang: {@link
 *       Transcript} fails when the parser stops progressing);
 *   <li>never needs a buffer beyond its limits to make progress;
 *   <li>reads back, field for field, a request head that {@link HeadWriter} wrote from what it
 *       parsed.
 * </ul>
 *
 * Runs for {@code asyncio4j.fuzz.seconds} (3 by default; {@code ./aio test --long} gives it
 * minutes). Every run uses the same seed sequence, so a failure names the iteration and input that
 * reproduce it.
 */
class MutationFuzzTest {
    private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 431, 501, 505);

    private static final HttpLimits SMALL = HttpLimits.defaults()
            .withMaxLineSize(200)
            .withMaxFieldSize(200)
            .withMaxHeaders(12)
            .withMaxHeadSize(1024)
            .withMaxChunkExtensionsSize(64)
            .withMaxBodySize(4096);

    private static final byte[] INTERESTING =
            "\r\n \t:;,=-+0123456789abcdefABCDEFxX\"/*?#%\0\u007f\u0080\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    private static final String[] SNIPPETS = {
        "Transfer-Encoding: chunked\r\n",
        "Content-Length: 5\r\n",
        "Content-Length: 0\r\n",
        "Transfer-Encoding: chunked, gzip\r\n",
        "Host: h\r\n",
        "Connection: close\r\n",
        "Connection: keep-alive\r\n",
        "Connection: upgrade\r\nUpgrade: x\r\n",
        "Expect: 100-continue\r\n",
        " folded\r\n",
        "0\r\n\r\n",
        "5\r\nhello\r\n",
        "\r\n",
        "\n",
        "\r",
        "ffffffffffffffffff\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
        "HTTP/1.1 200 OK\r\n",
        "HTTP/1.1 100 Continue\r\n\r\n"
    };

    @Test
    void mutatedInputsKeepTheParsersInvariants() {
        long seconds = Long.getLong("asyncio4j.fuzz.seconds", 3);
        List<Corpus.Case> seeds = new ArrayList<>(Corpus.load());
        seeds.addAll(JettyDifferentialTest.TYPICAL);
        List<Corpus.Case> valid =
                seeds.stream().filter(c -> c.expectedStatus() == 0).toList();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long iterations = 0;
        long accepted = 0;
        while (System.nanoTime() < deadline || iterations < 200) {
            Random random = new Random(iterations);
            // Half the time a seed that parses, so mutations also explore what lies past a valid head.
            List<Corpus.Case> pool = random.nextBoolean() ? valid : seeds;
            Corpus.Case seed = pool.get(random.nextInt(pool.size()));
            byte[] input = seed.data();
            int edits = random.nextInt(3) == 0 ? 2 + random.nextInt(3) : 1;
            for (int e = 0; e < edits; e++) {
                input = mutate(input, random, seeds);
            }
            boolean requests = random.nextInt(4) != 0 ? seed.request() : !seed.request();
            try {
                accepted += check(input, requests, random) ? 1 : 0;
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(
                        "fuzz iteration " + iterations + " (seed case " + seed.name() + ", "
                                + (requests ? "requests" : "responses") + ") failed on input:\n"
                                + Transcript.escape(input),
                        failure);
            }
            iterations++;
        }
        System.out.printf("fuzz: %d inputs in %d s, %d accepted%n", iterations, seconds, accepted);
        assertThat(accepted).as("the mutations should not only produce garbage").isPositive();
    }

    /** Checks every invariant on one input; returns whether it was accepted. */
    static boolean check(byte[] input, boolean requests, Random random) {
        HttpLimits limits = random.nextBoolean() ? HttpLimits.defaults() : SMALL;
        List<String> whole = Transcript.of(parser(requests, limits), input, Integer.MAX_VALUE);
        String last = whole.get(whole.size() - 1);
        if (last.startsWith("ERROR ")) {
            int status = Integer.parseInt(last.substring(6, 9));
            assertThat(STATUSES).as("status of " + last).contains(status);
        }
        assertThat(Transcript.of(parser(requests, limits), input, 1))
                .as("byte by byte")
                .isEqualTo(whole);
        int piece = 1 + random.nextInt(Math.max(1, input.length));
        assertThat(Transcript.of(parser(requests, limits), input, piece))
                .as("pieces of " + piece)
                .isEqualTo(whole);
        assertBoundedBuffer(input, requests, limits);
        if (requests) {
            roundTrip(input, limits);
        }
        return !last.startsWith("ERROR ");
    }

    private static HttpParser parser(boolean requests, HttpLimits limits) {
        return requests ? HttpParser.forRequests(limits) : HttpParser.forResponses(limits);
    }

    /**
     * Feeds the input through a buffer that grows only when the parser cannot progress with a full
     * one, as {@link MessageReader} does, and checks how large it had to grow.
     */
    private static void assertBoundedBuffer(byte[] input, boolean requests, HttpLimits limits) {
        HttpParser p = parser(requests, limits);
        ByteBuffer buf = ByteBuffer.allocate(16).flip();
        int fed = 0;
        int bound = Math.max(limits.maxHeadSize(), 18 + limits.maxChunkExtensionsSize()) * 2 + 16;
        try {
            for (int steps = 0; steps < 100_000; steps++) {
                HttpParser.Event e = p.next(buf);
                if (e == HttpParser.Event.CLOSED || e == HttpParser.Event.UPGRADE) {
                    return;
                }
                if (e != HttpParser.Event.NEED_DATA) {
                    continue;
                }
                if (fed == input.length) {
                    p.feedEof();
                    continue;
                }
                buf.compact();
                if (!buf.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
                    bigger.put(buf.flip());
                    buf = bigger;
                    assertThat(buf.capacity()).as("read buffer size").isLessThanOrEqualTo(bound);
                }
                int n = Math.min(buf.remaining(), input.length - fed);
                buf.put(input, fed, n).flip();
                fed += n;
            }
            throw new AssertionError("no progress");
        } catch (HttpParseException expected) {
            // refusing is fine; growing the buffer past the limits is not
        }
    }

    /** A request head written back by HeadWriter parses to the same method, target, version and fields. */
    private static void roundTrip(byte[] input, HttpLimits limits) {
        HttpParser p = HttpParser.forRequests(limits);
        ByteBuffer in = ByteBuffer.wrap(input);
        HttpParser.Event e;
        try {
            e = p.next(in);
        } catch (HttpParseException refused) {
            return;
        }
        if (e != HttpParser.Event.HEAD) {
            return;
        }
        RequestHead r = p.request();
        HeadWriter w =
                new HeadWriter().request(r.method(), r.target(), r.version(), r.headers(), HeadWriter.NO_FRAMING);
        HttpParser again = HttpParser.forRequests(HttpLimits.defaults());
        assertThat(again.next(ByteBuffer.wrap(Arrays.copyOf(w.array(), w.length()))))
                .isEqualTo(HttpParser.Event.HEAD);
        RequestHead back = again.request();
        assertThat(back.method()).isEqualTo(r.method());
        assertThat(back.target()).isEqualTo(r.target());
        assertThat(back.version()).isEqualTo(r.version());
        assertThat(back.headers()).isEqualTo(r.headers());
        assertThat(back.bodyKind()).isEqualTo(r.bodyKind());
        assertThat(back.keepAlive()).isEqualTo(r.keepAlive());
        Headers copy = r.headers().copy();
        assertThat(copy).isEqualTo(r.headers());
    }

    private static byte[] mutate(byte[] in, Random r, List<Corpus.Case> seeds) {
        int n = in.length;
        int at = n == 0 ? 0 : r.nextInt(n);
        switch (r.nextInt(9)) {
            case 0 -> { // replace a byte with an interesting one
                if (n > 0) {
                    in = in.clone();
                    in[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                }
            }
            case 1 -> { // insert an interesting byte
                in = insert(in, at, new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
            }
            case 2 -> { // delete a range
                int len = Math.min(n - at, 1 + r.nextInt(8));
                byte[] out = new byte[n - len];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + len, out, at, n - at - len);
                in = out;
            }
            case 3 -> { // duplicate the line at a random place (repeated fields)
                int s = lineStart(in, at);
                int e = lineEnd(in, at);
                in = insert(in, s, Arrays.copyOfRange(in, s, e));
            }
            case 4 -> { // insert a framing-relevant snippet at a line start
                in = insert(
                        in,
                        lineStart(in, at),
                        SNIPPETS[r.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.ISO_8859_1));
            }
            case 5 -> { // splice the tail of another seed
                byte[] other = seeds.get(r.nextInt(seeds.size())).data();
                int from = other.length == 0 ? 0 : r.nextInt(other.length);
                byte[] out = Arrays.copyOf(in, at + other.length - from);
                System.arraycopy(other, from, out, at, other.length - from);
                in = out;
            }
            case 6 -> { // change a digit (lengths, chunk sizes, versions, statuses)
                for (int i = 0; i < n; i++) {
                    int k = (at + i) % n;
                    if (in[k] >= '0' && in[k] <= '9') {
                        in = in.clone();
                        in[k] = (byte) ('0' + r.nextInt(10));
                        break;
                    }
                }
            }
            case 7 -> { // flip the case of a letter
                if (n > 0 && Character.isLetter(in[at])) {
                    in = in.clone();
                    in[at] ^= 0x20;
                }
            }
            default -> { // truncate
                in = Arrays.copyOf(in, at);
            }
        }
        return in;
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    private static int lineStart(byte[] in, int at) {
        while (at > 0 && in[at - 1] != '\n') {
            at--;
        }
        return at;
    }

    private static int lineEnd(byte[] in, int at) {
        while (at < in.length && in[at] != '\n') {
            at++;
        }
        return Math.min(in.length, at + 1);
    }
}
