package io.asyncio4j.http.web;

import io.asyncio4j.net.Server;
import io.asyncio4j.net.Streams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A site on a Unix-domain socket: aiohttp's {@code UnixSite}. A stale socket file is replaced; the
 * file is removed when the site stops. {@code curl --unix-socket PATH http://localhost/} talks to it.
 */
public final class UnixSite extends BaseSite {
    private final Path path;

    /** A site on the socket file {@code path}. */
    public UnixSite(AppRunner runner, Path path) {
        super(runner);
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    List<Server> listen(WebServer web) throws IOException {
        return List.of(Streams.startUnixServer(web.handler(), path, runner().serverOptions(null)));
    }

    /** The socket file. */
    public Path path() {
        return path;
    }

    @Override
    public String name() {
        return "http://unix:" + path + ":";
    }
}
