package io.asyncio4j.net;

/**
 * The two halves of a connection, as {@link Streams#openConnection} returns them (asyncio's {@code
 * reader, writer = await open_connection(...)}). Closing the pair closes the writer, which closes
 * the connection once its buffer is sent.
 *
 * {@snippet :
 * try (StreamPair conn = Streams.openConnection("127.0.0.1", 8888)) {
 *     conn.writer().write("ping\n".getBytes(StandardCharsets.US_ASCII));
 *     byte[] answer = conn.reader().readLine();
 * }
 * }
 *
 * @param reader what the peer sends
 * @param writer what is sent to the peer
 */
public record StreamPair(StreamReader reader, StreamWriter writer) implements AutoCloseable {
    /** Closes the writer ({@link StreamWriter#close()}); does not wait. */
    @Override
    public void close() {
        writer.close();
    }
}
