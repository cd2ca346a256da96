package io.asyncio4j.bench.probes;

import io.asyncio4j.Asyncio;
import io.asyncio4j.net.Server;
import io.asyncio4j.net.ServerOptions;
import io.asyncio4j.net.Streams;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * W4's echo server answering each read with two writes (its first 4 bytes, then the rest), as a
 * protocol writes a header and a body: what gathering the writes of a loop turn saves. With the
 * writes gathered it costs one read and one write system call per message, as the one-write echo.
 *
 * <p>Usage: {@code SplitWriteEcho [port=0]}; prints {@code READY port=<n>} and serves until its
 * standard input closes (W4's READY protocol), so {@code peers/c/w4_measure.sh java ...
 * SplitWriteEcho} measures it like the W4 servers.
 */
public final class SplitWriteEcho {
    private SplitWriteEcho() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Asyncio.run(() -> {
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        try {
                            byte[] data;
                            while ((data = reader.read(65536)).length > 0) {
                                int head = Math.min(4, data.length);
                                writer.write(data, 0, head);
                                writer.write(data, head, data.length - head);
                                writer.drain();
                            }
                        } catch (UncheckedIOException gone) {
                            // the load generator closes its sockets with echoes unread: a reset
                        }
                    },
                    "127.0.0.1",
                    port,
                    ServerOptions.defaults().backlog(1024));
            System.out.println(
                    "READY port=" + ((InetSocketAddress) server.addresses().get(0)).getPort());
            System.out.flush();
            Asyncio.toThread(() -> System.in.transferTo(OutputStream.nullOutputStream()));
            server.close();
            server.closeClients();
            return null;
        });
    }
}
