package io.asyncio4j.net;

import static io.asyncio4j.net.NetTests.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Streams.connectReadPipe and connectWritePipe over a FIFO whose other end is CPython asyncio's. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipeStreamsTest {
    @TempDir
    Path dir;

    private Path fifo() throws Exception {
        assumeTrue(NetTests.onPath("python3"), "python3 is not installed: CPython interop skipped");
        assumeTrue(NetTests.onPath("mkfifo"), "mkfifo is not installed: the FIFO tests are skipped");
        Path fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("mkfifo")
                .isTrue();
        return fifo;
    }

    @Test
    void aReadPipeGetsWhatCpythonsWritePipeSends() throws Exception {
        Path fifo = fifo();
        try (NetTests.Peer py = NetTests.Peer.python("fifo_peer.py", "write", fifo.toString(), "one", "two", "three")) {
            List<String> log = NetTests.run(() -> {
                List<String> out = new ArrayList<>();
                // Opening a FIFO blocks until the other end opens it: off the loop.
                FileInputStream in = Asyncio.toThread(() -> new FileInputStream(fifo.toFile()));
                StreamReader reader = Streams.connectReadPipe(in);
                byte[] line;
                while ((line = reader.readLine()).length > 0) {
                    out.add(ascii(line).strip());
                }
                out.add("eof " + reader.atEof());
                out.add(Asyncio.toThread(py::readLine));
                return out;
            });
            assertThat(log).containsExactly("one", "two", "three", "eof true", "wrote 3");
        }
    }

    @Test
    void aWritePipeFeedsCpythonsReadPipe() throws Exception {
        Path fifo = fifo();
        try (NetTests.Peer py = NetTests.Peer.python("fifo_peer.py", "read", fifo.toString())) {
            List<String> printed = NetTests.run(() -> {
                FileOutputStream out = Asyncio.toThread(() -> new FileOutputStream(fifo.toFile()));
                StreamWriter writer = Streams.connectWritePipe(out);
                byte[] big = new byte[300_000];
                java.util.Arrays.fill(big, (byte) 'x');
                writer.write(ascii("alpha\n"));
                writer.write(big);
                writer.write(ascii("\nbeta\n"));
                writer.drain();
                writer.close();
                writer.waitClosed();
                List<String> lines = Asyncio.toThread(py::rest);
                List<String> shown = new ArrayList<>();
                for (String l : lines) {
                    shown.add(l.length() > 40 ? "got " + (l.length() - 4) + " bytes" : l);
                }
                return shown;
            });
            assertThat(printed).containsExactly("got alpha", "got 300000 bytes", "got beta", "eof");
        }
    }
}
