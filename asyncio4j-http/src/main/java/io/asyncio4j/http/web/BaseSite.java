package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Loop;
import io.asyncio4j.LoopClosedException;
import io.asyncio4j.lowlevel.Parking;
import io.asyncio4j.net.Server;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where an {@link AppRunner} listens: aiohttp's {@code BaseSite}. Start a site after {@link
 * AppRunner#setup()}; {@link AppRunner#cleanup()} stops every site.
 */
public abstract sealed class BaseSite permits TcpSite, UnixSite {
    private final AppRunner runner;
    /**
     * The listening servers: one on the runner's loop, or one per worker loop (and address) when
     * each worker accepts its own connections ({@link RunnerOptions#acceptOnEachWorker}). Null
     * before {@link #start()}.
     */
    private List<Server> servers;

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
        if (servers != null) {
            throw new IllegalStateException(this + " has started already");
        }
        servers = List.copyOf(listen(runner.server()));
        runner.added(this);
    }

    abstract List<Server> listen(WebServer web) throws IOException;

    /**
     * Stops accepting connections; those accepted go on (the runner's clean-up ends them). A server
     * on a worker loop stops at that loop's next turn. Calling it again does nothing.
     */
    public final void stop() {
        List<Server> all = servers;
        if (all == null) {
            return;
        }
        for (Server s : all) {
            Loop l = s.loop();
            if (Parking.isLoopThread(l)) {
                s.close();
            } else {
                try {
                    l.callSoonThreadsafe(s::close);
                } catch (LoopClosedException e) {
                    // the loop is gone, and its socket with it
                }
            }
        }
    }

    /** Waits until the site's acceptors and its connections' tasks have ended (after {@link #stop()}). */
    final void waitStopped() throws Exception {
        List<Server> all = servers;
        if (all == null) {
            return;
        }
        for (Server s : all) {
            if (Parking.isLoopThread(s.loop())) {
                s.waitClosed();
            } else {
                try {
                    Asyncio.await(s.loop().submit(() -> {
                        s.close();
                        s.waitClosed();
                    }));
                } catch (LoopClosedException e) {
                    // the loop is gone, and the server with it
                }
            }
        }
    }

    /** The addresses listened on, with the ports actually bound; empty before {@link #start()}. */
    public final List<SocketAddress> addresses() {
        List<Server> all = servers;
        if (all == null) {
            return List.of();
        }
        Set<SocketAddress> distinct = new LinkedHashSet<>();
        for (Server s : all) {
            distinct.addAll(s.addresses());
        }
        return List.copyOf(distinct);
    }

    /** The site's URL: {@code http://127.0.0.1:8080}; aiohttp's {@code site.name}. */
    public abstract String name();

    /**
     * Runs {@code body} as a task of {@code loop} and returns its value, parking the calling task
     * meanwhile: how a site starts a server on a worker loop (a server accepts on the loop that
     * started it).
     */
    static <T> T onLoop(Loop loop, Coroutine<T> body) throws IOException {
        try {
            return Asyncio.await(loop.submit(body));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("could not start listening on " + loop.name() + ": " + e, e);
        }
    }

    /** Closes each of {@code started} on its own loop, after a failed start. */
    static void closeAll(List<Server> started) {
        for (Server s : started) {
            try {
                onLoop(s.loop(), () -> {
                    s.close();
                    return null;
                });
            } catch (IOException | RuntimeException e) {
                // the loop is gone, and the server with it
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + "]";
    }
}
