package io.asyncio4j.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * CPython's aiohttp (Debian's python3-aiohttp), the peer nobody here wrote for the client, the
 * server, multipart and WebSocket tests: one check, so every test skips it the same way, naming the
 * package and {@code scripts/install-test-peers.sh}.
 */
public final class CpythonAiohttp {
    private CpythonAiohttp() {}

    /** The interpreter the peer scripts run in. */
    public static final String PYTHON = "/usr/bin/python3";

    /**
     * Skips the calling test unless {@link #PYTHON} can import aiohttp. On a loop the check runs off
     * it ({@code toThread}); it gives up after 60 s.
     */
    public static void assumeInstalled() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + ": install python3-aiohttp");
        Callable<Boolean> imports = () -> {
            Process p = new ProcessBuilder(PYTHON, "-c", "import aiohttp")
                    .redirectErrorStream(true)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        };
        assumeTrue(
                Asyncio.currentTask() != null ? Asyncio.toThread(imports) : imports.call(),
                "CPython's aiohttp is missing: install python3-aiohttp (scripts/install-test-peers.sh)");
    }
}
