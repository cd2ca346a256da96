package io.asyncio4j.http.client;

import static io.asyncio4j.http.client.Options.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioTest;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The client against nginx: keep-alive under concurrency, chunked gzip, large bodies, HEAD. */
class NginxPeerTest {

    @AsyncioTest(realClock = true, wallTimeoutSeconds = 120)
    void keepAliveGzipAndLargeBodies() throws Exception {
        try (Peer nginx = Peer.nginx("location /status { return 204; }")) {
            byte[] big = new byte[8 << 20];
            new Random(42).nextBytes(big);
            Files.write(nginx.dir().resolve("www/big.bin"), big);
            String text = "nginx gzips this line when asked.\n".repeat(3000);
            Files.writeString(nginx.dir().resolve("www/text.txt"), text);

            try (ClientSession session =
                    new ClientSession(SessionOptions.defaults().limit(10))) {
                // 200 GETs, 50 at a time, over at most 10 keep-alive connections
                List<Task<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    tasks.add(Asyncio.createTask(() -> {
                        try (ClientResponse r = session.get(nginx.url("/text.txt"))) {
                            return r.text().length();
                        }
                    }));
                }
                assertThat(Asyncio.gather(tasks)).containsOnly(text.length());
                ClientSession.Statistics s = session.statistics();
                assertThat(s.created()).isLessThanOrEqualTo(10);
                assertThat(s.created() + s.reused()).isEqualTo(200);

                // gzip: nginx compresses on the fly and sends it chunked
                try (ClientResponse r = session.get(nginx.url("/text.txt"))) {
                    assertThat(r.headers().get("Content-Encoding")).isEqualTo("gzip");
                    assertThat(r.headers().get("Transfer-Encoding")).isEqualTo("chunked");
                    assertThat(r.text()).isEqualTo(text);
                }
                // without Accept-Encoding: plain, with Content-Length
                try (ClientResponse r = session.get(nginx.url("/text.txt"), header("Accept-Encoding", "identity"))) {
                    assertThat(r.headers().get("Content-Encoding")).isNull();
                    assertThat(r.headers().get("Content-Length")).isEqualTo(String.valueOf(text.length()));
                }
                // 8 MiB, whole and streamed
                try (ClientResponse r = session.get(nginx.url("/big.bin"))) {
                    assertThat(r.bytes()).isEqualTo(big);
                }
                MessageDigest streamed = MessageDigest.getInstance("SHA-256");
                long total = 0;
                try (ClientResponse r = session.get(nginx.url("/big.bin"))) {
                    for (byte[] chunk : r.content().iterChunked(64 * 1024)) {
                        streamed.update(chunk);
                        total += chunk.length;
                    }
                }
                assertThat(total).isEqualTo(big.length);
                assertThat(streamed.digest())
                        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(big));
                // HEAD: a Content-Length and no body; 204: no body
                try (ClientResponse r = session.head(nginx.url("/big.bin"))) {
                    assertThat(r.headers().get("Content-Length")).isEqualTo(String.valueOf(big.length));
                    assertThat(r.bytes()).isEmpty();
                }
                try (ClientResponse r = session.get(nginx.url("/status"))) {
                    assertThat(r.status()).isEqualTo(204);
                }
                try (ClientResponse r = session.get(nginx.url("/missing"))) {
                    assertThat(r.status()).isEqualTo(404);
                }
                assertThat(session.statistics().inUse()).isZero();
            }
        }
    }
}
