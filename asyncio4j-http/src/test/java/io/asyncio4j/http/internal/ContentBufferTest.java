package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The reads both bodies share, over a scripted source whose every call is logged: lines across piece
 * boundaries, the line limit, a body that ends inside a line, reads after the end, and the source's
 * own (checked) errors arriving as they were made.
 */
class ContentBufferTest {

    /** Hands out its pieces in order, then null; logs each call. Errors are checked, as the client's. */
    private static final class Script implements ContentBuffer.Source<IOException, TimeoutException> {
        final List<String> log = new ArrayList<>();
        /** The last piece handed out. */
        byte[] last;

        private final List<Object> steps;
        private int next;

        Script(Object... steps) {
            this.steps = List.of(steps);
        }

        @Override
        public byte[] nextPiece() throws TimeoutException {
            if (next == steps.size()) {
                log.add("end");
                return null;
            }
            Object step = steps.get(next++);
            if (step instanceof TimeoutException e) {
                log.add("timeout");
                throw e;
            }
            log.add("piece " + next);
            last = ((String) step).getBytes(StandardCharsets.ISO_8859_1);
            return last;
        }

        @Override
        public IOException endedEarly(int have, int wanted) {
            log.add("endedEarly " + have + "/" + wanted);
            return new IOException("ended after " + have + " of " + wanted);
        }

