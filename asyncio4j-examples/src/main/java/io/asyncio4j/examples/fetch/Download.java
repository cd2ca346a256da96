package io.asyncio4j.examples.fetch;

import java.net.URI;
import java.nio.file.Path;

/**
 * One file of an {@code aio fetch}: where it comes from, where it goes, and how far it got. Touched
 * by the loop thread only (the download's task writes it, the display reads it between steps).
 */
final class Download {
    /** Where a download is. */
    enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    final URI url;
    final String name;
    final Path target;
    State state = State.QUEUED;
    /** Bytes written so far. */
    long bytes;
    /** The body's length from {@code Content-Length}, or -1 when the server did not say. */
    long total = -1;
    /** Loop time (ns) when it started and when it ended. */
    long startedAt;

    long endedAt;
    /** Why it failed, or null. */
    String failure;

    Download(URI url, String name, Path target) {
        this.url = url;
        this.name = name;
        this.target = target;
    }

    boolean finished() {
        return state == State.DONE || state == State.FAILED;
    }
}
