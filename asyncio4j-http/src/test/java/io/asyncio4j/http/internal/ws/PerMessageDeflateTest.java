package io.asyncio4j.http.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The negotiation of RFC 7692 section 7.1 on both sides, and what the deflater sends. */
class PerMessageDeflateTest {

    @ParameterizedTest(name = "offer [{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                // RFC 7692 7.1: the plain offer, and client_max_window_bits without a value (a hint)
                "permessage-deflate | permessage-deflate",
                "permessage-deflate; client_max_window_bits | permessage-deflate",
                "permessage-deflate; client_max_window_bits=10 | permessage-deflate",
                // 7.1.1: both no_context_takeover parameters are echoed
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover"
                        + " | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                // 7.1.2.1: server_max_window_bits is honoured (MessageDeflater keeps to it)
                "permessage-deflate; server_max_window_bits=10 | permessage-deflate; server_max_window_bits=10",
                "permessage-deflate; server_max_window_bits=\"12\" | permessage-deflate; server_max_window_bits=12",
                // 5 and 7.1: an offer with a bad parameter is declined, the next one taken
                "permessage-deflate; server_max_window_bits=16 | ",
                "permessage-deflate; server_max_window_bits | ",
                "permessage-deflate; server_max_window_bits=08 | ",
                "permessage-deflate; client_max_window_bits=7 | ",
                "permessage-deflate; server_no_context_takeover=1 | ",
                "permessage-deflate; mystery | ",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover | ",
                "permessage-deflate; mystery, permessage-deflate; client_no_context_takeover"
                        + " | permessage-deflate; client_no_context_takeover",
                "x-webkit-deflate-frame | ",
                "x-foo, Permessage-Deflate | permessage-deflate",
                "permessage-deflate; \"unterminated | ",
            })
    void theServerTakesTheFirstValidOffer(String offer, String response) {
        PerMessageDeflate p = PerMessageDeflate.serverAccepts(List.of(offer), false, false);
        assertThat(p == null ? null : p.serverResponse()).isEqualTo(response);
    }

    @Test
    void theServerMayImposeNoContextTakeoverOnBothSides() {
        PerMessageDeflate p = PerMessageDeflate.serverAccepts(List.of("permessage-deflate"), true, true);
        assertThat(p.serverResponse())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(p.forServer().deflaterNoContextTakeover()).isTrue();
        assertThat(p.forServer().resetInflaterPerMessage()).isTrue();
    }

    @Test
    void offersSpreadOverSeveralHeaderLinesAreReadInOrder() {
        PerMessageDeflate p = PerMessageDeflate.serverAccepts(
                List.of("x-foo", "permessage-deflate; server_max_window_bits=9"), false, false);
        assertThat(p.serverMaxWindowBits()).isEqualTo(9);
        assertThat(p.forServer().deflaterWindowBits()).isEqualTo(9);
    }

    @Test
    void theClientOffersWhatItCanKeepTo() {
        assertThat(PerMessageDeflate.clientOffer(15, false, false))
                .isEqualTo("permessage-deflate; client_max_window_bits");
        assertThat(PerMessageDeflate.clientOffer(10, true, true))
                .isEqualTo("permessage-deflate; client_max_window_bits; server_max_window_bits=10;"
                        + " server_no_context_takeover; client_no_context_takeover");
    }

    @ParameterizedTest(name = "answer [{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "permessage-deflate | false false 15 15",
                "permessage-deflate; server_no_context_takeover | true false 15 15",
                "permessage-deflate; client_no_context_takeover | false true 15 15",
                "permessage-deflate; client_max_window_bits=9 | false false 15 9",
                "permessage-deflate; server_max_window_bits=12 | false false 12 15",
            })
    void theClientAcceptsAValidAnswer(String answer, String agreed) {
        PerMessageDeflate p = PerMessageDeflate.clientAccepts(answer, 15);
        assertThat(p.serverNoContextTakeover() + " " + p.clientNoContextTakeover() + " " + p.serverMaxWindowBits() + " "
                        + p.clientMaxWindowBits())
                .isEqualTo(agreed);
    }

    @ParameterizedTest(name = "answer [{0}] fails: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // RFC 6455 9.1 / 4.1: an extension the client did not offer fails the connection
                "x-foo | extensions that were not offered",
                "permessage-deflate, permessage-deflate | extensions that were not offered",
                // RFC 7692 7.1: unknown or repeated parameters, bad values
                "permessage-deflate; mystery | unknown parameter 'mystery'",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover | repeats a parameter",
                "permessage-deflate; client_no_context_takeover=1 | takes no value",
                "permessage-deflate; client_max_window_bits=16 | client_max_window_bits is not 8..15",
                // 7.1.2.1: more than the client asked for
                "permessage-deflate; server_max_window_bits=12 | server_max_window_bits is not 8..10",
            })
    void theClientRefusesAnInvalidAnswer(String answer, String problem) {
        assertThatThrownBy(() -> PerMessageDeflate.clientAccepts(answer, answer.contains("=12") ? 10 : 15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void noAnswerMeansNoCompression() {
        assertThat(PerMessageDeflate.clientAccepts(null, 15)).isNull();
        assertThat(PerMessageDeflate.clientAccepts("  ", 15)).isNull();
    }

    /** RFC 7692 7.2.1: what the deflater sends inflates back, with and without context takeover. */
    @Test
    void deflatedMessagesRoundTripThroughTheDecoder() throws Exception {
        for (boolean noContext : new boolean[] {false, true}) {
            MessageDeflater d = new MessageDeflater(noContext, 15, 6);
            FrameDecoder in = new FrameDecoder(false, 1 << 20, true, noContext);
            for (String text :
                    new String[] {"", "a", "the same text twice", "the same text twice", "κόσμε".repeat(500)}) {
                byte[] plain = text.getBytes(StandardCharsets.UTF_8);
                assertThat(d.compress(plain, 0, plain.length)).isTrue();
                byte[] frame = FrameEncoder.frame(Opcodes.TEXT, true, true, d.output(), 0, d.outputLength(), false, 0);
                ByteBuffer buf = ByteBuffer.wrap(frame);
                assertThat(in.next(buf)).isEqualTo(Opcodes.TEXT);
                assertThat(in.payloadText())
                        .as("no context takeover: %s", noContext)
                        .isEqualTo(text);
            }
            d.release();
            in.release();
        }
    }

    /**
     * The JDK deflates with a 32 KiB window only. Limited to N bits, the deflater resets before each
     * message and compresses only messages of at most 2^N bytes; CPython's zlib, inflating with a
     * 2^N window (which a distance beyond it fails), proves the output keeps to the limit.
     */
    @Test
    void aSmallWindowIsKeptToByCompressingShortMessagesAlone() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3: install python3");
        MessageDeflater d = new MessageDeflater(false, 9, 6);
        byte[] message = "abcdefgh-0123456789-".repeat(25).getBytes(StandardCharsets.US_ASCII); // 500 bytes
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 3; i++) { // context takeover would make the second and third refer back
            assertThat(d.compress(message, 0, message.length)).isTrue();
            hex.append(HexFormat.of().formatHex(d.output(), 0, d.outputLength()))
                    .append(' ');
        }
        assertThat(d.compress(new byte[513], 0, 513))
                .as("a message longer than 2^9 bytes goes uncompressed")
                .isFalse();
        d.release();
        String script = "import sys, zlib\n"
                + "for h in sys.argv[1:]:\n"
                + "    z = zlib.decompressobj(wbits=-9)\n"
                + "    print(len(z.decompress(bytes.fromhex(h) + b'\\x00\\x00\\xff\\xff')))\n";
        Process p = new ProcessBuilder(List.of(
                        python.toString(),
                        "-c",
                        script,
                        hex.toString().trim().split(" ")[0],
                        hex.toString().trim().split(" ")[1],
                        hex.toString().trim().split(" ")[2]))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().toList()).containsExactly("500", "500", "500");
    }
}