        @Override
        public IOException lineTooLong(int limit) {
            log.add("lineTooLong " + limit);
            return new IOException("no LF within " + limit);
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void linesAreJoinedAcrossPieceBoundaries() throws Exception {
        Script s = new Script("ab", "c", "d\nef", "\n", "g\r\nh\n");
        ContentBuffer<IOException, TimeoutException> b = new ContentBuffer<>(s, 100);

        assertThat(text(b.readLine())).isEqualTo("abcd\n");
        assertThat(s.log).containsExactly("piece 1", "piece 2", "piece 3");
        assertThat(b.buffered()).isEqualTo(2);
        assertThat(text(b.readLine())).isEqualTo("ef\n");
        assertThat(text(b.readLine())).isEqualTo("g\r\n");
        assertThat(text(b.readLine()))
                .as("the rest of a piece, without asking the source")
                .isEqualTo("h\n");
        assertThat(s.log).containsExactly("piece 1", "piece 2", "piece 3", "piece 4", "piece 5");
        assertThat(b.readLine()).isEmpty();
        assertThat(b.ended()).isTrue();
        assertThat(s.log).endsWith("end");
    }

    @Test
    void aLineOfExactlyTheLimitIsAcceptedAndOneByteMoreIsTheSourcesError() throws Exception {
        Script ok = new Script("1234", "5678", "\nnext");
        ContentBuffer<IOException, TimeoutException> fits = new ContentBuffer<>(ok, 8);
        assertThat(text(fits.readLine())).isEqualTo("12345678\n");
        assertThat(text(fits.readAll())).isEqualTo("next");

        Script tooLong = new Script("1234", "56789", "\n");
        ContentBuffer<IOException, TimeoutException> refuses = new ContentBuffer<>(tooLong, 8);
        assertThatThrownBy(refuses::readLine).isInstanceOf(IOException.class).hasMessage("no LF within 8");
        assertThat(tooLong.log).containsExactly("piece 1", "piece 2", "lineTooLong 8");
        assertThat(refuses.buffered()).as("nothing is dropped").isEqualTo(9);
    }

    @Test
    void aTooLongLineInOnePieceIsRefusedWithoutWaitingForMore() {
        Script s = new Script("123456789");
        ContentBuffer<IOException, TimeoutException> b = new ContentBuffer<>(s, 8);
        assertThatThrownBy(b::readLine).hasMessage("no LF within 8");
        assertThat(s.log).containsExactly("piece 1", "lineTooLong 8");
    }

    @Test
    void aLineOverTheLimitIsRefusedEvenWhenItsLineEndIsAlreadyBuffered() throws Exception {
        Script s = new Script("12345678\n123456789\nrest");
        ContentBuffer<IOException, TimeoutException> b = new ContentBuffer<>(s, 8);
        assertThat(text(b.readLine())).isEqualTo("12345678\n");
        assertThatThrownBy(b::readLine).hasMessage("no LF within 8");
        assertThat(s.log).containsExactly("piece 1", "lineTooLong 8");
    }

    @Test
    void theEndInsideALineReturnsWhatIsLeftThenNothing() throws Exception {
        Script s = new Script("one\ntw", "o");
        ContentBuffer<IOException, TimeoutException> b = new ContentBuffer<>(s, 100);
        assertThat(text(b.readLine())).isEqualTo("one\n");
        assertThat(text(b.readLine())).isEqualTo("two");
        assertThat(s.log).containsExactly("piece 1", "piece 2", "end");
        assertThat(b.ended()).isTrue();
        assertThat(b.buffered()).isZero();
        assertThat(b.readLine()).isEmpty();
    }

    @Test
    void readsAfterTheEndReturnEmptyWithoutAskingTheSourceAgain() throws Exception {
        Script s = new Script("xy");
        ContentBuffer<IOException, TimeoutException> b = new ContentBuffer<>(s, 100);
        assertThat(text(b.readAll())).isEqualTo("xy");
        assertThat(s.log).containsExactly("piece 1", "end");

        assertThat(b.read(10)).isEmpty();
        assertThat(b.readChunk()).isEmpty();
        assertThat(b.readLine()).isEmpty();
        assertThat(b.readAll()).isEmpty();
        assertThat(b.iterAny()).isEmpty();
        assertThatThrownBy(() -> b.readExactly(1)).hasMessage("ended after 0 of 1");
        assertThat(s.log)
                .as("the source is asked once for its end")
                .containsExactly("piece 1", "end", "endedEarly 0/1");
    }

    @Test
    void readExactlyThatMeetsTheEndKeepsTheBytesBuffered() throws Exception {
        Script s = new Script("abc", "de");
        ContentBuffer<IOException, TimeoutException> b = new ContentBuffer<>(s, 100);
        assertThat(text(b.readExactly(4))).isEqualTo("abcd");
        assertThatThrownBy(() -> b.readExactly(3)).hasMessage("ended after 1 of 3");
        assertThat(s.log).containsExactly("piece 1", "piece 2", "end", "endedEarly 1/3");
        assertThat(text(b.takeBuffered())).isEqualTo("e");
    }

    @Test
    void readSplitsAPieceAndAWholePieceIsReturnedUncopied() throws Exception {
        Script s = new Script("abcdef", "gh");
        ContentBuffer<IOException, TimeoutException> b = new ContentBuffer<>(s, 100);
        assertThat(text(b.read(4))).isEqualTo("abcd");
        assertThat(text(b.read(4)))
                .as("at most what is buffered: no wait for more")
                .isEqualTo("ef");
        assertThat(s.log).containsExactly("piece 1");
        byte[] whole = b.readChunk();
        assertThat(whole).isSameAs(s.last);
        assertThat(text(whole)).isEqualTo("gh");
        assertThat(b.read(0)).isEmpty();
        assertThat(b.read(-1)).isEmpty();
        assertThat(s.log).containsExactly("piece 1", "piece 2", "end");
    }

    @Test
    void iteratorsThrowTheSourcesCheckedErrorUnwrapped() {
        TimeoutException timeout = new TimeoutException("sockRead");
        Script s = new Script("abcde", timeout);
        ContentBuffer<IOException, TimeoutException> b = new ContentBuffer<>(s, 100);
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
                    for (byte[] piece : b.iterChunked(2)) {
                        seen.add(text(piece));
                    }
                })
                .isSameAs(timeout);
        assertThat(seen).containsExactly("ab", "cd", "e");
        assertThat(s.log).containsExactly("piece 1", "timeout");
        assertThatThrownBy(() -> b.iterChunked(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNonPositiveLineLimitIsRefused() {
        assertThatThrownBy(() -> new ContentBuffer<>(new Script(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line limit");
    }
}
