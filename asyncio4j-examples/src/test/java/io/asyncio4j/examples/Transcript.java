package io.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

/** What an example printed: hand {@link #out} to the program, read {@link #lines()} afterwards. */
final class Transcript {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** The stream the example prints to (thread-safe, as every PrintStream). */
    final PrintStream out = new PrintStream(bytes, true, UTF_8);

    /** The lines printed so far. */
    List<String> lines() {
        out.flush();
        return bytes.toString(UTF_8).lines().toList();
    }
}
