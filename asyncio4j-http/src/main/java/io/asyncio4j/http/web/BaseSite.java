package io.asyncio4j.http.web;

import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.net.Server;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where an {@link AppRunner} listens: aiohttp's {@code BaseSite}. Start a site after {@link
 * AppRunner#setup()}; {@link AppRunner#cleanup()} stops every site.
 */
public abstract sealed class BaseSite permits TcpSite, UnixSite {
    private final AppRunner runner;
    private Server server;

    BaseSite(AppRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The runner. */
    public final AppRunner runner() {
        return runner;
    }

    /**
     * Starts listening and serving.
     *
     * @throws java.net.BindException if the address is in use
     * @throws IllegalStateException if the runner is not set up, or the site has started already
     */
    public final void start() throws IOException {
        Parking.currentTask("site.start");
        if (server != null) {
            throw new IllegalStateException(this + " has started already");
        }
        server = listen(runner.server());
        runner.added(this);
    }

    abstract Server listen(WebServer web) throws IOException;

    /**
     * Stops accepting connections; those accepted go on (the runner's clean-up ends them). Calling
     * it again does nothing.
     */
    public final void stop() {
        Server s = server;
        if (s != null) {
            s.close();
        }
    }

    /** Waits until the site's acceptor and its connections' tasks have ended (after {@link #stop()}). */
    final void waitStopped() {
        Server s = server;
        if (s != null) {
            s.waitClosed();
        }
    }

    /** The addresses listened on, with the ports actually bound; empty before {@link #start()}. */
    public final List<SocketAddress> addresses() {
        Server s = server;
        return s == null ? List.of() : s.addresses();
    }

    /** The site's URL: {@code http://127.0.0.1:8080}; aiohttp's {@code site.name}. */
    public abstract String name();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + "]";
    }
}
