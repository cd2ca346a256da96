package io.asyncio4j.http.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Mutated frames (seeded, so a failure replays): whatever the bytes, the decoder returns messages or
 * refuses with a {@link io.asyncio4j.http.ws.WebSocketError}, never another exception, and reads
 * the same things whether the bytes come at once or in pieces.
 */
class FrameDecoderFuzzTest {
    private static final int ROUNDS = 20_000;

    @Test
    void mutatedFramesGiveMessagesOrAProtocolErrorAndNothingElse() {
        Random r = new Random(20261206);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = sample(r, deflater);
            int flips = r.nextInt(4);
            for (int i = 0; i < flips && input.length > 0; i++) {
                input[r.nextInt(input.length)] ^= (byte) (1 << r.nextInt(8));
            }
            boolean deflate = r.nextBoolean();
            long limit = r.nextBoolean() ? 0 : 1 + r.nextInt(5000);
            List<String> whole = run(input, Integer.MAX_VALUE, deflate, limit, round);
            List<String> pieces = run(input, 1 + r.nextInt(9), deflate, limit, round);
            assertThat(pieces).as("round %d in pieces", round).isEqualTo(whole);
        }
    }

    private static List<String> run(byte[] input, int piece, boolean deflate, long limit, int round) {
        try {
            return Frames.run(new FrameDecoder(true, limit, deflate, false), input, piece)
                    .events();
        } catch (RuntimeException e) {
            throw new AssertionError("round " + round + ": " + e, e);
        }
    }

    /** A few frames of every kind, some fragmented, some compressed. */
    private static byte[] sample(Random r, Deflater deflater) {
        int n = 1 + r.nextInt(4);
        byte[][] frames = new byte[n][];
        for (int i = 0; i < n; i++) {
            byte[] payload = new byte[r.nextInt(r.nextBoolean() ? 20 : 300)];
            for (int j = 0; j < payload.length; j++) {
                payload[j] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 'a' + r.nextInt(26));
            }
            frames[i] = switch (r.nextInt(6)) {
                case 0 -> Frames.masked(Frames.FIN, Opcodes.TEXT, payload);
                case 1 -> Frames.masked(Frames.FIN, Opcodes.BINARY, payload);
                case 2 ->
                    Frames.masked(
                            Frames.FIN, Opcodes.PING, java.util.Arrays.copyOf(payload, Math.min(125, payload.length)));
                case 3 ->
                    Frames.cat(
                            Frames.masked(0, Opcodes.TEXT, payload),
                            Frames.masked(Frames.FIN, Opcodes.CONTINUATION, payload));
                case 4 -> {
                    deflater.reset();
                    yield Frames.masked(Frames.FIN | Frames.RSV1, Opcodes.BINARY, Frames.deflate(deflater, payload));
                }
                default -> Frames.masked(Frames.FIN, Opcodes.CLOSE, Frames.close(1000 + r.nextInt(20), "x"));
            };
        }
        return Frames.cat(frames);
    }
}
