package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Room is made after the unparsed bytes: by compacting, and by doubling only a full buffer. */
class ReadBuffersTest {

    private static String unparsed(ByteBuffer readMode) {
        return StandardCharsets.ISO_8859_1.decode(readMode.duplicate()).toString();
    }

    @Test
    void aBufferWithRoomIsCompactedInPlace() {
        ByteBuffer buf = ByteBuffer.allocate(8);
        buf.put("abcdef".getBytes(StandardCharsets.ISO_8859_1)).flip();
        buf.position(4); // "abcd" parsed
        ByteBuffer room = ReadBuffers.makeRoom(buf);
        assertThat(room).isSameAs(buf);
        assertThat(room.position()).isEqualTo(2);
        assertThat(room.remaining()).isEqualTo(6);
        assertThat(unparsed(room.flip())).isEqualTo("ef");
    }

    @Test
    void aFullBufferIsMovedToOneTwiceAsLarge() {
        ByteBuffer buf = ByteBuffer.allocate(4);
        buf.put("wxyz".getBytes(StandardCharsets.ISO_8859_1)).flip(); // nothing parsed: the parser needs more
        ByteBuffer room = ReadBuffers.makeRoom(buf);
        assertThat(room).isNotSameAs(buf);
        assertThat(room.capacity()).isEqualTo(8);
        assertThat(room.position()).isEqualTo(4);
        assertThat(unparsed(room.flip())).isEqualTo("wxyz");
    }
}
