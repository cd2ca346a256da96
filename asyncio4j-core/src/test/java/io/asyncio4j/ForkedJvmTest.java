package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour that depends on how the JVM was started, checked in freshly started JVMs. */
class ForkedJvmTest {
    private record Result(int exitCode, String output) {}

    private static Result runJava(List<String> jvmArgs, Class<?> main) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            String partial = new String(p.getInputStream().readNBytes(10_000), StandardCharsets.UTF_8);
            throw new AssertionError(main.getSimpleName() + " did not finish within 30 s (deadlock?): " + partial);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Opens a loop in a JVM started without --add-opens. */
    public static final class OpenWithoutFlag {
        public static void main(String[] args) {
            try (Loop loop = Loop.open()) {
                System.out.println("opened " + loop);
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }

    @Test
    void aMissingAddOpensFlagIsReportedWithTheExactFlagAndWhereToPutIt() throws Exception {
        Result r = runJava(List.of(), OpenWithoutFlag.class);
        assertThat(r.exitCode()).as(r.output()).isEqualTo(3);
        assertThat(r.output())
                .contains("--add-opens java.base/java.lang=ALL-UNNAMED")
                .contains("Surefire")
                .contains("Add-Opens: java.base/java.lang");
    }

    /**
     * The JVM's very first socket operations happen inside loop tasks; then, after that loop has
     * closed, a second loop and a plain virtual thread use sockets too. Had the JDK's pollers been
     * started inside the first loop, they would be virtual threads of that loop and die with it.
     */
    public static final class FirstSocketInsideATask {
        public static void main(String[] args) throws Exception {
            System.out.println("first loop read " + Asyncio.run(FirstSocketInsideATask::echo));
            System.out.println("second loop read " + Asyncio.run(FirstSocketInsideATask::echo));
            Thread vt = Thread.ofVirtual().start(() -> {
                try {
                    System.out.println("plain virtual thread read " + echo());
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            vt.join();
        }

        private static String echo() throws Exception {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread reader = Thread.currentThread();
            String[] text = new String[1];
            Thread acceptor = Thread.ofVirtual().unstarted(() -> {
                try (Socket s = server.accept();
                        InputStream in = s.getInputStream()) {
                    text[0] = new String(in.readNBytes(5), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    text[0] = e.toString();
                }
            });
            acceptor.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    OutputStream out = s.getOutputStream()) {
                out.write("hello".getBytes(StandardCharsets.US_ASCII));
            }
            acceptor.join();
            server.close();
            return text[0] + (reader == Thread.currentThread() ? "" : "?");
        }
    }

    @Test
    void theFirstBlockingSocketCallOfTheJvmInsideATaskDoesNotDeadlockTheLoop() throws Exception {
        Result r = runJava(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), FirstSocketInsideATask.class);
        assertThat(r.output())
                .contains("first loop read hello")
                .contains("second loop read hello")
                .contains("plain virtual thread read hello");
        assertThat(r.exitCode()).isZero();
    }
}
