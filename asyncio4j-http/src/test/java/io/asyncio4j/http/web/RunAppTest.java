package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Web.runApp} in a JVM of its own: SIGTERM stops it gracefully (the request in flight is
 * answered, the hooks run) and it returns; the process exits 0.
 */
class RunAppTest {
    @Test
    void sigtermShutsDownGracefully() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp"));
        command.add(System.getProperty("java.class.path"));
        command.add(RunAppMain.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            int port = -1;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("======== Running on http://127.0.0.1:")) {
                    java.util.regex.Matcher m =
                            java.util.regex.Pattern.compile(":(\\d+) =").matcher(line);
                    port = m.find() ? Integer.parseInt(m.group(1)) : -1;
                    break;
                }
            }
            assertThat(port).as("the program printed where it serves: " + lines).isPositive();
            int serving = port;
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), serving)) {
                    s.setSoTimeout(30_000);
                    s.getOutputStream()
                            .write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                } catch (java.io.IOException e) {
                    return "failed: " + e;
                }
            });
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.equals("handler started")) {
                    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid()))
                            .start()
                            .waitFor();
                    break;
                }
            }
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
            assertThat(answer.get(30, TimeUnit.SECONDS))
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("Connection: close\r\n")
                    .endsWith("finished");
            assertThat(lines.subList(2, lines.size()))
                    .containsExactly(
                            "(Press CTRL+C to quit)",
                            "handler started",
                            "on_shutdown",
                            "on_cleanup",
                            "runApp returned");
            assertThat(lines.get(0)).isEqualTo("on_startup");
        } finally {
            p.destroyForcibly();
        }
    }
}
