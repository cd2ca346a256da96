package io.asyncio4j.net;

/**
 * What a server runs for each connection, in a task of its own: asyncio's {@code
 * client_connected_cb}. When it returns (or throws), the server closes the writer; an exception is
 * reported to the loop's exception handler.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /** Serves one connection. */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
