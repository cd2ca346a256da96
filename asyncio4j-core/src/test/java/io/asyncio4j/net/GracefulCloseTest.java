package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static io.asyncio4j.net.NetTests.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream closed with close() while the peer's bytes wait unread ends with FIN, not RST: the peer
 * reads everything we wrote, then the end of the stream. (A socket closed with unread input makes
 * the kernel send RST, and the peer then loses what it had not read yet.)
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GracefulCloseTest {
    @Test
    void closingWithUnreadInputLetsThePeerReadOurLastBytesAndTheEnd() throws Exception {
        String peerSaw = NetTests.run(() -> {
            CompletableFuture<Void> peerSent = new CompletableFuture<>();
            Server server = Streams.startServer(
                    (reader, writer) -> {
                        Asyncio.await(peerSent); // the peer's bytes are in our receive queue, unread
                        writer.write(ascii("bye\n"));
                        writer.close();
                        writer.waitClosed();
                    },
                    "127.0.0.1",
                    0);
            int port = port(server);
            String saw = Asyncio.toThread(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.getOutputStream().write(new byte[4096]);
                    s.getOutputStream().flush();
                    peerSent.complete(null); // loopback: the bytes are queued at the server already
                    InputStream in = s.getInputStream();
                    StringBuilder got = new StringBuilder();
                    try {
                        int c;
                        while ((c = in.read()) >= 0) {
                            got.append((char) c);
                        }
                        return "read " + got.toString().strip() + ", then the end";
                    } catch (java.net.SocketException e) {
                        return "read '" + new String(got.toString().getBytes(), StandardCharsets.US_ASCII).strip()
                                + "', then " + e.getMessage();
                    }
                }
            });
            server.close();
            server.waitClosed();
            return saw;
        });
        assertThat(peerSaw).isEqualTo("read bye, then the end");
    }
}
