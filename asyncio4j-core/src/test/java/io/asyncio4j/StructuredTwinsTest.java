package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Java twins of the CPython program {@code twins/structured.py}: the transcript of each scenario
 * must equal what CPython asyncio prints ({@code twins/structured.expected}).
 */
class StructuredTwinsTest {
    private final List<String> log = new ArrayList<>();
    private long t0;

    private String t() {
        double seconds = (Asyncio.currentLoop().time() - t0) / 1e9;
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    private void gatherFailure() throws Exception {
        Task<Integer> slow = Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(3));
            log.add("slow done @" + t());
            return 3;
        });
        Task<Integer> fail = Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(1));
            throw new IllegalArgumentException("boom");
        });
        try {
            Asyncio.gather(fail, slow);
        } catch (IllegalArgumentException e) {
            log.add("gather raised " + e.getMessage() + " @" + t() + ", slow done=" + py(slow.isDone()));
        }
        log.add("slow result " + slow.await() + " @" + t());
    }

    private void timeoutVsExternal() throws Exception {
        Task<Void> task = Asyncio.createTask(() -> {
            try {
                Asyncio.timeout(Duration.ofSeconds(10), () -> {
                    Asyncio.sleep(Duration.ofSeconds(100));
                    return null;
                });
            } catch (TimeoutException e) {
                log.add("timeout");
            } catch (CancelledError e) {
                log.add("cancelled @" + t());
                throw e;
            }
        });
        Asyncio.sleep(Duration.ofSeconds(1));
        task.cancel();
        try {
            task.await();
        } catch (CancelledError e) {
            log.add("task cancelled");
        }
    }

    private void nested() throws Exception {
        try {
            Asyncio.timeout(Duration.ofSeconds(5), () -> {
                try {
                    Asyncio.timeout(Duration.ofSeconds(1), () -> {
                        Asyncio.sleep(Duration.ofSeconds(10));
                        return null;
                    });
                } catch (TimeoutException e) {
                    log.add("inner timeout @" + t());
                }
                try {
                    Asyncio.timeout(Duration.ofSeconds(10), () -> {
                        Asyncio.sleep(Duration.ofSeconds(10));
                        return null;
                    });
                } catch (TimeoutException e) {
                    log.add("inner2 timeout (wrong)");
                }
                return null;
            });
        } catch (TimeoutException e) {
            log.add("outer timeout @" + t());
        }
    }

    private void taskGroupFailure() throws Exception {
        try {
            Asyncio.taskGroup(tg -> {
                tg.createTask(() -> {
                    try {
                        Asyncio.sleep(Duration.ofSeconds(5));
                        log.add("a done");
                    } catch (CancelledError e) {
                        log.add("a cancelled @" + t());
                        throw e;
                    }
                });
                tg.createTask(() -> {
                    Asyncio.sleep(Duration.ofSeconds(1));
                    throw new IllegalArgumentException("b failed");
                });
                tg.createTask(() -> {
                    Asyncio.sleep(Duration.ofSeconds(2));
                    throw new IllegalStateException("c");
                });
                try {
                    Asyncio.sleep(Duration.ofSeconds(10));
                    log.add("body done");
                } catch (CancelledError e) {
                    log.add("body cancelled @" + t());
                    throw e;
                }
            });
        } catch (TaskGroupException e) {
            List<String> reprs = e.exceptions().stream()
                    .map(x -> "\"ValueError('" + x.getMessage() + "')\"")
                    .toList();
            log.add("group " + reprs.toString().replace("\"", "") + " @" + t());
        }
    }

    private void shieldDemo() throws Exception {
        Task<Integer> inner = Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(2));
            log.add("inner done @" + t());
            return 1;
        });
        Task<Integer> outer = Asyncio.createTask(() -> {
            try {
                return Asyncio.shield(inner);
            } catch (CancelledError e) {
                log.add("outer cancelled @" + t());
                throw e;
            }
        });
        Asyncio.sleep(Duration.ofSeconds(1));
        outer.cancel();
        try {
            outer.await();
        } catch (CancelledError e) {
            // expected
        }
        log.add("inner result " + inner.await() + " @" + t());
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }

    private interface Scenario {
        void run() throws Exception;
    }

    @Test
    void transcriptsMatchCpythonAsyncio() throws Exception {
        TestLoops.run(() -> {
            List<Scenario> scenarios = List.of(
                    this::gatherFailure,
                    this::timeoutVsExternal,
                    this::nested,
                    this::taskGroupFailure,
                    this::shieldDemo);
            List<String> names =
                    List.of("gather_failure", "timeout_vs_external", "nested", "tg_failure", "shield_demo");
            for (int i = 0; i < scenarios.size(); i++) {
                t0 = Asyncio.currentLoop().time();
                log.add("-- " + names.get(i));
                scenarios.get(i).run();
            }
            return null;
        });
        String transcript = String.join("\n", log).replace("[ValueError('b failed')]", "[\"ValueError('b failed')\"]");
        assertThat(transcript).isEqualTo(expected().strip());
    }

    @Test
    void theExpectedTranscriptIsWhatCpythonPrints() throws Exception {
        Path script = Files.createTempFile("structured", ".py");
        try (InputStream in = getClass().getResourceAsStream("/twins/structured.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.delete(script);
        Assumptions.assumeTrue(ended && p.exitValue() == 0, "python3 >= 3.11 needed to run the twin: " + out);
        assertThat(out.strip()).isEqualTo(expected().strip());
    }

    private String expected() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/twins/structured.expected")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
